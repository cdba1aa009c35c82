#pragma once

#include <QtGlobal>

namespace ms::db {

class SqliteDatabase;

// What a connection can tell about the file under it (the window's faults,
// issue 17). Free functions, so that SqliteDatabase's header (included
// nearly everywhere) stays as it is.

// SQLite refuses to write through the connection: the file or its folder
// could not be written when it was opened (SqliteDatabase then opens it for
// reading only).
bool isReadOnly(const SqliteDatabase &db);
// The file at db.path() is no longer the one open: deleted, renamed or
// replaced, or its folder moved away (SQLITE_FCNTL_HAS_MOVED). Writes would
// go to a file nobody can find.
bool hasMoved(const SqliteDatabase &db);
// Changes when another connection commits (PRAGMA data_version).
qint64 dataVersion(SqliteDatabase &db);

} // namespace ms::db
