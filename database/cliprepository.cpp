#include "database/cliprepository.h"

#include "core/error.h"
#include "database/sqlitedatabase.h"
#include "database/sqlitestatement.h"
#include "database/transaction.h"

namespace ms::db {

std::optional<std::pair<qint64, qint64>> ClipRepository::times(qint64 clipId)
{
    SqliteStatement st = m_db.prepare("SELECT start_ms, end_ms FROM clips WHERE id = ?");
    st.bind(1, clipId);
    if (!st.step() || st.isNull(0) || st.isNull(1))
        return std::nullopt;
    return std::make_pair(st.int64(0), st.int64(1));
}

bool ClipRepository::setTimes(qint64 clipId, qint64 startMs, qint64 endMs)
{
    if (startMs < 0)
        throw core::UserError(
            QStringLiteral("A clip cannot start before the film (start %1 ms).").arg(startMs));
    if (endMs <= startMs)
        throw core::UserError(QStringLiteral("A clip must end after it starts (start %1 ms, "
                                             "end %2 ms); drag the edges apart.")
                                  .arg(startMs)
                                  .arg(endMs));
    Transaction tx(m_db);
    SqliteStatement find = m_db.prepare("SELECT start_ms, end_ms FROM clips WHERE id = ?");
    find.bind(1, clipId);
    if (!find.step())
        throw core::UserError(
            QStringLiteral("%1: no clip with id %2").arg(m_db.path()).arg(clipId));
    if (!find.isNull(0) && !find.isNull(1) && find.int64(0) == startMs && find.int64(1) == endMs)
        return false;
    find.reset();
    SqliteStatement st = m_db.prepare("UPDATE clips SET start_ms = ?, end_ms = ? WHERE id = ?");
    st.bind(1, startMs).bind(2, endMs).bind(3, clipId);
    st.run();
    tx.commit();
    return true;
}

} // namespace ms::db
