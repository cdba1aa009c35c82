#pragma once

#include <QString>
#include <QtGlobal>

struct pg_result;

namespace ms::sync {

// The rows of one statement (text format); cleared on destruction.
class PgResult
{
public:
    PgResult() = default;
    explicit PgResult(pg_result *r) : m_r(r) {}
    PgResult(PgResult &&o) noexcept : m_r(o.m_r) { o.m_r = nullptr; }
    PgResult &operator=(PgResult &&o) noexcept;
    PgResult(const PgResult &) = delete;
    PgResult &operator=(const PgResult &) = delete;
    ~PgResult();

    int rows() const;
    bool isNull(int row, int col) const;
    QString text(int row, int col) const;
    qint64 int64(int row, int col) const;
    // Rows a command changed (INSERT ... ON CONFLICT DO NOTHING: the new ones).
    qint64 affected() const;

private:
    pg_result *m_r = nullptr;
};

} // namespace ms::sync
