#pragma once

#include <QDateTime>
#include <QString>

namespace ms::db {
class SqliteDatabase;
}

namespace ms::sync {

// What a local project knows of its team server, read from project_meta:
// no network, cheap enough for the status bar. The server is stored as the
// user gave it minus any password (libpq finds passwords in ~/.pgpass, the
// service file or PGPASSWORD; the project file never holds one).
struct TeamLink
{
    bool linked = false;
    QString server; // libpq connection string, without password
    QString member; // the PostgreSQL role, also the annotator name
    bool coordinator = false;
    QString origin;       // this project's UUID: its changes are not pulled back
    qint64 pulledSeq = 0; // the last server sequence number applied here
    qint64 waiting = 0;   // local changes not yet acknowledged by the server
    QDateTime lastSync;   // the last sync that reached the server
    QString lastError;    // the last failed sync's message (empty after a success)

    static TeamLink read(db::SqliteDatabase &db);
    // "synced", "3 waiting", "offline · 3 waiting" (offline: the last sync
    // could not reach the server), "" when not linked.
    QString shortStatus(bool offline) const;

    static constexpr const char *keyServer = "team.server";
    static constexpr const char *keyMember = "team.member";
    static constexpr const char *keyCoordinator = "team.coordinator";
    static constexpr const char *keyOrigin = "team.origin";
    static constexpr const char *keyPulledSeq = "team.pulled_seq";
    static constexpr const char *keyLastSync = "team.last_sync";
    static constexpr const char *keyLastError = "team.last_error";
    // Counted up by triggers on films, clips and concepts; the value the last
    // catalog comparison saw.
    static constexpr const char *keyCatalogVersion = "team.catalog_version";
    static constexpr const char *keyCatalogSynced = "team.catalog_synced";
};

} // namespace ms::sync
