#include "database/cliprepository.h"

#include "core/clocktext.h"
#include "core/error.h"
#include "database/annotationrepository.h"
#include "database/sqlitedatabase.h"
#include "database/sqlitestatement.h"
#include "database/transaction.h"

#include <QDateTime>
#include <QHash>
#include <QStringList>

using ms::core::UserError;

namespace ms::db {

namespace {

QByteArray jsonPath(const QString &column)
{
    return "'$.\"" + column.toUtf8() + "\"'";
}

// json_object('a', a, 'b', b, ...) over `cols` of the row at hand.
QByteArray jsonObject(const QStringList &cols)
{
    QByteArray out = "json_object(";
    for (qsizetype i = 0; i < cols.size(); ++i) {
        if (i)
            out += ", ";
        const QByteArray c = cols[i].toUtf8();
        out += "'" + c + "', \"" + c + "\"";
    }
    return out + ")";
}

} // namespace

QStringList ClipRepository::columns(const char *table)
{
    const QByteArray key(table);
    if (const auto it = m_columns.constFind(key); it != m_columns.cend())
        return *it;
    SqliteStatement st = m_db.prepare(("PRAGMA table_info(" + key + ")").constData());
    QStringList cols;
    while (st.step())
        cols.append(st.text(1));
    m_columns.insert(key, cols);
    return cols;
}

std::optional<std::pair<qint64, qint64>> ClipRepository::times(qint64 clipId)
{
    SqliteStatement st = m_db.prepare("SELECT start_ms, end_ms FROM clips WHERE id = ?");
    st.bind(1, clipId);
    if (!st.step() || st.isNull(0) || st.isNull(1))
        return std::nullopt;
    return std::make_pair(st.int64(0), st.int64(1));
}

void ClipRepository::checkRange(const QString &what, qint64 startMs, qint64 endMs)
{
    if (startMs < 0)
        throw UserError(QStringLiteral("%1 cannot start before the film (start %2 ms).")
                            .arg(what)
                            .arg(startMs));
    if (endMs <= startMs)
        throw UserError(QStringLiteral("%1 must end after it starts (start %2 ms, end %3 ms).")
                            .arg(what)
                            .arg(startMs)
                            .arg(endMs));
}

bool ClipRepository::setTimes(qint64 clipId, qint64 startMs, qint64 endMs, bool allowOverlap)
{
    if (startMs < 0)
        throw UserError(
            QStringLiteral("A clip cannot start before the film (start %1 ms).").arg(startMs));
    if (endMs <= startMs)
        throw UserError(QStringLiteral("A clip must end after it starts (start %1 ms, "
                                       "end %2 ms); drag the edges apart.")
                            .arg(startMs)
                            .arg(endMs));
    Transaction tx(m_db);
    SqliteStatement find = m_db.prepare("SELECT start_ms, end_ms FROM clips WHERE id = ?");
    find.bind(1, clipId);
    if (!find.step())
        throw UserError(QStringLiteral("%1: no clip with id %2").arg(m_db.path()).arg(clipId));
    if (!find.isNull(0) && !find.isNull(1) && find.int64(0) == startMs && find.int64(1) == endMs)
        return false;
    find.reset();
    SqliteStatement st = m_db.prepare("UPDATE clips SET start_ms = ?, end_ms = ? WHERE id = ?");
    st.bind(1, startMs).bind(2, endMs).bind(3, clipId);
    st.run();
    if (!allowOverlap)
        checkOverlap(clipId);
    tx.commit();
    return true;
}

void ClipRepository::checkOverlap(qint64 clipId)
{
    SqliteStatement self =
        m_db.prepare("SELECT film_id, start_ms, end_ms, name FROM clips WHERE id = ?");
    self.bind(1, clipId);
    if (!self.step() || self.isNull(1) || self.isNull(2))
        return;
    const qint64 film = self.int64(0), start = self.int64(1), end = self.int64(2);
    const QString name = self.text(3);
    // Half-open ranges: clips that only share a boundary do not overlap.
    SqliteStatement other =
        m_db.prepare("SELECT name, start_ms, end_ms FROM clips WHERE film_id = ? AND id <> ? AND "
                     "start_ms IS NOT NULL AND end_ms IS NOT NULL AND start_ms < ? AND end_ms > ? "
                     "ORDER BY start_ms LIMIT 1");
    other.bind(1, film).bind(2, clipId).bind(3, end).bind(4, start);
    if (other.step())
        throw UserError(QStringLiteral("Clip %1 (%2\u2013%3) would overlap clip %4 (%5\u2013%6). "
                                       "Clips of a film do not overlap unless allowed in "
                                       "Edit > Clips may overlap.")
                            .arg(name, core::clockText(start), core::clockText(end), other.text(0),
                                 core::clockText(other.int64(1)), core::clockText(other.int64(2))));
}

QList<qint64> ClipRepository::apply(const ClipEdit &edit)
{
    Transaction tx(m_db);
    const QString when = AnnotationRepository::timestamp(QDateTime::currentDateTimeUtc());
    QList<qint64> touched;
    for (qint64 id : edit.remove)
        removeOne(id, when);
    for (qint64 id : edit.restore) {
        restoreOne(id);
        touched.append(id);
    }
    SqliteStatement update = m_db.prepare("UPDATE clips SET start_ms = ?, end_ms = ? WHERE id = ?");
    for (const ClipTimes &t : edit.times) {
        checkRange(QStringLiteral("A clip"), t.startMs, t.endMs);
        update.bind(1, t.startMs).bind(2, t.endMs).bind(3, t.clipId);
        update.run();
        if (m_db.changes() == 0)
            throw UserError(
                QStringLiteral("%1: no clip with id %2").arg(m_db.path()).arg(t.clipId));
        touched.append(t.clipId);
    }
    QList<qint64> created;
    if (!edit.create.isEmpty()) {
        // Never an id a removed clip had: its restoration needs it back.
        qint64 next = m_db.scalar("SELECT max(coalesce((SELECT max(id) FROM clips), 0), "
                                  "coalesce((SELECT max(clip_id) FROM deleted_clips), 0))") +
                      1;
        SqliteStatement film = m_db.prepare("SELECT 1 FROM films WHERE id = ?");
        SqliteStatement taken = m_db.prepare("SELECT 1 FROM clips WHERE name = ?");
        SqliteStatement insert = m_db.prepare(
            "INSERT INTO clips(id, film_id, name, start_ms, end_ms) VALUES (?,?,?,?,?)");
        for (const NewClip &c : edit.create) {
            const QString name = c.name.trimmed();
            if (name.isEmpty())
                throw UserError(QStringLiteral("A new clip needs a name."));
            checkRange(QStringLiteral("Clip %1").arg(name), c.startMs, c.endMs);
            film.bind(1, c.filmId);
            const bool filmKnown = film.step();
            film.reset();
            if (!filmKnown)
                throw UserError(
                    QStringLiteral("%1: no film with id %2").arg(m_db.path()).arg(c.filmId));
            taken.bind(1, name);
            const bool nameTaken = taken.step();
            taken.reset();
            if (nameTaken)
                throw UserError(QStringLiteral("A clip named %1 already exists; clip names are "
                                               "unique in a project.")
                                    .arg(name));
            insert.bind(1, next)
                .bind(2, c.filmId)
                .bind(3, name)
                .bind(4, c.startMs)
                .bind(5, c.endMs);
            insert.run();
            created.append(next);
            touched.append(next);
            ++next;
        }
    }
    if (!edit.allowOverlap)
        for (qint64 id : std::as_const(touched))
            checkOverlap(id);
    tx.commit();
    return created;
}

void ClipRepository::removeOne(qint64 clipId, const QString &when)
{
    SqliteStatement find = m_db.prepare("SELECT 1 FROM clips WHERE id = ?");
    find.bind(1, clipId);
    if (!find.step())
        throw UserError(QStringLiteral("%1: no clip with id %2").arg(m_db.path()).arg(clipId));
    find.reset();
    const QByteArray keepSql =
        "INSERT INTO deleted_clips(clip_id, film_id, clip, deleted_at) SELECT id, film_id, " +
        jsonObject(columns("clips")) + ", ? FROM clips WHERE id = ?";
    SqliteStatement keep = m_db.prepare(keepSql.constData());
    keep.bind(1, when).bind(2, clipId);
    keep.run();
    const qint64 archive = m_db.lastInsertId();
    struct Part
    {
        const char *table;
        const char *where;
    };
    // Annotations before their concepts: restoreOne() maps the ids in this order.
    static const Part parts[] = {
        {"annotations", "clip_id = ?2 ORDER BY id"},
        {"annotation_concepts", "annotation_id IN (SELECT id FROM annotations WHERE clip_id = ?2)"},
        {"annotation_history", "clip_id = ?2 ORDER BY id"},
    };
    for (const Part &part : parts) {
        const QByteArray sql =
            QByteArray("INSERT INTO deleted_clip_rows(deleted_clip, tbl, row) SELECT ?1, '") +
            part.table + "', " + jsonObject(columns(part.table)) + " FROM " + part.table +
            " WHERE " + part.where;
        SqliteStatement copy = m_db.prepare(sql.constData());
        copy.bind(1, archive).bind(2, clipId);
        copy.run();
    }
    SqliteStatement del = m_db.prepare("DELETE FROM clips WHERE id = ?");
    del.bind(1, clipId);
    del.run();
}

void ClipRepository::restoreOne(qint64 clipId)
{
    SqliteStatement find = m_db.prepare(
        "SELECT id, clip, json_extract(clip, '$.name') FROM deleted_clips WHERE clip_id = ? "
        "ORDER BY id DESC LIMIT 1");
    find.bind(1, clipId);
    if (!find.step())
        throw UserError(QStringLiteral("%1: no removed clip with id %2 to bring back")
                            .arg(m_db.path())
                            .arg(clipId));
    const qint64 archive = find.int64(0);
    const QString clipJson = find.text(1), name = find.text(2);
    find.reset();
    SqliteStatement present = m_db.prepare("SELECT name FROM clips WHERE id = ? OR name = ?");
    present.bind(1, clipId).bind(2, name);
    if (present.step())
        throw UserError(QStringLiteral("Clip %1 cannot come back: clip %2 now has its name or "
                                       "place in the project.")
                            .arg(name, present.text(0)));
    present.reset();

    // One row of `table` from its JSON copy: the columns the table has now
    // and the copy holds, less `skip`, with `overrides` in place of copied values.
    const auto insertRow = [this](const char *table, const QString &json, const QString &skip,
                                  const QHash<QString, qint64> &overrides) {
        SqliteStatement keys = m_db.prepare("SELECT key FROM json_each(?)");
        keys.bind(1, json);
        QStringList present;
        while (keys.step())
            present.append(keys.text(0));
        QByteArray names, values;
        QList<qint64> bound;
        for (const QString &c : columns(table)) {
            if (c == skip || (!present.contains(c) && !overrides.contains(c)))
                continue;
            if (!names.isEmpty()) {
                names += ", ";
                values += ", ";
            }
            names += "\"" + c.toUtf8() + "\"";
            if (overrides.contains(c)) {
                bound.append(overrides.value(c));
                values += "?" + QByteArray::number(bound.size() + 1);
            } else {
                values += "json_extract(?1, " + jsonPath(c) + ")";
            }
        }
        const QByteArray sql =
            QByteArray("INSERT INTO ") + table + "(" + names + ") VALUES (" + values + ")";
        SqliteStatement ins = m_db.prepare(sql.constData());
        ins.bind(1, json);
        for (qsizetype i = 0; i < bound.size(); ++i)
            ins.bind(int(i + 2), bound[i]);
        ins.run();
        return m_db.lastInsertId();
    };

    insertRow("clips", clipJson, QString(), {});
    // Annotations and history get fresh ids (theirs may have been reused);
    // the concepts follow their annotation's new id.
    SqliteStatement rows = m_db.prepare(
        "SELECT tbl, row, json_extract(row, '$.id'), json_extract(row, '$.annotation_id') "
        "FROM deleted_clip_rows WHERE deleted_clip = ? ORDER BY id");
    rows.bind(1, archive);
    QHash<qint64, qint64> annotationIds;
    while (rows.step()) {
        const QString table = rows.text(0), json = rows.text(1);
        if (table == u"annotations") {
            annotationIds.insert(rows.int64(2),
                                 insertRow("annotations", json, QStringLiteral("id"), {}));
        } else if (table == u"annotation_concepts") {
            const qint64 annotation = annotationIds.value(rows.int64(3), -1);
            if (annotation < 0)
                throw UserError(QStringLiteral("%1: the copy of removed clip %2 is damaged (a "
                                               "concept without its annotation); nothing was "
                                               "changed")
                                    .arg(m_db.path(), name));
            insertRow("annotation_concepts", json, QString(),
                      {{QStringLiteral("annotation_id"), annotation}});
        } else if (table == u"annotation_history") {
            insertRow("annotation_history", json, QStringLiteral("id"), {});
        }
    }
    rows.reset();
    SqliteStatement drop = m_db.prepare("DELETE FROM deleted_clips WHERE id = ?");
    drop.bind(1, archive);
    drop.run();
}

qint64 ClipRepository::create(const NewClip &clip, bool allowOverlap)
{
    ClipEdit e;
    e.create.append(clip);
    e.allowOverlap = allowOverlap;
    return apply(e).first();
}

qint64 ClipRepository::split(qint64 clipId, qint64 atMs, const QString &newName)
{
    SqliteStatement st =
        m_db.prepare("SELECT film_id, start_ms, end_ms, name FROM clips WHERE id = ?");
    st.bind(1, clipId);
    if (!st.step())
        throw UserError(QStringLiteral("%1: no clip with id %2").arg(m_db.path()).arg(clipId));
    if (st.isNull(1) || st.isNull(2))
        throw UserError(
            QStringLiteral("Clip %1 has no times, so it cannot be split.").arg(st.text(3)));
    const qint64 film = st.int64(0), start = st.int64(1), end = st.int64(2);
    if (atMs <= start || atMs >= end)
        throw UserError(QStringLiteral("%1 is not inside clip %2 (%3\u2013%4); move the playhead "
                                       "into the clip to split it.")
                            .arg(core::clockText(atMs), st.text(3), core::clockText(start),
                                 core::clockText(end)));
    ClipEdit e;
    e.times.append({clipId, start, atMs});
    e.create.append({film, newName, atMs, end});
    e.allowOverlap = true; // the two parts cover what the clip covered
    return apply(e).first();
}

qint64 ClipRepository::mergeWithNext(qint64 clipId)
{
    const auto next = nextClip(clipId);
    const auto a = times(clipId);
    if (!a)
        throw UserError(
            QStringLiteral("%1: clip %2 has no times to merge").arg(m_db.path()).arg(clipId));
    if (!next)
        throw UserError(QStringLiteral("The clip is the last of its film: there is no next clip "
                                       "to merge it with."));
    const auto b = times(*next);
    ClipEdit e;
    e.remove.append(*next);
    e.times.append({clipId, a->first, std::max(a->second, b->second)});
    e.allowOverlap = true; // the merged clip covers what the two covered
    apply(e);
    return *next;
}

void ClipRepository::remove(qint64 clipId)
{
    ClipEdit e;
    e.remove.append(clipId);
    apply(e);
}

void ClipRepository::restore(qint64 clipId)
{
    ClipEdit e;
    e.restore.append(clipId);
    e.allowOverlap = true;
    apply(e);
}

std::optional<qint64> ClipRepository::nextClip(qint64 clipId)
{
    SqliteStatement st = m_db.prepare(
        "SELECT n.id FROM clips c JOIN clips n ON n.film_id = c.film_id AND n.id <> c.id "
        "WHERE c.id = ? AND c.start_ms IS NOT NULL AND n.start_ms IS NOT NULL AND "
        "(n.start_ms > c.start_ms OR (n.start_ms = c.start_ms AND n.id > c.id)) "
        "ORDER BY n.start_ms, n.id LIMIT 1");
    st.bind(1, clipId);
    if (!st.step())
        return std::nullopt;
    return st.int64(0);
}

QList<qint64> ClipRepository::removedClips(qint64 filmId)
{
    SqliteStatement st =
        m_db.prepare("SELECT clip_id FROM deleted_clips WHERE film_id = ? ORDER BY id DESC");
    st.bind(1, filmId);
    QList<qint64> out;
    while (st.step())
        out.append(st.int64(0));
    return out;
}

QList<QString> ClipRepository::names()
{
    SqliteStatement st = m_db.prepare(
        "SELECT name FROM clips UNION SELECT json_extract(clip, '$.name') FROM deleted_clips");
    QList<QString> out;
    while (st.step())
        out.append(st.text(0));
    return out;
}

} // namespace ms::db
