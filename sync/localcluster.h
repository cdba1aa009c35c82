#pragma once

#include <QString>
#include <QTemporaryDir>
#include <memory>

namespace ms::sync {

// A throwaway PostgreSQL cluster for the tests and `bench sync`: initdb in a
// temporary folder, the server listening on 127.0.0.1 at a free port with
// trust authentication (nothing but this machine can reach it), removed with
// the object. PostgreSQL refuses to run as root, so when we are root the
// binaries run as `nobody` (setpriv) in a folder handed to that user.
class LocalCluster
{
public:
    LocalCluster();
    ~LocalCluster();
    LocalCluster(const LocalCluster &) = delete;
    LocalCluster &operator=(const LocalCluster &) = delete;

    // The folder of initdb and pg_ctl (MODALSCOPE_PG_BINDIR, PATH, then the
    // newest /usr/lib/postgresql/N/bin); empty when PostgreSQL is missing.
    static QString binDir();

    // initdb and start; false with `error` set when it cannot.
    bool start(QString *error, bool durable = false);
    // pg_ctl stop: fast (connections closed cleanly) or immediate (a crash).
    bool stop(bool immediate = false);
    bool restart(QString *error);
    bool isRunning() const { return m_running; }

    int port() const { return m_port; }
    // A libpq connection string for `user` (a superuser "postgres" exists).
    QString connectionString(const QString &user = QStringLiteral("postgres"),
                             const QString &dbname = QStringLiteral("postgres")) const;
    QString logText() const;

private:
    bool run(const QStringList &args, QString *error, int timeoutMs = 60000);
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_bin;
    int m_port = 0;
    bool m_running = false;
    bool m_durable = false;
};

} // namespace ms::sync
