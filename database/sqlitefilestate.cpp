#include "database/sqlitefilestate.h"

#include "database/sqlitedatabase.h"

#include <sqlite3.h>

namespace ms::db {

bool isReadOnly(const SqliteDatabase &db)
{
    return sqlite3_db_readonly(db.handle(), "main") == 1;
}

bool hasMoved(const SqliteDatabase &db)
{
    int moved = 0;
    if (sqlite3_file_control(db.handle(), "main", SQLITE_FCNTL_HAS_MOVED, &moved) != SQLITE_OK)
        return false;
    return moved != 0;
}

qint64 dataVersion(SqliteDatabase &db)
{
    return db.scalar("PRAGMA data_version");
}

} // namespace ms::db
