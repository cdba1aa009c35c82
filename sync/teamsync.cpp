#include "sync/teamsync.h"

#include "core/error.h"
#include "core/level.h"
#include "database/annotationrepository.h"
#include "database/cliprepository.h"
#include "database/projectdatabase.h"
#include "database/projectmeta.h"
#include "database/sqlitedatabase.h"
#include "database/taxonomyrepository.h"
#include "database/transaction.h"
#include "sync/pgconnection.h"
#include "sync/servererror.h"
#include "sync/teamlink.h"
#include "sync/teamserver.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QUuid>
#include <sqlite3.h>
#include <algorithm>
#include <chrono>
#include <optional>
#include <thread>

namespace ms::sync {

namespace {

using ms::core::UserError;

// Pulled changes per local transaction while the project may be edited
// beside the pull, and the longest such a transaction should hold the write
// lock; in a project being joined (no one edits it yet), larger ones.
constexpr int kApplyChunk = 32;
constexpr int kApplyHoldUs = 2000;
constexpr int kJoinChunk = 2000;
// While a long pull applies, local edits are pushed this often.
constexpr qint64 kPushEveryMs = 250;
// Changes read before applying: the deduplication window of a pull.
constexpr qsizetype kPullWindow = 20000;

// One change as it travels to the server.
struct Change
{
    qint64 outboxId = 0; // 0: not from the outbox (init)
    QString changeId;
    QString kind;
    QString key;
    QString annotator;            // annotation only
    std::optional<QString> level; // annotation: nullopt = cleared
    QString concepts;
    QString note;
    QString value; // JSON (film, clip, concept, concept_rename)
    QString changedAt;
};

QString canonical(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QJsonObject parseJson(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

QJsonValue optionalNumber(const std::optional<qint64> &v)
{
    return v ? QJsonValue(double(*v)) : QJsonValue(QJsonValue::Null);
}

QString nowText()
{
    return db::AnnotationRepository::timestamp(QDateTime::currentDateTimeUtc());
}

QString newUuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

// The local films, clips and concepts as the server sees them: what
// team_published is compared against. Concepts are keyed by their local id
// so that a rename is recognised as one.
struct Catalog
{
    QList<std::pair<QString, QString>> films;                 // movie_id, value
    QList<std::pair<QString, QString>> clips;                 // name, value
    QList<std::tuple<qint64, QString, QJsonObject>> concepts; // id, name, value (no name)
};

QJsonObject conceptValue(const db::SqliteStatement &st, int first)
{
    QJsonObject o;
    o.insert(QStringLiteral("modality"),
             st.isNull(first) ? QJsonValue(QJsonValue::Null) : QJsonValue(st.text(first)));
    o.insert(QStringLiteral("description"), st.text(first + 1));
    o.insert(QStringLiteral("retired"), st.int64(first + 2) != 0);
    o.insert(QStringLiteral("position"), double(st.int64(first + 3)));
    return o;
}

QString publishedConcept(const QString &name, QJsonObject value)
{
    value.insert(QStringLiteral("name"), name);
    return canonical(value);
}

Catalog readCatalog(db::SqliteDatabase &db)
{
    Catalog c;
    auto films = db.prepare("SELECT movie_id, title FROM films ORDER BY id");
    while (films.step())
        c.films.append({films.text(0), canonical({{QStringLiteral("title"), films.text(1)}})});
    auto clips = db.prepare("SELECT c.name, f.movie_id, c.start_ms, c.end_ms FROM clips c JOIN "
                            "films f ON f.id = c.film_id ORDER BY c.id");
    while (clips.step())
        c.clips.append(
            {clips.text(0),
             canonical({{QStringLiteral("film"), clips.text(1)},
                        {QStringLiteral("start"), optionalNumber(clips.optionalInt64(2))},
                        {QStringLiteral("end"), optionalNumber(clips.optionalInt64(3))}})});
    auto concepts = db.prepare(
        "SELECT id, name, modality, description, retired, position FROM concepts ORDER BY id");
    while (concepts.step())
        c.concepts.append({concepts.int64(0), concepts.text(1), conceptValue(concepts, 2)});
    return c;
}

QHash<QString, QString> readPublished(db::SqliteDatabase &db)
{
    QHash<QString, QString> out;
    auto st = db.prepare("SELECT kind, key, value FROM team_published");
    while (st.step())
        out.insert(st.text(0) + u'\x1f' + st.text(1), st.text(2));
    return out;
}

void setPublished(db::SqliteDatabase &db, const QString &kind, const QString &key,
                  const QString &value)
{
    auto st = db.prepare("INSERT INTO team_published(kind, key, value) VALUES (?1, ?2, ?3) "
                         "ON CONFLICT(kind, key) DO UPDATE SET value = ?3");
    st.bind(1, kind).bind(2, key).bind(3, value);
    st.run();
}

// Sends `changes` as one multi-row INSERT inside the caller's server
// transaction; returns how many were new.
qint64 insertRun(PgConnection &conn, const QString &origin, const QList<Change> &changes)
{
    if (changes.isEmpty())
        return 0;
    QByteArray sql = "INSERT INTO modalscope.changes(change_id, origin, kind, key, annotator, "
                     "level, concepts, note, value, changed_at) VALUES ";
    QVariantList params;
    params.reserve(changes.size() * 10);
    int n = 0;
    for (const Change &c : changes) {
        if (n > 0)
            sql += ',';
        sql += QStringLiteral(
                   "($%1::uuid,$%2::uuid,$%3,$%4,$%5,$%6,$%7,$%8,$%9::jsonb,$%10::timestamptz)")
                   .arg(n + 1)
                   .arg(n + 2)
                   .arg(n + 3)
                   .arg(n + 4)
                   .arg(n + 5)
                   .arg(n + 6)
                   .arg(n + 7)
                   .arg(n + 8)
                   .arg(n + 9)
                   .arg(n + 10)
                   .toLatin1();
        n += 10;
        params << c.changeId << origin << c.kind << c.key
               << (c.kind == u"annotation" ? QVariant(c.annotator) : QVariant())
               << (c.level ? QVariant(*c.level) : QVariant()) << c.concepts << c.note
               << (c.value.isEmpty() ? QVariant() : QVariant(c.value)) << c.changedAt;
    }
    sql += " ON CONFLICT (change_id) DO NOTHING";
    return conn.exec(sql.constData(), params).affected();
}

// The server applies a statement's rows to its state tables at the end of
// the statement, and an annotation is accepted only for a clip the team
// has: so films, clips and concepts go in statements before the annotations.
qint64 insertChanges(PgConnection &conn, const QString &origin, const QList<Change> &changes)
{
    qint64 added = 0;
    qsizetype start = 0;
    for (qsizetype i = 1; i <= changes.size(); ++i)
        if (i == changes.size() ||
            (changes.at(i).kind == u"annotation") != (changes.at(start).kind == u"annotation")) {
            added += insertRun(conn, origin, changes.mid(start, i - start));
            start = i;
        }
    return added;
}

QString describeChange(const Change &c)
{
    if (c.kind == u"annotation")
        return QStringLiteral("the annotation of clip '%1' by '%2'").arg(c.key, c.annotator);
    if (c.kind == u"concept_rename")
        return QStringLiteral("the renaming of concept '%1'").arg(c.key);
    return QStringLiteral("%1 '%2'").arg(c.kind == u"film"   ? QStringLiteral("film")
                                         : c.kind == u"clip" ? QStringLiteral("clip")
                                                             : QStringLiteral("concept"),
                                         c.key);
}

bool isDeletion(const QJsonObject &value)
{
    return value.value(QStringLiteral("deleted")).toBool();
}

// A clip removed by a coordinator, or brought back (undo), goes through
// ClipRepository in a transaction of its own (the caller holds none): a
// removed clip's annotations and history are kept aside in the project
// (deleted_clips), never lost, and come back with it. True when the change
// is done here; false when it is a plain upsert still to apply.
bool applyClipArchive(db::SqliteDatabase &db, const QString &key, const QJsonObject &value)
{
    auto find = db.prepare("SELECT id FROM clips WHERE name = ?");
    find.bind(1, key);
    const std::optional<qint64> id =
        find.step() ? std::optional<qint64>(find.int64(0)) : std::nullopt;
    find.reset();
    if (isDeletion(value)) {
        if (id) {
            db::ClipEdit edit;
            edit.remove = {*id};
            edit.allowOverlap = true;
            db::ClipRepository(db).apply(edit);
        }
        auto unpublish = db.prepare("DELETE FROM team_published WHERE kind = 'clip' AND key = ?");
        unpublish.bind(1, key);
        unpublish.run();
        return true;
    }
    if (id)
        return false;
    auto archived = db.prepare("SELECT clip_id FROM deleted_clips WHERE json_extract(clip, "
                               "'$.name') = ? ORDER BY id DESC LIMIT 1");
    archived.bind(1, key);
    if (!archived.step())
        return false;
    const qint64 clipId = archived.int64(0);
    archived.reset();
    db::ClipEdit edit;
    edit.restore = {clipId};
    edit.allowOverlap = true;
    const qint64 lastHistory = db.scalar("SELECT coalesce(max(id), 0) FROM annotation_history");
    try {
        db::ClipRepository(db).apply(edit);
        // The history brought back is not new: the server kept these
        // annotations (a removed clip's stay in its state), so they are not
        // sent again.
        auto unqueue = db.prepare("DELETE FROM team_outbox WHERE history_id IN (SELECT id FROM "
                                  "annotation_history WHERE id > ? AND clip_id = ?)");
        unqueue.bind(1, lastHistory).bind(2, clipId);
        unqueue.run();
    } catch (const UserError &) {
        // Its id or name was taken meanwhile: a new clip then, the kept
        // annotations stay aside.
    }
    return false; // its times and film are set by the upsert
}

// Applies the pulled changes of one batch to the local project (inside the
// caller's transaction). Writes through AnnotationRepository with source
// "team:pull", which the outbox trigger leaves alone.
class Applier
{
public:
    explicit Applier(db::SqliteDatabase &db) : m_db(db), m_repo(db)
    {
        auto st = m_db.prepare("SELECT id, name FROM concepts");
        while (st.step())
            m_concepts.insert(st.text(1), st.int64(0));
    }

    // false (with `why`) when the change cannot apply here.
    bool apply(const QString &kind, const QString &key, const QString &annotator,
               const std::optional<QString> &level, const QString &concepts, const QString &note,
               const QJsonObject &value, const QString &changedAt, QString *why)
    {
        if (kind == u"annotation")
            return applyAnnotation(key, annotator, level, concepts, note, changedAt, why);
        if (kind == u"film") {
            auto st = m_db.prepare("INSERT INTO films(movie_id, title) VALUES (?1, ?2) "
                                   "ON CONFLICT(movie_id) DO UPDATE SET title = ?2");
            st.bind(1, key).bind(2, value.value(QStringLiteral("title")).toString());
            st.run();
            setPublished(m_db, QStringLiteral("film"), key, canonical(value));
            return true;
        }
        if (kind == u"clip") {
            const QString film = value.value(QStringLiteral("film")).toString();
            auto f = m_db.prepare(
                "INSERT INTO films(movie_id) VALUES (?) ON CONFLICT(movie_id) DO NOTHING");
            f.bind(1, film);
            f.run();
            auto st = m_db.prepare(
                "INSERT INTO clips(film_id, name, start_ms, end_ms) VALUES ((SELECT id FROM films "
                "WHERE movie_id = ?1), ?2, ?3, ?4) ON CONFLICT(name) DO UPDATE SET film_id = "
                "excluded.film_id, start_ms = excluded.start_ms, end_ms = excluded.end_ms");
            st.bind(1, film).bind(2, key);
            auto num = [&](const char *k) -> std::optional<qint64> {
                const QJsonValue v = value.value(QLatin1String(k));
                return v.isDouble() ? std::optional<qint64>(qint64(v.toDouble())) : std::nullopt;
            };
            st.bind(3, num("start")).bind(4, num("end"));
            st.run();
            m_clips.remove(key);
            setPublished(m_db, QStringLiteral("clip"), key, canonical(value));
            return true;
        }
        if (kind == u"concept") {
            const QJsonValue m = value.value(QStringLiteral("modality"));
            auto bindFields = [&](db::SqliteStatement &st) {
                if (m.isString())
                    st.bind(1, m.toString());
                else
                    st.bindNull(1);
                st.bind(2, value.value(QStringLiteral("description")).toString());
                st.bind(3, value.value(QStringLiteral("retired")).toBool() ? 1 : 0);
                st.bind(4, qint64(value.value(QStringLiteral("position")).toDouble()));
                st.bind(5, key);
            };
            qint64 id = m_concepts.value(key, 0);
            if (id) {
                auto st = m_db.prepare("UPDATE concepts SET modality = ?1, description = ?2, "
                                       "retired = ?3, position = ?4 WHERE name = ?5");
                bindFields(st);
                st.run();
            } else {
                auto st = m_db.prepare("INSERT INTO concepts(modality, description, retired, "
                                       "position, name) VALUES (?1, ?2, ?3, ?4, ?5)");
                bindFields(st);
                st.run();
                id = m_db.lastInsertId();
                m_concepts.insert(key, id);
            }
            setPublished(m_db, QStringLiteral("concept"), QString::number(id),
                         publishedConcept(key, value));
            return true;
        }
        if (kind == u"concept_rename") {
            const QString to = value.value(QStringLiteral("name")).toString();
            const qint64 id = m_concepts.value(key, 0);
            if (!id || m_concepts.contains(to)) {
                *why = QStringLiteral("concept '%1' cannot be renamed to '%2' here").arg(key, to);
                return false;
            }
            auto st = m_db.prepare("UPDATE concepts SET name = ? WHERE id = ?");
            st.bind(1, to).bind(2, id);
            st.run();
            m_concepts.remove(key);
            m_concepts.insert(to, id);
            auto pub =
                m_db.prepare("SELECT value FROM team_published WHERE kind = 'concept' AND key = ?");
            pub.bind(1, QString::number(id));
            if (pub.step()) {
                QJsonObject o = parseJson(pub.text(0));
                o.remove(QStringLiteral("name"));
                const QString v = publishedConcept(to, o);
                pub.reset();
                setPublished(m_db, QStringLiteral("concept"), QString::number(id), v);
            }
            return true;
        }
        *why = QStringLiteral("unknown kind of change '%1'").arg(kind);
        return false;
    }

    // A clip removed or restored outside the applier.
    void forgetClip(const QString &name) { m_clips.remove(name); }

private:
    bool applyAnnotation(const QString &clip, const QString &annotator,
                         const std::optional<QString> &level, const QString &concepts,
                         const QString &note, const QString &changedAt, QString *why)
    {
        qint64 clipId = m_clips.value(clip, 0);
        if (!clipId) {
            auto st = m_db.prepare("SELECT id FROM clips WHERE name = ?");
            st.bind(1, clip);
            if (!st.step()) {
                *why = QStringLiteral("the annotation of clip '%1' by '%2' was skipped: this "
                                      "project has no such clip")
                           .arg(clip, annotator);
                return false;
            }
            clipId = st.int64(0);
            m_clips.insert(clip, clipId);
        }
        db::AnnotationState s;
        if (level) {
            s.level = core::parseLevel(*level);
            s.concepts = concepts.split(u'|', Qt::SkipEmptyParts);
            s.note = note;
            QStringList missing;
            for (const QString &c : std::as_const(s.concepts))
                if (!m_concepts.contains(c))
                    missing.append(c);
            if (!missing.isEmpty()) {
                QStringList added;
                m_concepts = db::TaxonomyRepository(m_db).ensureConcepts(missing, &added);
                // Recorded as published: a concept met in a team member's
                // annotation is the team's, not a local change to send.
                auto st = m_db.prepare("SELECT id, name, modality, description, retired, "
                                       "position FROM concepts WHERE name = ?");
                for (const QString &n : std::as_const(added)) {
                    st.bind(1, n);
                    if (st.step())
                        setPublished(m_db, QStringLiteral("concept"), QString::number(st.int64(0)),
                                     publishedConcept(n, conceptValue(st, 2)));
                    st.reset();
                }
            }
        }
        const QDateTime when = QDateTime::fromString(changedAt, Qt::ISODateWithMs);
        if (!m_repo.writeAnnotation(clipId, annotator, s, m_concepts, QStringLiteral("team:pull"),
                                    when) &&
            s.level) {
            // Same judgement, later time: keep the author's time, which the
            // `latest` rule reads.
            auto st = m_db.prepare(
                "UPDATE annotations SET changed_at = ? WHERE clip_id = ? AND annotator = ?");
            st.bind(1, db::AnnotationRepository::timestamp(when))
                .bind(2, clipId)
                .bind(3, annotator);
            st.run();
        }
        return true;
    }

    db::SqliteDatabase &m_db;
    db::AnnotationRepository m_repo;
    QHash<QString, qint64> m_concepts;
    QHash<QString, qint64> m_clips;
};

// Copies the WAL back into the project file, passively (never waiting for
// a reader or a writer). The window's connection to a linked project leaves
// this to the sync (ui::ProjectDocument turns its automatic checkpoints
// off), so an annotator's commit never pays for copying what the pulls
// wrote.
void checkpoint(db::SqliteDatabase &db)
{
    sqlite3_wal_checkpoint_v2(db.handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
}

void setMeta(db::SqliteDatabase &db, const char *key, const QString &value)
{
    db::ProjectMeta(db).set(QString::fromLatin1(key), value);
}

} // namespace

QString TeamSync::Report::summary() const
{
    QString s = QStringLiteral("pushed %1, pulled %2").arg(pushed).arg(pulled);
    if (duplicates)
        s += QStringLiteral(", %1 already on the server").arg(duplicates);
    if (refused)
        s += QStringLiteral(", %1 refused").arg(refused);
    if (skipped)
        s += QStringLiteral(", %1 skipped").arg(skipped);
    s += QStringLiteral("; server at change %1; %2")
             .arg(serverSeq)
             .arg(waiting ? QStringLiteral("%1 waiting").arg(waiting) : QStringLiteral("synced"));
    return s;
}

TeamSync::TeamSync(db::ProjectDatabase &project) : m_project(project) {}

TeamSync::~TeamSync() = default;

void TeamSync::queueCatalogChanges()
{
    db::SqliteDatabase &db = m_project.sql();
    db::ProjectMeta meta(db);
    const QString version = meta.value(QString::fromLatin1(TeamLink::keyCatalogVersion));
    if (!version.isEmpty() &&
        version == meta.value(QString::fromLatin1(TeamLink::keyCatalogSynced)))
        return; // nothing changed since the last comparison
    auto markCompared = [&] {
        if (!version.isEmpty())
            setMeta(db, TeamLink::keyCatalogSynced, version);
    };
    // Compared outside any write transaction: the annotators' edits must
    // never wait for a sync that finds nothing to send (the usual case).
    const Catalog cat = readCatalog(db);
    const QHash<QString, QString> published = readPublished(db);
    struct Queued
    {
        QString kind, key, value;
    };
    QList<Queued> queued;
    QList<std::tuple<QString, QString, QString>> publish; // kind, key, value
    auto pub = [&](const QString &kind, const QString &key) {
        return published.value(kind + u'\x1f' + key);
    };
    for (const auto &[key, value] : cat.films)
        if (pub(QStringLiteral("film"), key) != value) {
            queued.append({QStringLiteral("film"), key, value});
            publish.append({QStringLiteral("film"), key, value});
        }
    for (const auto &[key, value] : cat.clips)
        if (pub(QStringLiteral("clip"), key) != value) {
            queued.append({QStringLiteral("clip"), key, value});
            publish.append({QStringLiteral("clip"), key, value});
        }
    // A clip published (or pulled) that is no longer here was removed: the
    // removal goes up (the server refuses it from a member, and the clip
    // comes back). Films and concepts are never deleted in Modalscope
    // (concepts are retired, which travels as a change).
    {
        QSet<QString> present;
        for (const auto &[key, value] : cat.clips)
            present.insert(key);
        for (auto it = published.cbegin(); it != published.cend(); ++it) {
            const qsizetype sep = it.key().indexOf(u'\x1f');
            if (it.key().left(sep) != u"clip" || present.contains(it.key().mid(sep + 1)))
                continue;
            const QString key = it.key().mid(sep + 1);
            queued.append({QStringLiteral("clip"), key,
                           canonical({{QStringLiteral("deleted"), true}})});
            publish.append({QStringLiteral("clip"), key, QString()});
        }
    }
    for (const auto &[id, name, value] : cat.concepts) {
        const QString before = pub(QStringLiteral("concept"), QString::number(id));
        const QString now = publishedConcept(name, value);
        if (before == now)
            continue;
        QJsonObject old = parseJson(before);
        const QString oldName = old.value(QStringLiteral("name")).toString();
        if (!before.isEmpty() && oldName != name)
            queued.append({QStringLiteral("concept_rename"), oldName,
                           canonical({{QStringLiteral("name"), name}})});
        old.remove(QStringLiteral("name"));
        if (before.isEmpty() || old != value)
            queued.append({QStringLiteral("concept"), name, canonical(value)});
        publish.append({QStringLiteral("concept"), QString::number(id), now});
    }
    if (queued.isEmpty()) {
        markCompared();
        return;
    }
    // A catalog edit made between the read and this write counted the
    // version up past `version`: the next sync compares again.
    db::Transaction tx(db);
    auto queue =
        db.prepare("INSERT INTO team_outbox(change_id, kind, key, value) VALUES (?, ?, ?, ?)");
    for (const Queued &q : std::as_const(queued)) {
        queue.bind(1, newUuid()).bind(2, q.kind).bind(3, q.key).bind(4, q.value);
        queue.run();
    }
    auto unpublish = db.prepare("DELETE FROM team_published WHERE kind = ? AND key = ?");
    for (const auto &[kind, key, value] : std::as_const(publish))
        if (value.isEmpty()) {
            unpublish.bind(1, kind).bind(2, key);
            unpublish.run();
        } else {
            setPublished(db, kind, key, value);
        }
    markCompared();
    tx.commit();
}

void TeamSync::restoreFromServer(PgConnection &conn, const QString &kind, const QString &key)
{
    QJsonObject value;
    if (kind == u"film") {
        const PgResult r =
            conn.exec("SELECT title FROM modalscope.films WHERE movie_id = $1", {key});
        if (r.rows() == 0)
            return;
        value.insert(QStringLiteral("title"), r.text(0, 0));
    } else if (kind == u"clip") {
        const PgResult r = conn.exec(
            "SELECT movie_id, start_ms, end_ms FROM modalscope.clips WHERE name = $1", {key});
        if (r.rows() == 0)
            return;
        value.insert(QStringLiteral("film"), r.text(0, 0));
        value.insert(QStringLiteral("start"),
                     r.isNull(0, 1) ? QJsonValue() : QJsonValue(double(r.int64(0, 1))));
        value.insert(QStringLiteral("end"),
                     r.isNull(0, 2) ? QJsonValue() : QJsonValue(double(r.int64(0, 2))));
    } else if (kind == u"concept") {
        const PgResult r = conn.exec("SELECT modality, description, retired, position FROM "
                                     "modalscope.concepts WHERE name = $1",
                                     {key});
        if (r.rows() == 0)
            return;
        value.insert(QStringLiteral("modality"),
                     r.isNull(0, 0) ? QJsonValue() : QJsonValue(r.text(0, 0)));
        value.insert(QStringLiteral("description"), r.text(0, 1));
        value.insert(QStringLiteral("retired"), r.text(0, 2) == u"t");
        value.insert(QStringLiteral("position"), double(r.int64(0, 3)));
    } else {
        return;
    }
    if (kind == u"clip" && applyClipArchive(m_project.sql(), key, value))
        return;
    db::Transaction tx(m_project.sql());
    QString why;
    Applier(m_project.sql()).apply(kind, key, {}, {}, {}, {}, value, {}, &why);
    tx.commit();
}

void TeamSync::push(PgConnection &conn, Report &r, const Progress &progress,
                    const std::function<bool()> &cancelled)
{
    db::SqliteDatabase &db = m_project.sql();
    const TeamLink link = TeamLink::read(db);
    queueCatalogChanges();
    const qint64 total = db.scalar("SELECT count(*) FROM team_outbox");
    qint64 done = 0;
    // Catalog first: an annotation of a new clip needs the clip on the server.
    auto read = db.prepare(
        "SELECT o.id, o.change_id, o.kind, o.key, o.value, c.name, h.annotator, h.level, "
        "h.concepts, h.note, h.changed_at FROM team_outbox o "
        "LEFT JOIN annotation_history h ON h.id = o.history_id "
        "LEFT JOIN clips c ON c.id = h.clip_id "
        "ORDER BY o.kind = 'annotation', o.id LIMIT ?");
    auto remove = db.prepare("DELETE FROM team_outbox WHERE id = ?");
    while (true) {
        if (cancelled && cancelled())
            return;
        QList<Change> batch;
        read.bind(1, m_batch);
        while (read.step()) {
            Change c;
            c.outboxId = read.int64(0);
            c.changeId = read.text(1);
            c.kind = read.text(2);
            if (c.kind == u"annotation") {
                c.key = read.text(5);
                c.annotator = read.text(6);
                if (!read.isNull(7))
                    c.level = read.text(7);
                c.concepts = read.text(8);
                c.note = read.text(9);
                c.changedAt = read.text(10);
            } else {
                c.key = read.text(3);
                c.value = read.text(4);
                c.changedAt = nowText();
            }
            batch.append(c);
        }
        read.reset();
        if (batch.isEmpty())
            break;

        QList<std::pair<Change, QString>> refused;
        try {
            conn.begin();
            const qint64 added = insertChanges(conn, link.origin, batch);
            conn.commit();
            r.pushed += added;
            r.duplicates += batch.size() - added;
        } catch (const ServerError &e) {
            conn.rollback();
            if (e.isOffline())
                throw;
            // One change of the batch was refused: find which, one savepoint
            // each, and send the others.
            conn.begin();
            for (const Change &c : std::as_const(batch)) {
                conn.exec("SAVEPOINT one");
                try {
                    const qint64 added = insertChanges(conn, link.origin, {c});
                    conn.exec("RELEASE SAVEPOINT one");
                    r.pushed += added;
                    r.duplicates += 1 - added;
                } catch (const ServerError &one) {
                    if (one.isOffline())
                        throw;
                    conn.exec("ROLLBACK TO SAVEPOINT one");
                    refused.append({c, one.message()});
                }
            }
            conn.commit();
        }
        {
            db::Transaction tx(db);
            for (const Change &c : std::as_const(batch)) {
                remove.bind(1, c.outboxId);
                remove.run();
            }
            tx.commit();
        }
        for (const auto &[c, why] : std::as_const(refused)) {
            ++r.refused;
            if (c.kind == u"annotation") {
                r.messages.append(
                    QStringLiteral("the team server refused %1: a member changes only their own "
                                   "annotations (you are '%2'), of clips the team has; it stays "
                                   "in this project only (%3)")
                        .arg(describeChange(c), link.member, why));
            } else {
                r.messages.append(
                    QStringLiteral("the team server refused the change to %1: only a coordinator "
                                   "changes films, clips and the taxonomy (you are member '%2'); "
                                   "the team's version was put back here (%3)")
                        .arg(describeChange(c), link.member, why));
                restoreFromServer(conn, c.kind, c.key);
            }
        }
        done += batch.size();
        if (progress)
            progress(QStringLiteral("pushed %1 of %2 changes").arg(done).arg(total));
    }
}

void TeamSync::pull(PgConnection &conn, Report &r, const Progress &progress,
                    const std::function<bool()> &cancelled)
{
    db::SqliteDatabase &db = m_project.sql();
    const TeamLink link = TeamLink::read(db);
    qint64 seq = link.pulledSeq;
    qint64 stored = seq;
    // Up to what the server has now: with a team editing, there is always
    // more, and the next sync takes it (this one reports and ends).
    const qint64 target =
        conn.exec("SELECT coalesce(max(seq), 0) FROM modalscope.changes").int64(0, 0);
    QElapsedTimer sincePush;
    sincePush.start();
    while (seq < target) {
        if (cancelled && cancelled())
            return;
        // A window of up to kPullWindow changes (or ten batches), read
        // m_batch at a time. A client that fell behind (it was offline, or
        // the team edits faster than it applies) writes each annotation
        // once per window rather than once per change.
        std::vector<PgResult> pages;
        std::vector<std::pair<int, int>> rows; // page, row
        qint64 readSeq = seq;
        const qsizetype window = std::min<qsizetype>(kPullWindow, qsizetype(m_batch) * 10);
        while (qsizetype(rows.size()) < window) {
            PgResult page = conn.exec(
                "SELECT seq, origin::text, kind, key, annotator, level, concepts, note, "
                "value::text, to_char(changed_at AT TIME ZONE 'UTC', "
                "'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') FROM modalscope.changes WHERE seq > $1 "
                "AND seq <= $3 ORDER BY seq LIMIT $2",
                {readSeq, m_batch, target});
            const int n = page.rows();
            if (n == 0)
                break;
            readSeq = page.int64(n - 1, 0);
            for (int i = 0; i < n; ++i)
                rows.emplace_back(int(pages.size()), i);
            pages.push_back(std::move(page));
            if (n < m_batch)
                break;
        }
        if (rows.empty())
            break;
        // Only the last change of an annotation in the window decides its
        // state: the earlier ones are counted but not written again here
        // (the server keeps every one). Order with films, clips and concepts
        // is kept.
        QHash<QString, qsizetype> lastOf;
        for (qsizetype k = 0; k < qsizetype(rows.size()); ++k) {
            const PgResult &p = pages[size_t(rows[size_t(k)].first)];
            const int i = rows[size_t(k)].second;
            if (p.text(i, 2) == u"annotation" && p.text(i, 1) != link.origin)
                lastOf.insert(p.text(i, 3) + u'\x1f' + p.text(i, 4), k);
        }
        // Within a run of annotation changes (no film, clip or concept
        // change between them) each annotation comes once, so their order
        // does not matter: they are applied sorted by clip and annotator,
        // which keeps the pages a local transaction writes few. A cut in
        // the middle of a run resumes at its start (applying an annotation
        // again changes nothing): done[] is what may be recorded as applied
        // after each position.
        std::vector<qsizetype> order(rows.size());
        std::vector<qint64> done(rows.size());
        {
            auto seqAt = [&](qsizetype k) {
                return pages[size_t(rows[size_t(k)].first)].int64(rows[size_t(k)].second, 0);
            };
            auto isAnnotation = [&](qsizetype k) {
                return pages[size_t(rows[size_t(k)].first)].text(rows[size_t(k)].second, 2) ==
                       u"annotation";
            };
            qint64 before = seq;
            qsizetype k = 0;
            const qsizetype n = qsizetype(rows.size());
            while (k < n) {
                qsizetype end = k + 1;
                if (isAnnotation(k))
                    while (end < n && isAnnotation(end))
                        ++end;
                QList<std::pair<QString, qsizetype>> run;
                for (qsizetype j = k; j < end; ++j) {
                    const PgResult &p = pages[size_t(rows[size_t(j)].first)];
                    const int i = rows[size_t(j)].second;
                    run.append({p.text(i, 3) + u'\x1f' + p.text(i, 4), j});
                }
                if (run.size() > 1)
                    std::stable_sort(run.begin(), run.end(), [](const auto &a, const auto &b) {
                        return a.first < b.first;
                    });
                for (qsizetype j = k; j < end; ++j) {
                    order[size_t(j)] = run.at(j - k).second;
                    done[size_t(j)] = j + 1 < end ? before : seqAt(end - 1);
                }
                before = seqAt(end - 1);
                k = end;
            }
        }
        // Applied in short local transactions (each with its sequence
        // number, so a pull cut anywhere resumes there): at most
        // kApplyChunk changes or kApplyHoldUs of work while holding the
        // write lock, so an annotator's edit never waits long for a pull.
        std::optional<db::Transaction> tx;
        std::optional<Applier> applier;
        QElapsedTimer held;
        int inTx = 0;
        auto commitChunk = [&] {
            setMeta(db, TeamLink::keyPulledSeq, QString::number(seq));
            tx->commit();
            tx.reset();
            stored = seq;
            inTx = 0;
        };
        for (qsizetype pos = 0; pos < qsizetype(rows.size()); ++pos) {
            const qsizetype k = order[size_t(pos)];
            const PgResult &p = pages[size_t(rows[size_t(k)].first)];
            const int i = rows[size_t(k)].second;
            seq = done[size_t(pos)];
            if (p.text(i, 1) == link.origin)
                continue; // our own change, already here
            if (p.text(i, 2) == u"annotation" &&
                lastOf.value(p.text(i, 3) + u'\x1f' + p.text(i, 4)) != k) {
                ++r.pulled; // superseded within this window
                continue;
            }
            if (p.text(i, 2) == u"clip") {
                const QJsonObject value = p.isNull(i, 8) ? QJsonObject() : parseJson(p.text(i, 8));
                // ClipRepository takes its own transaction: the chunk so far
                // is committed first (with the sequence number before this
                // change, so a cut here applies this change again: removing
                // a removed clip or restoring a present one does nothing).
                if (tx) {
                    const qint64 here = seq;
                    seq = done[size_t(pos - 1)]; // a transaction is open: pos > 0
                    commitChunk();
                    seq = here;
                }
                if (applier)
                    applier->forgetClip(p.text(i, 3));
                if (applyClipArchive(db, p.text(i, 3), value)) {
                    ++r.pulled;
                    setMeta(db, TeamLink::keyPulledSeq, QString::number(seq));
                    stored = seq;
                    continue;
                }
            }
            if (!tx) {
                tx.emplace(db);
                held.start();
                if (!applier)
                    applier.emplace(db);
            }
            QString why;
            const std::optional<QString> level =
                p.isNull(i, 5) ? std::nullopt : std::optional<QString>(p.text(i, 5));
            if (applier->apply(p.text(i, 2), p.text(i, 3), p.text(i, 4), level, p.text(i, 6),
                               p.text(i, 7), p.isNull(i, 8) ? QJsonObject() : parseJson(p.text(i, 8)),
                               p.text(i, 9), &why)) {
                ++r.pulled;
            } else {
                ++r.skipped;
                if (r.messages.size() < 20)
                    r.messages.append(why);
            }
            ++inTx;
            if (m_yieldToEdits &&
                (inTx >= kApplyChunk || held.nsecsElapsed() >= qint64(kApplyHoldUs) * 1000)) {
                commitChunk();
                // Cancelled (the window closes): what is applied is kept,
                // the next sync resumes here.
                if (cancelled && cancelled())
                    return;
                // What was edited here meanwhile goes up every quarter
                // second, not after the whole window: the team's
                // convergence waits for the last edit to reach the server.
                if (sincePush.elapsed() >= kPushEveryMs) {
                    if (db.scalar("SELECT EXISTS (SELECT 1 FROM team_outbox)"))
                        push(conn, r, progress, cancelled);
                    sincePush.restart();
                }
                // Room for an edit waiting for the write lock (it polls
                // every 0.2 ms) before the next chunk takes it again; a
                // project being joined has no one editing it yet.
                std::this_thread::sleep_for(std::chrono::microseconds(300));
            } else if (inTx >= kJoinChunk) {
                commitChunk();
            }
        }
        if (tx)
            commitChunk();
        else if (seq != stored) {
            setMeta(db, TeamLink::keyPulledSeq, QString::number(seq));
            stored = seq;
        }
        if (progress)
            progress(QStringLiteral("pulled up to change %1").arg(seq));
        // What was edited here while this window was applied goes up now,
        // not after the whole backlog.
        if (m_yieldToEdits && db.scalar("SELECT EXISTS (SELECT 1 FROM team_outbox)"))
            push(conn, r, progress, cancelled);
    }
    r.serverSeq = seq;
}

TeamSync::Report TeamSync::sync(const Progress &progress, const std::function<bool()> &cancelled)
{
    db::SqliteDatabase &db = m_project.sql();
    const TeamLink link = TeamLink::read(db);
    if (!link.linked)
        throw UserError(QStringLiteral("%1 is not linked to a team server: run `modalscope-cli "
                                       "team init` (coordinator) or `team join` first")
                            .arg(m_project.path()));
    Report r;
    try {
        if (!m_conn)
            m_conn = std::make_unique<PgConnection>(link.server);
        PgConnection &conn = *m_conn;
        if (conn.user() != link.member)
            throw UserError(QStringLiteral("%1 belongs to team member '%2', but the connection "
                                           "string logs in as '%3': connect as '%2'")
                                .arg(m_project.path(), link.member, conn.user()));
        push(conn, r, progress, cancelled);
        pull(conn, r, progress, cancelled);
        // What was edited while the pull ran goes up now rather than at
        // the next sync.
        if (db.scalar("SELECT count(*) FROM team_outbox") > 0)
            push(conn, r, progress, cancelled);
    } catch (const UserError &e) {
        m_conn.reset(); // a fresh connection next time
        try {
            setMeta(db, TeamLink::keyLastError, e.message());
            checkpoint(db);
        } catch (...) {
        }
        throw;
    }
    setMeta(db, TeamLink::keyLastSync, nowText());
    setMeta(db, TeamLink::keyLastError, QString());
    r.waiting = db.scalar("SELECT count(*) FROM team_outbox");
    // The window's connection leaves checkpoints to this one (see
    // TeamSyncController): the WAL is copied back here, in the background.
    checkpoint(db);
    return r;
}

TeamSync::Report TeamSync::init(db::ProjectDatabase &project, const QString &server)
{
    db::SqliteDatabase &db = project.sql();
    const TeamLink link = TeamLink::read(db);
    if (link.linked)
        throw UserError(QStringLiteral("%1 is already linked to the team server %2")
                            .arg(project.path(), PgConnection::describeString(link.server)));
    const QString stored = PgConnection::withoutPassword(server);
    PgConnection conn(server);
    const QString member = conn.user();
    if (!TeamServer::isValidMemberName(member))
        throw UserError(QStringLiteral("the coordinator's role '%1' cannot be a member name: "
                                       "connect as a role of lower-case letters, digits and '_'")
                            .arg(member));
    const QString origin = newUuid();
    Report r;
    const Catalog cat = readCatalog(db);
    QList<Change> changes;
    const QString now = nowText();
    for (const auto &[key, value] : cat.films)
        changes.append({0, newUuid(), QStringLiteral("film"), key, {}, {}, {}, {}, value, now});
    for (const auto &[id, name, value] : cat.concepts)
        changes.append(
            {0, newUuid(), QStringLiteral("concept"), name, {}, {}, {}, {}, canonical(value), now});
    for (const auto &[key, value] : cat.clips)
        changes.append({0, newUuid(), QStringLiteral("clip"), key, {}, {}, {}, {}, value, now});
    auto ann = db.prepare(
        "SELECT c.name, a.annotator, a.level, a.note, a.changed_at, (SELECT group_concat(name, "
        "'|') FROM (SELECT k.name FROM annotation_concepts ac JOIN concepts k ON k.id = "
        "ac.concept_id WHERE ac.annotation_id = a.id ORDER BY k.position, k.id)) FROM annotations "
        "a JOIN clips c ON c.id = a.clip_id ORDER BY a.changed_at, a.id");
    while (ann.step())
        changes.append({0,
                        newUuid(),
                        QStringLiteral("annotation"),
                        ann.text(0),
                        ann.text(1),
                        ann.text(2),
                        ann.text(5),
                        ann.text(3),
                        {},
                        ann.text(4)});
    qint64 last = 0;
    try {
        conn.begin();
        TeamServer server(conn);
        server.createSchema();
        for (qsizetype i = 0; i < changes.size(); i += 1000)
            r.pushed += insertChanges(conn, origin, changes.mid(i, 1000));
        last = server.lastSequence();
        conn.commit();
    } catch (...) {
        conn.rollback();
        throw;
    }
    db::Transaction tx(db);
    setMeta(db, TeamLink::keyServer, stored);
    setMeta(db, TeamLink::keyMember, member);
    setMeta(db, TeamLink::keyCoordinator, QStringLiteral("1"));
    setMeta(db, TeamLink::keyOrigin, origin);
    setMeta(db, TeamLink::keyPulledSeq, QString::number(last));
    setMeta(db, TeamLink::keyLastSync, nowText());
    setMeta(db, TeamLink::keyCatalogVersion, QStringLiteral("1"));
    setMeta(db, TeamLink::keyCatalogSynced, QStringLiteral("1"));
    for (const auto &[key, value] : cat.films)
        setPublished(db, QStringLiteral("film"), key, value);
    for (const auto &[key, value] : cat.clips)
        setPublished(db, QStringLiteral("clip"), key, value);
    for (const auto &[id, name, value] : cat.concepts)
        setPublished(db, QStringLiteral("concept"), QString::number(id),
                     publishedConcept(name, value));
    tx.commit();
    r.serverSeq = last;
    return r;
}

TeamSync::Report TeamSync::join(const QString &path, const QString &server)
{
    if (QFileInfo::exists(path))
        throw UserError(QStringLiteral("%1 already exists: `team join` makes a new project; give "
                                       "another file name")
                            .arg(path));
    const QString stored = PgConnection::withoutPassword(server);
    Report r;
    {
        PgConnection conn(server);
        TeamServer team(conn);
        const QString member = conn.user();
        std::optional<TeamMember> me;
        // Asked of the role first: a role outside the team may not even read
        // the team's schema.
        const bool teamRoles =
            conn.exec("SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'modalscope_member')")
                .text(0, 0) == u"t";
        const bool inTeam =
            teamRoles &&
            conn.exec("SELECT pg_has_role(current_user, 'modalscope_member', 'MEMBER')")
                    .text(0, 0) == u"t";
        if (!teamRoles || (inTeam && !team.isInitialised()))
            throw UserError(QStringLiteral("%1 has no Modalscope team yet: the coordinator runs "
                                           "`modalscope-cli team init` first")
                                .arg(conn.describe()));
        if (inTeam)
            for (const TeamMember &m : team.members())
                if (m.name == member)
                    me = m;
        if (!me)
            throw UserError(QStringLiteral("'%1' is not a member of the team on %2: ask the "
                                           "coordinator to run `modalscope-cli team add-member "
                                           "--name %1`")
                                .arg(member, conn.describe()));
        try {
            db::ProjectDatabase project(path, db::ProjectDatabase::Mode::OpenOrCreate);
            db::SqliteDatabase &db = project.sql();
            {
                db::Transaction tx(db);
                // The team's taxonomy replaces the default one.
                db.exec("DELETE FROM concepts");
                setMeta(db, TeamLink::keyServer, stored);
                setMeta(db, TeamLink::keyMember, member);
                setMeta(db, TeamLink::keyCoordinator,
                        me->coordinator ? QStringLiteral("1") : QStringLiteral("0"));
                setMeta(db, TeamLink::keyOrigin, newUuid());
                setMeta(db, TeamLink::keyPulledSeq, QStringLiteral("0"));
                setMeta(db, TeamLink::keyCatalogVersion, QStringLiteral("1"));
                tx.commit();
            }
            TeamSync sync(project);
            sync.m_yieldToEdits = false;
            sync.pull(conn, r, {}, {});
            setMeta(db, TeamLink::keyLastSync, nowText());
        } catch (...) {
            for (const QString &suffix :
                 {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
                QFile::remove(path + suffix);
            throw;
        }
    }
    return r;
}

static QString hashLines(QStringList lines)
{
    lines.sort();
    QCryptographicHash h(QCryptographicHash::Sha256);
    for (const QString &l : std::as_const(lines)) {
        h.addData(l.toUtf8());
        h.addData(QByteArrayView("\n"));
    }
    return QString::fromLatin1(h.result().toHex());
}

static QString stateLine(const QString &clip, const QString &annotator, const QString &level,
                         const QString &concepts, const QString &note, const QString &changedAt)
{
    QStringList c = concepts.split(u'|', Qt::SkipEmptyParts);
    c.sort();
    return QStringList{clip, annotator, level, c.join(u'|'), note, changedAt}.join(u'\x1f');
}

QString TeamSync::localStateHash(db::SqliteDatabase &db)
{
    auto st = db.prepare(
        "SELECT c.name, a.annotator, a.level, (SELECT group_concat(k.name, '|') FROM "
        "annotation_concepts ac JOIN concepts k ON k.id = ac.concept_id WHERE ac.annotation_id = "
        "a.id), a.note, a.changed_at FROM annotations a JOIN clips c ON c.id = a.clip_id");
    QStringList lines;
    while (st.step())
        lines.append(
            stateLine(st.text(0), st.text(1), st.text(2), st.text(3), st.text(4), st.text(5)));
    return hashLines(lines);
}

QString TeamSync::serverStateHash(PgConnection &conn)
{
    const PgResult r = conn.exec(
        "SELECT clip, annotator, level, concepts, note, to_char(changed_at AT TIME ZONE 'UTC', "
        "'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') FROM modalscope.annotations a WHERE EXISTS "
        "(SELECT 1 FROM modalscope.clips c WHERE c.name = a.clip)");
    QStringList lines;
    for (int i = 0; i < r.rows(); ++i)
        lines.append(stateLine(r.text(i, 0), r.text(i, 1), r.text(i, 2), r.text(i, 3), r.text(i, 4),
                               r.text(i, 5)));
    return hashLines(lines);
}

} // namespace ms::sync
