#pragma once

#include "sync/pgresult.h"

#include <QString>
#include <QVariantList>

struct pg_conn;

namespace ms::sync {

// One connection to the team server through libpq. The connection string is
// libpq's own (a postgresql:// URI, key=value pairs, or a service name from
// pg_service.conf), so sslmode, passfile and the PG* environment variables
// work as everywhere else; a password is taken from libpq's usual places and
// never appears in what describe() or an error message shows.
//
// Every statement with values is sent with PQexecParams (values never
// spliced into SQL); only identifiers (role names) are escaped, with
// PQescapeIdentifier, where PostgreSQL takes no parameters (CREATE ROLE).
class PgConnection
{
public:
    // Throws ServerError (offline) naming the server when it cannot connect.
    explicit PgConnection(const QString &connectionString, int connectTimeoutS = 5);
    ~PgConnection();
    PgConnection(const PgConnection &) = delete;
    PgConnection &operator=(const PgConnection &) = delete;

    // `params`: a null QVariant is SQL NULL, anything else its toString().
    // Throws ServerError.
    PgResult exec(const char *sql, const QVariantList &params = {});
    void begin() { exec("BEGIN"); }
    void commit() { exec("COMMIT"); }
    // Best effort, never throws (used while unwinding).
    void rollback();

    QString user() const;
    QString escapeIdentifier(const QString &name) const;
    QString escapeLiteral(const QString &value) const;
    // The password as PostgreSQL stores it (SCRAM), so the clear text never
    // reaches the server's logs.
    QString encryptPassword(const QString &role, const QString &password) const;
    pg_conn *handle() const { return m_conn; }

    // "host:port/dbname as user", for messages (never a password).
    QString describe() const { return m_describe; }
    // What `text` means to libpq: a bare word is a service name.
    static QString normalise(const QString &text);
    // `text` without any password in it, as a key=value string when one was
    // removed; throws ServerError when libpq cannot parse it.
    static QString withoutPassword(const QString &text, bool *hadPassword = nullptr);
    // "host:port/dbname" of a connection string, for messages before connecting.
    static QString describeString(const QString &text);

private:
    [[noreturn]] void fail(const QString &what, pg_result *r);
    pg_conn *m_conn = nullptr;
    QString m_describe;
};

} // namespace ms::sync
