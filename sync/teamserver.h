#pragma once

#include <QList>
#include <QString>

namespace ms::sync {

class PgConnection;

struct TeamMember
{
    QString name;
    bool coordinator = false;
};

// The team's schema on the server (schema `modalscope`): the ordered change
// log every edit travels through, the current state derived from it, the
// roles and the row-level security that decide who may write what. See
// docs/team.md for the design; the rules live in the server, not in the
// client, so a member with psql cannot do more than Modalscope lets them.
class TeamServer
{
public:
    explicit TeamServer(PgConnection &conn) : m_conn(conn) {}

    // The group roles every member and coordinator belong to.
    static constexpr const char *memberRole = "modalscope_member";
    static constexpr const char *coordinatorRole = "modalscope_coordinator";

    bool isInitialised();
    // Inside the caller's transaction: the group roles (when missing), the
    // schema, its triggers and policies, and the connected role as the first
    // coordinator. Throws ServerError when a team schema already exists or
    // the role may not create roles.
    void createSchema();
    // A PostgreSQL role for `name` (created LOGIN when missing) in the team's
    // member (and coordinator) group, listed in modalscope.members. An empty
    // password leaves the role's password alone (peer, cert or a password
    // set by the administrator). Needs CREATEROLE. One transaction.
    void addMember(const QString &name, bool coordinator, const QString &password = {});
    QList<TeamMember> members();
    // The last server sequence number handed out (0 for none).
    qint64 lastSequence();

    // Lower-case letters, digits and '_', starting with a letter, at most 40:
    // a member name is both a PostgreSQL role and an annotator name.
    static bool isValidMemberName(const QString &name);

private:
    void requireInitialised();
    PgConnection &m_conn;
};

} // namespace ms::sync
