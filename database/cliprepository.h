#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <QtGlobal>
#include <optional>
#include <utility>

namespace ms::db {

class SqliteDatabase;

// A clip to create: its film, its name (unique in the project) and its times.
struct NewClip
{
    qint64 filmId = 0;
    QString name;
    qint64 startMs = 0;
    qint64 endMs = 0;
};

// A clip's time range changing to [startMs, endMs).
struct ClipTimes
{
    qint64 clipId = 0;
    qint64 startMs = 0;
    qint64 endMs = 0;
};

// Several clip changes made in one transaction, all or nothing: a split is
// a time change and a new clip, a merge a time change and a removal, and
// each undo and redo of them is one ClipEdit too. Applied in this order:
// removals, restorations, time changes, creations; overlaps are checked at
// the end, once every change is in.
struct ClipEdit
{
    QList<qint64> remove;  // put aside with their annotations (remove())
    QList<qint64> restore; // brought back as they were (restore())
    QList<ClipTimes> times;
    QList<NewClip> create;
    // Clips of one film may overlap (a user setting); otherwise every
    // created, restored or moved clip must keep clear of the film's others.
    bool allowOverlap = false;
};

// Clips: their times, and creating, splitting, merging, removing and
// restoring them, each one transaction committed at once.
//
// A time change is not an annotation: it records nothing in the annotation
// history, and the undo stack of the GUI replays the previous range instead.
//
// Removing a clip never loses what was said about it: the clip row, its
// annotations (with their concepts) and its annotation history are copied,
// column by column as JSON so that columns added later travel too, into
// deleted_clips / deleted_clip_rows in the same transaction, then the clip
// is deleted. restore() puts the newest copy back, under the clip's own id
// (the undo stack and other edits refer to it), and drops the copy. A clip
// never restored stays in deleted_clips with its history. Stored features
// of a removed clip are not kept: they are extracted again.
class ClipRepository
{
public:
    explicit ClipRepository(SqliteDatabase &db) : m_db(db) {}

    // nullopt for an unknown clip or a clip without times.
    std::optional<std::pair<qint64, qint64>> times(qint64 clipId);
    // One transaction. Throws core::UserError for an unknown clip, a negative
    // start or end <= start, leaving the project unchanged. False when the
    // clip already had these times. With `allowOverlap` false the new range
    // must not overlap another clip of the film.
    bool setTimes(qint64 clipId, qint64 startMs, qint64 endMs, bool allowOverlap = true);

    // Applies `edit` in one transaction and returns the ids of the created
    // clips, in the order of edit.create. Throws core::UserError naming the
    // clip and the problem (unknown clip or film, empty or negative range,
    // a name taken, an overlap, nothing to restore), leaving the project
    // exactly as it was.
    QList<qint64> apply(const ClipEdit &edit);

    // The common edits, each one apply().
    qint64 create(const NewClip &clip, bool allowOverlap = false);
    // The clip ends at `atMs` and a new clip `newName` covers [atMs, end);
    // the annotations stay with the first part. Returns the new clip's id.
    qint64 split(qint64 clipId, qint64 atMs, const QString &newName);
    // The clip grows to the end of the next clip of its film (by start),
    // which is removed (and can be restored). Returns the removed clip's id.
    qint64 mergeWithNext(qint64 clipId);
    void remove(qint64 clipId);
    void restore(qint64 clipId);

    // The next clip of the same film by start time; nullopt at the last one.
    std::optional<qint64> nextClip(qint64 clipId);
    // Removed clips of a film that could be restored (their ids, newest
    // removal first).
    QList<qint64> removedClips(qint64 filmId);
    // Every clip name in the project, removed clips' too: a new clip never
    // takes a name that bringing a removed clip back would need.
    QList<QString> names();

private:
    void removeOne(qint64 clipId, const QString &when);
    void restoreOne(qint64 clipId);
    void checkRange(const QString &what, qint64 startMs, qint64 endMs);
    void checkOverlap(qint64 clipId);
    QStringList columns(const char *table);

    SqliteDatabase &m_db;
    QHash<QByteArray, QStringList> m_columns; // a table's columns, read once
};

} // namespace ms::db
