#pragma once

#include "core/error.h"

namespace ms::sync {

// A failure at the team server, in words a user can act on, with the
// server's SQLSTATE. `offline`: the server could not be reached or the
// connection dropped (the edits stay queued and go up at the next sync);
// otherwise the server refused or failed the statement.
class ServerError : public core::UserError
{
public:
    ServerError(const QString &message, QString sqlState, bool offline)
        : core::UserError(message), m_sqlState(std::move(sqlState)), m_offline(offline)
    {
    }
    const QString &sqlState() const { return m_sqlState; }
    bool isOffline() const { return m_offline; }
    // 42501: permission denied, a row-level security policy said no.
    bool isPermissionDenied() const { return m_sqlState == QLatin1String("42501"); }

private:
    QString m_sqlState;
    bool m_offline;
};

} // namespace ms::sync
