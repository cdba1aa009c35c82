#include "database/sqlitedatabase.h"

#include "core/error.h"

#include <QFileInfo>
#include <QUrl>
#include <chrono>
#include <sqlite3.h>
#include <thread>

using ms::core::UserError;

namespace ms::db {

SqliteDatabase::SqliteDatabase(const QString &path, Mode mode) : m_path(path)
{
    if (mode == Mode::OpenExisting && !QFileInfo::exists(path))
        throw UserError(QStringLiteral("%1: no such project file").arg(path));
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
    if (mode == Mode::OpenOrCreate)
        flags |= SQLITE_OPEN_CREATE;
    QByteArray name = path.toUtf8();
    // A file this program may not write (or one in a folder it may not
    // write, where the -wal and -shm beside it cannot be made) is opened for
    // reading only: reads work, every write fails with SQLITE_READONLY
    // (isReadOnly() in sqlitefilestate.h says so beforehand). Without a -wal
    // beside it (no writer has it open, or the folder cannot be written)
    // it is read as immutable: SQLite would otherwise leave a read-only -wal
    // and -shm behind, which would make the file read-only even once it is
    // writable again. With a -wal (someone with write access has it open)
    // it is read through the WAL, as that writer commits.
    const QFileInfo file(path);
    const bool folderWritable = QFileInfo(file.absolutePath()).isWritable();
    if (mode == Mode::OpenExisting && file.isFile() && (!file.isWritable() || !folderWritable)) {
        flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
        const bool shared = folderWritable && QFileInfo::exists(path + QStringLiteral("-wal"));
        name = QUrl::fromLocalFile(file.absoluteFilePath()).toEncoded() +
               (shared ? "?mode=ro" : "?mode=ro&immutable=1");
    }
    const int rc = sqlite3_open_v2(name.constData(), &m_db, flags, nullptr);
    if (rc != SQLITE_OK) {
        const QString msg = m_db ? QString::fromUtf8(sqlite3_errmsg(m_db))
                                 : QString::fromUtf8(sqlite3_errstr(rc));
        sqlite3_close_v2(m_db);
        m_db = nullptr;
        throw UserError(QStringLiteral("%1: cannot open the project: %2").arg(path, msg));
    }
    sqlite3_extended_result_codes(m_db, 1);
    // Another connection (the background team sync, a second window, the
    // CLI) may hold the write lock briefly; wait for it rather than fail.
    // Poll often: SQLite's own busy timeout sleeps in growing steps (up to
    // 100 ms), so an edit would wait far longer than the transaction it
    // waits for, and could lose the lock to that connection's next one.
    sqlite3_busy_handler(
        m_db,
        [](void *, int count) -> int {
            // 0.2 ms steps for the first 0.2 s, then 2 ms steps: ~5 s in all.
            if (count >= 3400)
                return 0;
            std::this_thread::sleep_for(count < 1000 ? std::chrono::microseconds(200)
                                                     : std::chrono::microseconds(2000));
            return 1;
        },
        nullptr);
}

SqliteDatabase::~SqliteDatabase()
{
    sqlite3_close_v2(m_db);
}

void SqliteDatabase::fail(int rc, const QString &what) const
{
    QString reason = QString::fromUtf8(sqlite3_errmsg(m_db));
    switch (rc & 0xff) {
    case SQLITE_FULL:
        reason += QStringLiteral(" (the disk is full: free some space and try again; the "
                                 "project is unchanged)");
        break;
    case SQLITE_NOTADB:
        reason += QStringLiteral(" (this is not a Modalscope project file)");
        break;
    case SQLITE_CORRUPT:
        reason += QStringLiteral(" (the project file is damaged)");
        break;
    case SQLITE_READONLY:
        reason += QStringLiteral(" (the project file or its folder is read-only)");
        break;
    case SQLITE_BUSY:
        reason += QStringLiteral(" (another program holds the project; close it and retry)");
        break;
    default:
        break;
    }
    throw UserError(QStringLiteral("%1: %2: %3").arg(m_path, what, reason));
}

void SqliteDatabase::exec(const char *sql)
{
    char *err = nullptr;
    const int rc = sqlite3_exec(m_db, sql, nullptr, nullptr, &err);
    sqlite3_free(err);
    if (rc != SQLITE_OK)
        fail(rc, QStringLiteral("\"%1\" failed").arg(QString::fromUtf8(sql).left(80)));
}

qint64 SqliteDatabase::scalar(const char *sql)
{
    SqliteStatement st(*this, sql);
    return st.step() ? st.int64(0) : 0;
}

qint64 SqliteDatabase::lastInsertId() const
{
    return sqlite3_last_insert_rowid(m_db);
}

int SqliteDatabase::changes() const
{
    return sqlite3_changes(m_db);
}

bool SqliteDatabase::inTransaction() const
{
    return sqlite3_get_autocommit(m_db) == 0;
}

} // namespace ms::db
