#include "database/annotationrepository.h"

#include "core/error.h"
#include "core/taxonomy.h"
#include "database/filmrepository.h"
#include "database/sqlitedatabase.h"
#include "database/sqlitestatement.h"
#include "database/transaction.h"

using ms::core::UserError;

namespace ms::db {

namespace {

// One history row as history() and latestChanges() select it: id, clip
// name, annotator, action, level, concepts, note, changed_at, source.
HistoryEntry historyEntry(SqliteStatement &st)
{
    HistoryEntry e;
    e.id = st.int64(0);
    e.clipName = st.text(1);
    e.annotator = st.text(2);
    e.action = st.text(3);
    if (!st.isNull(4))
        e.level = core::parseLevel(st.text(4));
    e.concepts = st.text(5).split(u'|', Qt::SkipEmptyParts);
    e.note = st.text(6);
    e.changedAt = QDateTime::fromString(st.text(7), Qt::ISODateWithMs);
    e.source = st.text(8);
    return e;
}

} // namespace

AnnotationRepository::AnnotationRepository(SqliteDatabase &db)
    : m_db(db),
      m_selectAnnotation(db, "SELECT id, level, note FROM annotations WHERE clip_id = ? AND "
                             "annotator = ?"),
      m_selectConcepts(db, "SELECT c.name FROM annotation_concepts ac JOIN concepts c ON c.id = "
                           "ac.concept_id WHERE ac.annotation_id = ? ORDER BY c.position, c.id"),
      m_upsert(db, "INSERT INTO annotations(clip_id, annotator, level, note, changed_at) "
                   "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(clip_id, annotator) DO UPDATE SET "
                   "level = ?3, note = ?4, changed_at = ?5, revision = revision + 1 "
                   "RETURNING id"),
      m_deleteAnnotation(db, "DELETE FROM annotations WHERE id = ?"),
      m_deleteConcepts(db, "DELETE FROM annotation_concepts WHERE annotation_id = ?"),
      m_insertConcept(db,
                      "INSERT INTO annotation_concepts(annotation_id, concept_id) VALUES (?, ?)"),
      m_insertHistory(db, "INSERT INTO annotation_history(clip_id, annotator, action, level, "
                          "concepts, note, changed_at, source) VALUES (?,?,?,?,?,?,?,?)")
{
}

QString AnnotationRepository::timestamp(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}

QList<core::Film> AnnotationRepository::films()
{
    auto st = m_db.prepare(
        (QByteArray("SELECT ") + FilmRepository::columns() + " FROM films ORDER BY movie_id")
            .constData());
    QList<core::Film> out;
    while (st.step())
        out.append(FilmRepository::fromRow(st));
    return out;
}

static core::Clip clipFrom(SqliteStatement &st)
{
    core::Clip c;
    c.id = st.int64(0);
    c.filmId = st.int64(1);
    c.name = st.text(2);
    c.movieId = st.text(3);
    c.startMs = st.optionalInt64(4);
    c.endMs = st.optionalInt64(5);
    return c;
}

QList<core::Clip> AnnotationRepository::clips()
{
    auto st = m_db.prepare("SELECT c.id, c.film_id, c.name, f.movie_id, c.start_ms, c.end_ms "
                           "FROM clips c JOIN films f ON f.id = c.film_id "
                           "ORDER BY f.movie_id, coalesce(c.start_ms, 0), c.name");
    QList<core::Clip> out;
    while (st.step())
        out.append(clipFrom(st));
    return out;
}

std::optional<core::Clip> AnnotationRepository::clipByName(const QString &name)
{
    auto st = m_db.prepare("SELECT c.id, c.film_id, c.name, f.movie_id, c.start_ms, c.end_ms "
                           "FROM clips c JOIN films f ON f.id = c.film_id WHERE c.name = ?");
    st.bind(1, name);
    if (!st.step())
        return std::nullopt;
    return clipFrom(st);
}

QMap<QString, int> AnnotationRepository::clipsPerFilm()
{
    auto st = m_db.prepare("SELECT f.movie_id, count(c.id) FROM films f LEFT JOIN clips c ON "
                           "c.film_id = f.id GROUP BY f.id");
    QMap<QString, int> out;
    while (st.step())
        out.insert(st.text(0), int(st.int64(1)));
    return out;
}

// %1 filters the annotations before ranking (one clip), %2 after.
static const char *kEffectiveSql =
    "WITH ranked AS (SELECT a.*, row_number() OVER (PARTITION BY a.clip_id ORDER BY "
    "a.changed_at DESC, a.id DESC) AS rn FROM annotations a %1) "
    "SELECT r.id, c.name, f.movie_id, r.annotator, r.level, r.note, r.changed_at, "
    "(SELECT group_concat(name, '|') FROM (SELECT k.name FROM annotation_concepts ac JOIN "
    "concepts k ON k.id = ac.concept_id WHERE ac.annotation_id = r.id ORDER BY k.position, k.id)) "
    "FROM ranked r JOIN clips c ON c.id = r.clip_id JOIN films f ON f.id = c.film_id "
    "WHERE r.rn = 1 ORDER BY f.movie_id, c.name";

static core::Annotation annotationFrom(SqliteStatement &st)
{
    core::Annotation a;
    a.clipName = st.text(1);
    a.movieId = st.text(2);
    a.annotator = st.text(3);
    a.level = *core::parseLevel(st.text(4));
    a.note = st.text(5);
    a.changedAt = QDateTime::fromString(st.text(6), Qt::ISODateWithMs);
    a.concepts = st.text(7).split(u'|', Qt::SkipEmptyParts);
    return a;
}

QList<core::Annotation> AnnotationRepository::effectiveAnnotations(const core::LabelRule &rule)
{
    if (!rule.isLatest())
        return rule.apply(currentAnnotations(std::nullopt), conceptOrder()).labels;
    // Today's rule straight from SQL: the hot path of the table and the panel.
    const QByteArray sql = QString::fromLatin1(kEffectiveSql).arg(QString()).toUtf8();
    auto st = m_db.prepare(sql.constData());
    QList<core::Annotation> out;
    while (st.step())
        out.append(annotationFrom(st));
    return out;
}

core::LabelRule::Outcome AnnotationRepository::labels(const core::LabelRule &rule)
{
    if (rule.kind() == core::LabelRule::Kind::Annotator) {
        auto st = m_db.prepare("SELECT 1 FROM annotations WHERE annotator = ? LIMIT 1");
        st.bind(1, rule.annotatorName());
        if (!st.step()) {
            QStringList names;
            auto all =
                m_db.prepare("SELECT DISTINCT annotator FROM annotations ORDER BY annotator");
            while (all.step())
                names.append(QStringLiteral("'%1'").arg(all.text(0)));
            throw UserError(
                QStringLiteral("%1: no annotations by '%2' (the label rule %3); the project's "
                               "annotators are %4")
                    .arg(m_db.path(), rule.annotatorName(), rule.toString(),
                         names.isEmpty() ? QStringLiteral("none")
                                         : names.join(QStringLiteral(", "))));
        }
    }
    if (!rule.isLatest())
        return rule.apply(currentAnnotations(std::nullopt), conceptOrder());
    core::LabelRule::Outcome out;
    out.labels = effectiveAnnotations(rule);
    out.clips = int(out.labels.size());
    return out;
}

QList<core::ImportRecord> AnnotationRepository::annotationTable(const core::LabelRule &rule)
{
    QHash<QString, core::Annotation> byClip;
    for (core::Annotation &a : effectiveAnnotations(rule))
        byClip.insert(a.clipName, std::move(a));
    QList<core::ImportRecord> out;
    for (const core::Clip &c : clips()) {
        core::ImportRecord r;
        r.clipId = c.name;
        r.movieId = c.movieId;
        r.hasTimes = true;
        r.startMs = c.startMs;
        r.endMs = c.endMs;
        if (auto it = byClip.constFind(c.name); it != byClip.constEnd()) {
            r.level = it->level;
            r.concepts = it->concepts;
        }
        out.append(r);
    }
    return out;
}

std::optional<core::Annotation>
AnnotationRepository::effectiveAnnotation(qint64 clipId, const core::LabelRule &rule)
{
    if (!rule.isLatest())
        return rule.label(clipAnnotations(clipId), conceptOrder());
    const QByteArray sql =
        QString::fromLatin1(kEffectiveSql).arg(QStringLiteral("WHERE a.clip_id = ?")).toUtf8();
    auto st = m_db.prepare(sql.constData());
    st.bind(1, clipId);
    if (!st.step())
        return std::nullopt;
    return annotationFrom(st);
}

QList<core::Annotation> AnnotationRepository::clipAnnotations(qint64 clipId)
{
    return currentAnnotations(clipId);
}

QList<core::Annotation> AnnotationRepository::currentAnnotations(std::optional<qint64> clipId)
{
    // The columns of kEffectiveSql, so annotationFrom() reads both. Ordered
    // so that of two changes at the same time the later row counts as newer,
    // as the latest rule's SQL breaks ties.
    QByteArray sql =
        "SELECT a.id, c.name, f.movie_id, a.annotator, a.level, a.note, a.changed_at, "
        "(SELECT group_concat(name, '|') FROM (SELECT k.name FROM annotation_concepts ac JOIN "
        "concepts k ON k.id = ac.concept_id WHERE ac.annotation_id = a.id ORDER BY k.position, "
        "k.id)) FROM annotations a JOIN clips c ON c.id = a.clip_id JOIN films f ON f.id = "
        "c.film_id ";
    if (clipId)
        sql += "WHERE a.clip_id = ? ";
    sql += "ORDER BY f.movie_id, c.name, a.changed_at, a.id";
    auto st = m_db.prepare(sql.constData());
    if (clipId)
        st.bind(1, *clipId);
    QList<core::Annotation> out;
    while (st.step())
        out.append(annotationFrom(st));
    return out;
}

QStringList AnnotationRepository::conceptOrder()
{
    auto st = m_db.prepare("SELECT name FROM concepts ORDER BY position, id");
    QStringList out;
    while (st.step())
        out.append(st.text(0));
    return out;
}

AnnotationState AnnotationRepository::state(qint64 clipId, const QString &annotator)
{
    AnnotationState s;
    m_selectAnnotation.bind(1, clipId).bind(2, annotator);
    if (m_selectAnnotation.step()) {
        const qint64 id = m_selectAnnotation.int64(0);
        s.level = core::parseLevel(m_selectAnnotation.text(1));
        s.note = m_selectAnnotation.text(2);
        m_selectConcepts.bind(1, id);
        while (m_selectConcepts.step())
            s.concepts.append(m_selectConcepts.text(0));
        m_selectConcepts.reset();
    }
    m_selectAnnotation.reset();
    return s;
}

QHash<QString, qint64> AnnotationRepository::conceptIds()
{
    QHash<QString, qint64> ids;
    auto st = m_db.prepare("SELECT id, name FROM concepts");
    while (st.step())
        ids.insert(st.text(1), st.int64(0));
    return ids;
}

bool AnnotationRepository::setAnnotation(qint64 clipId, const QString &annotator,
                                         const AnnotationState &state, const QString &source)
{
    if (annotator.trimmed().isEmpty())
        throw UserError(QStringLiteral("an annotation needs the annotator's name"));
    Transaction tx(m_db);
    auto clip = m_db.prepare("SELECT 1 FROM clips WHERE id = ?");
    clip.bind(1, clipId);
    if (!clip.step())
        throw UserError(QStringLiteral("%1: no clip with id %2").arg(m_db.path()).arg(clipId));
    const bool changed = writeAnnotation(clipId, annotator, state, conceptIds(), source,
                                         QDateTime::currentDateTimeUtc());
    if (changed)
        tx.commit();
    return changed;
}

bool AnnotationRepository::writeAnnotation(qint64 clipId, const QString &annotator,
                                           const AnnotationState &wanted,
                                           const QHash<QString, qint64> &ids, const QString &source,
                                           const QDateTime &when)
{
    AnnotationState target = wanted;
    if (!target.level) {
        target.concepts.clear();
        target.note.clear();
    }
    for (QString &c : target.concepts)
        c = core::Taxonomy::normaliseName(c);
    target.concepts.removeDuplicates();
    for (const QString &c : std::as_const(target.concepts))
        if (!ids.contains(c))
            throw UserError(
                QStringLiteral("%1: no concept named '%2' in the taxonomy").arg(m_db.path(), c));
    // Compare as sets: the order of ticked concepts carries no meaning.
    const AnnotationState before = state(clipId, annotator);
    auto sortedCopy = [](QStringList l) {
        l.sort();
        return l;
    };
    if (before.level == target.level && before.note == target.note &&
        sortedCopy(before.concepts) == sortedCopy(target.concepts))
        return false;

    const QString ts = timestamp(when);
    if (target.level) {
        m_upsert.bind(1, clipId).bind(2, annotator).bind(3, core::levelCode(*target.level));
        m_upsert.bind(4, target.note).bind(5, ts);
        m_upsert.step();
        const qint64 annotationId = m_upsert.int64(0);
        m_upsert.reset();
        m_deleteConcepts.bind(1, annotationId);
        m_deleteConcepts.run();
        for (const QString &c : std::as_const(target.concepts)) {
            m_insertConcept.bind(1, annotationId).bind(2, ids.value(c));
            m_insertConcept.run();
        }
    } else {
        m_selectAnnotation.bind(1, clipId).bind(2, annotator);
        const bool exists = m_selectAnnotation.step();
        const qint64 annotationId = exists ? m_selectAnnotation.int64(0) : 0;
        m_selectAnnotation.reset();
        if (exists) {
            m_deleteAnnotation.bind(1, annotationId);
            m_deleteAnnotation.run();
        }
    }
    m_insertHistory.bind(1, clipId).bind(2, annotator);
    m_insertHistory.bind(3, target.level ? QStringLiteral("set") : QStringLiteral("clear"));
    if (target.level)
        m_insertHistory.bind(4, core::levelCode(*target.level));
    else
        m_insertHistory.bindNull(4);
    m_insertHistory.bind(5, target.concepts.join(u'|')).bind(6, target.note).bind(7, ts);
    m_insertHistory.bind(8, source);
    m_insertHistory.run();
    return true;
}

QList<HistoryEntry> AnnotationRepository::history(qint64 clipId)
{
    auto st = m_db.prepare("SELECT h.id, c.name, h.annotator, h.action, h.level, h.concepts, "
                           "h.note, h.changed_at, h.source FROM annotation_history h JOIN clips c "
                           "ON c.id = h.clip_id WHERE h.clip_id = ? ORDER BY h.id");
    st.bind(1, clipId);
    QList<HistoryEntry> out;
    while (st.step()) {
        out.append(historyEntry(st));
    }
    return out;
}

QHash<qint64, HistoryEntry> AnnotationRepository::latestChanges(const QString &annotator)
{
    auto st = m_db.prepare("SELECT h.id, c.name, h.annotator, h.action, h.level, h.concepts, "
                           "h.note, h.changed_at, h.source, h.clip_id FROM annotation_history h "
                           "JOIN clips c ON c.id = h.clip_id WHERE h.annotator = ? AND h.id = "
                           "(SELECT max(id) FROM annotation_history x WHERE x.clip_id = "
                           "h.clip_id AND x.annotator = h.annotator)");
    st.bind(1, annotator);
    QHash<qint64, HistoryEntry> out;
    while (st.step()) {
        out.insert(st.int64(9), historyEntry(st));
    }
    return out;
}

qint64 AnnotationRepository::historyCount()
{
    return m_db.scalar("SELECT count(*) FROM annotation_history");
}

} // namespace ms::db
