#include "sync/pgconnection.h"

#include "sync/servererror.h"

#include <QRegularExpression>
#include <libpq-fe.h>
#include <vector>

namespace ms::sync {

namespace {

// The server went away or cannot be reached: connection exceptions (08),
// the server shutting down (57P01..03), or a connection libpq marked bad.
bool isOfflineState(const QString &state)
{
    return state.isEmpty() || state.startsWith(QLatin1String("08")) ||
           state == QLatin1String("57P01") || state == QLatin1String("57P02") ||
           state == QLatin1String("57P03");
}

QString firstLine(const char *message)
{
    return QString::fromUtf8(message).trimmed().section(u'\n', 0, 0);
}

} // namespace

QString PgConnection::normalise(const QString &text)
{
    const QString t = text.trimmed();
    if (t.isEmpty() || t.contains(u'=') || t.contains(QLatin1String("://")))
        return t;
    return QStringLiteral("service=") + t;
}

QString PgConnection::withoutPassword(const QString &text, bool *hadPassword)
{
    const QString conn = normalise(text);
    char *error = nullptr;
    PQconninfoOption *opts = PQconninfoParse(conn.toUtf8().constData(), &error);
    if (!opts) {
        const QString why = error ? firstLine(error) : QStringLiteral("not a connection string");
        PQfreemem(error);
        throw ServerError(QStringLiteral("'%1' is not a PostgreSQL connection string (%2); give a "
                                         "postgresql:// URI, key=value pairs or a service name")
                              .arg(describeString(text), why),
                          QString(), false);
    }
    bool found = false;
    QStringList parts;
    for (PQconninfoOption *o = opts; o->keyword; ++o) {
        if (!o->val)
            continue;
        if (qstrcmp(o->keyword, "password") == 0) {
            found = true;
            continue;
        }
        QString v = QString::fromUtf8(o->val);
        v.replace(u'\\', QLatin1String("\\\\")).replace(u'\'', QLatin1String("\\'"));
        parts.append(QStringLiteral("%1='%2'").arg(QString::fromUtf8(o->keyword), v));
    }
    PQconninfoFree(opts);
    if (hadPassword)
        *hadPassword = found;
    return found ? parts.join(u' ') : conn;
}

QString PgConnection::describeString(const QString &text)
{
    char *error = nullptr;
    PQconninfoOption *opts = PQconninfoParse(normalise(text).toUtf8().constData(), &error);
    PQfreemem(error);
    if (!opts)
        return QStringLiteral("(unreadable connection string)");
    QString host, port, db, user, service;
    for (PQconninfoOption *o = opts; o->keyword; ++o) {
        if (!o->val)
            continue;
        const QString v = QString::fromUtf8(o->val);
        if (qstrcmp(o->keyword, "host") == 0 ||
            (qstrcmp(o->keyword, "hostaddr") == 0 && host.isEmpty()))
            host = v;
        else if (qstrcmp(o->keyword, "port") == 0)
            port = v;
        else if (qstrcmp(o->keyword, "dbname") == 0)
            db = v;
        else if (qstrcmp(o->keyword, "user") == 0)
            user = v;
        else if (qstrcmp(o->keyword, "service") == 0)
            service = v;
    }
    PQconninfoFree(opts);
    QString s = service.isEmpty() ? QString() : QStringLiteral("service %1 ").arg(service);
    s += (host.isEmpty() ? QStringLiteral("localhost") : host) +
         (port.isEmpty() ? QString() : u':' + port) + (db.isEmpty() ? QString() : u'/' + db);
    if (!user.isEmpty())
        s += QStringLiteral(" as ") + user;
    return s.trimmed();
}

PgConnection::PgConnection(const QString &connectionString, int connectTimeoutS)
{
    const QByteArray conn = normalise(connectionString).toUtf8();
    const QByteArray timeout = QByteArray::number(connectTimeoutS);
    // Our defaults first; the user's string (expanded from "dbname") comes
    // later and overrides them, so its own connect_timeout or sslmode wins.
    const char *keys[] = {"connect_timeout", "application_name", "dbname", nullptr};
    const char *values[] = {timeout.constData(), "modalscope", conn.constData(), nullptr};
    m_conn = PQconnectdbParams(keys, values, 1);
    m_describe = describeString(connectionString);
    if (!m_conn || PQstatus(m_conn) != CONNECTION_OK) {
        const QString why =
            m_conn ? firstLine(PQerrorMessage(m_conn)) : QStringLiteral("out of memory");
        PQfinish(m_conn);
        m_conn = nullptr;
        throw ServerError(
            QStringLiteral("cannot reach the team server %1: %2").arg(m_describe, why), QString(),
            true);
    }
    const QString user = QString::fromUtf8(PQuser(m_conn));
    if (!m_describe.contains(QLatin1String(" as ")))
        m_describe += QStringLiteral(" as ") + user;
    // Notices and warnings are the server's business, not the terminal's.
    PQsetNoticeProcessor(
        m_conn, [](void *, const char *) {}, nullptr);
    // Messages in English and times in UTC whatever the server's settings.
    PQclear(PQexec(m_conn, "SET lc_messages TO 'C'"));
    PQclear(PQexec(m_conn, "SET TIME ZONE 'UTC'"));
}

PgConnection::~PgConnection()
{
    PQfinish(m_conn);
}

void PgConnection::fail(const QString &what, pg_result *r)
{
    const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
    const QString sqlState = state ? QString::fromLatin1(state) : QString();
    QString message = r ? firstLine(PQresultErrorMessage(r)) : QString();
    if (message.isEmpty())
        message = firstLine(PQerrorMessage(m_conn));
    message.remove(QRegularExpression(QStringLiteral("^(ERROR|FATAL):\\s*")));
    PQclear(r);
    const bool offline = PQstatus(m_conn) != CONNECTION_OK || isOfflineState(sqlState);
    throw ServerError(QStringLiteral("team server %1: %2%3").arg(m_describe, what, message),
                      sqlState, offline);
}

PgResult PgConnection::exec(const char *sql, const QVariantList &params)
{
    std::vector<QByteArray> storage;
    std::vector<const char *> values;
    storage.reserve(size_t(params.size()));
    values.reserve(size_t(params.size()));
    for (const QVariant &v : params) {
        if (v.isNull()) {
            values.push_back(nullptr);
            continue;
        }
        storage.push_back(v.toString().toUtf8());
        values.push_back(storage.back().constData());
    }
    pg_result *r = PQexecParams(m_conn, sql, int(values.size()), nullptr,
                                values.empty() ? nullptr : values.data(), nullptr, nullptr, 0);
    const ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
        fail(QString(), r);
    return PgResult(r);
}

void PgConnection::rollback()
{
    if (m_conn && PQstatus(m_conn) == CONNECTION_OK)
        PQclear(PQexec(m_conn, "ROLLBACK"));
}

QString PgConnection::user() const
{
    return QString::fromUtf8(PQuser(m_conn));
}

QString PgConnection::escapeIdentifier(const QString &name) const
{
    const QByteArray n = name.toUtf8();
    char *e = PQescapeIdentifier(m_conn, n.constData(), size_t(n.size()));
    const QString out = QString::fromUtf8(e);
    PQfreemem(e);
    return out;
}

QString PgConnection::escapeLiteral(const QString &value) const
{
    const QByteArray v = value.toUtf8();
    char *e = PQescapeLiteral(m_conn, v.constData(), size_t(v.size()));
    const QString out = QString::fromUtf8(e);
    PQfreemem(e);
    return out;
}

QString PgConnection::encryptPassword(const QString &role, const QString &password) const
{
    char *e = PQencryptPasswordConn(m_conn, password.toUtf8().constData(),
                                    role.toUtf8().constData(), nullptr);
    if (!e)
        throw ServerError(QStringLiteral("team server %1: cannot encrypt the password: %2")
                              .arg(m_describe, firstLine(PQerrorMessage(m_conn))),
                          QString(), false);
    const QString out = QString::fromUtf8(e);
    PQfreemem(e);
    return out;
}

} // namespace ms::sync
