#include "sync/pgresult.h"

#include <libpq-fe.h>

namespace ms::sync {

PgResult &PgResult::operator=(PgResult &&o) noexcept
{
    if (this != &o) {
        PQclear(m_r);
        m_r = o.m_r;
        o.m_r = nullptr;
    }
    return *this;
}

PgResult::~PgResult()
{
    PQclear(m_r);
}

int PgResult::rows() const
{
    return m_r ? PQntuples(m_r) : 0;
}

bool PgResult::isNull(int row, int col) const
{
    return PQgetisnull(m_r, row, col) != 0;
}

QString PgResult::text(int row, int col) const
{
    return QString::fromUtf8(PQgetvalue(m_r, row, col), PQgetlength(m_r, row, col));
}

qint64 PgResult::int64(int row, int col) const
{
    return QByteArray(PQgetvalue(m_r, row, col), PQgetlength(m_r, row, col)).toLongLong();
}

qint64 PgResult::affected() const
{
    return m_r ? QByteArray(PQcmdTuples(m_r)).toLongLong() : 0;
}

} // namespace ms::sync
