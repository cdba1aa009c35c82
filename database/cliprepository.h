#pragma once

#include <QtGlobal>
#include <optional>
#include <utility>

namespace ms::db {

class SqliteDatabase;

// Clip time ranges, as the timeline edits them by dragging a clip's edges.
// A time change is not an annotation: it records nothing in the annotation
// history, and the undo stack of the GUI replays the previous range instead.
class ClipRepository
{
public:
    explicit ClipRepository(SqliteDatabase &db) : m_db(db) {}

    // nullopt for an unknown clip or a clip without times.
    std::optional<std::pair<qint64, qint64>> times(qint64 clipId);
    // One transaction. Throws core::UserError for an unknown clip, a negative
    // start or end <= start, leaving the project unchanged. False when the
    // clip already had these times.
    bool setTimes(qint64 clipId, qint64 startMs, qint64 endMs);

private:
    SqliteDatabase &m_db;
};

} // namespace ms::db
