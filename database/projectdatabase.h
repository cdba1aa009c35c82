#pragma once

#include "database/projectlocation.h"
#include "database/sqlitedatabase.h"

#include <QList>
#include <QString>
#include <functional>
#include <memory>

namespace ms::db {

// One project = one SQLite file (WAL, foreign keys on, schema version in
// PRAGMA user_version). Opening applies the pending migrations in order, each
// in its own transaction, refuses files written by a newer Modalscope before
// touching them, and runs integrity_check. One instance per thread.
//
// open() is the one place that turns a ProjectLocation into a connection:
// callers name a project by its location and never build a connection
// themselves, so another kind of location (the team server) is added here.
class ProjectDatabase
{
public:
    enum class Mode { OpenExisting, OpenOrCreate };

    // Throws core::UserError naming the location when it cannot be opened
    // (and for an empty location).
    static std::unique_ptr<ProjectDatabase> open(const ProjectLocation &location, Mode mode);

    struct Migration
    {
        int version; // user_version after this step
        const char *sql;
        std::function<void(SqliteDatabase &)> after; // data seeding, may be empty
    };

    // The SQLite file at `path`; prefer open(), which also takes other kinds.
    ProjectDatabase(const QString &path, Mode mode);

    SqliteDatabase &sql() { return *m_db; }
    const QString &path() const { return m_db->path(); }
    ProjectLocation location() const { return ProjectLocation::file(path()); }

    static int schemaVersion();
    static const QList<Migration> &migrations();
    // Brings `db` to the last version of `steps`; throws UserError when the
    // file is newer than all of them. Exposed for tests of the mechanism.
    static void migrate(SqliteDatabase &db, const QList<Migration> &steps);

private:
    std::unique_ptr<SqliteDatabase> m_db;
};

} // namespace ms::db
