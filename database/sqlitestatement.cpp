#include "database/sqlitestatement.h"

#include <cmath>

#include "database/sqlitedatabase.h"
#include "core/error.h"

#include <sqlite3.h>

namespace ms::db {

SqliteStatement::SqliteStatement(SqliteDatabase &db, const char *sql) : m_db(&db)
{
    const int rc = sqlite3_prepare_v3(db.handle(), sql, -1, SQLITE_PREPARE_PERSISTENT, &m_stmt,
                                      nullptr);
    if (rc != SQLITE_OK)
        db.fail(rc, QStringLiteral("cannot prepare \"%1\"").arg(QString::fromUtf8(sql)));
}

SqliteStatement::SqliteStatement(SqliteStatement &&o) noexcept : m_db(o.m_db), m_stmt(o.m_stmt)
{
    o.m_stmt = nullptr;
}

SqliteStatement &SqliteStatement::operator=(SqliteStatement &&o) noexcept
{
    if (this != &o) {
        sqlite3_finalize(m_stmt);
        m_db = o.m_db;
        m_stmt = o.m_stmt;
        o.m_stmt = nullptr;
    }
    return *this;
}

SqliteStatement::~SqliteStatement()
{
    sqlite3_finalize(m_stmt);
}

void SqliteStatement::check(int rc, const char *what) const
{
    if (rc != SQLITE_OK)
        m_db->fail(rc, QString::fromUtf8(what) + QStringLiteral(" in \"") +
                           QString::fromUtf8(sqlite3_sql(m_stmt)) + u'"');
}

SqliteStatement &SqliteStatement::bind(int i, qint64 v)
{
    check(sqlite3_bind_int64(m_stmt, i, v), "bind");
    return *this;
}

SqliteStatement &SqliteStatement::bind(int i, const QString &v)
{
    const QByteArray u = v.toUtf8();
    check(sqlite3_bind_text(m_stmt, i, u.constData(), int(u.size()), SQLITE_TRANSIENT), "bind");
    return *this;
}

SqliteStatement &SqliteStatement::bind(int i, std::optional<qint64> v)
{
    return v ? bind(i, *v) : bindNull(i);
}

SqliteStatement &SqliteStatement::bindBlob(int i, const QByteArray &v)
{
    check(sqlite3_bind_blob64(m_stmt, i, v.constData(), sqlite3_uint64(v.size()), SQLITE_TRANSIENT),
          "bind");
    return *this;
}

SqliteStatement &SqliteStatement::bindReal(int i, std::optional<double> v)
{
    if (!v || !std::isfinite(*v))
        return bindNull(i);
    check(sqlite3_bind_double(m_stmt, i, *v), "bind");
    return *this;
}

std::optional<double> SqliteStatement::real(int col) const
{
    if (sqlite3_column_type(m_stmt, col) == SQLITE_NULL)
        return std::nullopt;
    return sqlite3_column_double(m_stmt, col);
}

SqliteStatement &SqliteStatement::bindNull(int i)
{
    check(sqlite3_bind_null(m_stmt, i), "bind");
    return *this;
}

bool SqliteStatement::step()
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    const QString sql = QString::fromUtf8(sqlite3_sql(m_stmt));
    sqlite3_reset(m_stmt);
    m_db->fail(rc, QStringLiteral("\"%1\" failed").arg(sql));
}

void SqliteStatement::run()
{
    while (step()) {
    }
    reset();
}

void SqliteStatement::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

qint64 SqliteStatement::int64(int col) const
{
    return sqlite3_column_int64(m_stmt, col);
}

QString SqliteStatement::text(int col) const
{
    const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, col));
    return p ? QString::fromUtf8(p, sqlite3_column_bytes(m_stmt, col)) : QString();
}

QByteArray SqliteStatement::blob(int col) const
{
    const void *p = sqlite3_column_blob(m_stmt, col);
    return p ? QByteArray(static_cast<const char *>(p), sqlite3_column_bytes(m_stmt, col))
             : QByteArray();
}

bool SqliteStatement::isNull(int col) const
{
    return sqlite3_column_type(m_stmt, col) == SQLITE_NULL;
}

std::optional<qint64> SqliteStatement::optionalInt64(int col) const
{
    if (isNull(col))
        return std::nullopt;
    return int64(col);
}

} // namespace ms::db
