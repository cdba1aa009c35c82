#pragma once

#include <QByteArray>
#include <QString>
#include <QtGlobal>
#include <optional>

struct sqlite3_stmt;

namespace ms::db {

class SqliteDatabase;

// A prepared statement; finalized on destruction. Binding indexes are 1-based,
// column indexes 0-based, as in the SQLite C API. Errors throw UserError with
// the database file and the SQL's own message.
class SqliteStatement
{
public:
    SqliteStatement() = default;
    SqliteStatement(SqliteDatabase &db, const char *sql);
    SqliteStatement(SqliteStatement &&o) noexcept;
    SqliteStatement &operator=(SqliteStatement &&o) noexcept;
    SqliteStatement(const SqliteStatement &) = delete;
    SqliteStatement &operator=(const SqliteStatement &) = delete;
    ~SqliteStatement();

    SqliteStatement &bind(int i, qint64 v);
    SqliteStatement &bind(int i, int v) { return bind(i, qint64(v)); }
    SqliteStatement &bind(int i, const QString &v);
    SqliteStatement &bind(int i, std::optional<qint64> v);
    SqliteStatement &bindNull(int i);
    SqliteStatement &bindBlob(int i, const QByteArray &v);
    // A REAL at full precision; NULL when absent or not finite.
    SqliteStatement &bindReal(int i, std::optional<double> v);

    // true while a row is available; false when done.
    bool step();
    // Runs to completion (for statements without rows) and resets.
    void run();
    void reset();

    qint64 int64(int col) const;
    QString text(int col) const;
    QByteArray blob(int col) const;
    bool isNull(int col) const;
    std::optional<qint64> optionalInt64(int col) const;
    std::optional<double> real(int col) const; // nullopt for NULL

private:
    void check(int rc, const char *what) const;
    SqliteDatabase *m_db = nullptr;
    sqlite3_stmt *m_stmt = nullptr;
};

} // namespace ms::db
