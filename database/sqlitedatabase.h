#pragma once

#include "database/sqlitestatement.h"

#include <QString>
#include <QtGlobal>

struct sqlite3;

namespace ms::db {

// One open SQLite connection (one per thread, see ARCHITECTURE.md). The
// handle is closed on destruction.
class SqliteDatabase
{
public:
    enum class Mode { OpenExisting, OpenOrCreate };

    SqliteDatabase(const QString &path, Mode mode);
    ~SqliteDatabase();
    SqliteDatabase(const SqliteDatabase &) = delete;
    SqliteDatabase &operator=(const SqliteDatabase &) = delete;

    const QString &path() const { return m_path; }
    sqlite3 *handle() const { return m_db; }

    void exec(const char *sql);
    void exec(const QString &sql) { exec(sql.toUtf8().constData()); }
    SqliteStatement prepare(const char *sql) { return SqliteStatement(*this, sql); }
    qint64 scalar(const char *sql);
    qint64 lastInsertId() const;
    int changes() const;
    int userVersion() { return int(scalar("PRAGMA user_version")); }
    bool inTransaction() const;

    // Throws UserError "<path>: <what>: <sqlite message>" for a failed rc.
    [[noreturn]] void fail(int rc, const QString &what) const;

private:
    QString m_path;
    sqlite3 *m_db = nullptr;
};

} // namespace ms::db
