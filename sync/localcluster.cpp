#include "sync/localcluster.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QVersionNumber>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

namespace ms::sync {

namespace {

// A port the kernel says is free now (bound, read, closed).
int freePort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return 0;
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    socklen_t len = sizeof a;
    int port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr *>(&a), sizeof a) == 0 &&
        ::getsockname(fd, reinterpret_cast<sockaddr *>(&a), &len) == 0)
        port = ntohs(a.sin_port);
    ::close(fd);
    return port;
}

} // namespace

LocalCluster::LocalCluster() = default;

LocalCluster::~LocalCluster()
{
    if (m_running)
        stop(true);
}

QString LocalCluster::binDir()
{
    const QString env = qEnvironmentVariable("MODALSCOPE_PG_BINDIR");
    if (!env.isEmpty())
        return QFileInfo::exists(env + QStringLiteral("/pg_ctl")) ? env : QString();
    const QString inPath = QStandardPaths::findExecutable(QStringLiteral("pg_ctl"));
    if (!inPath.isEmpty() &&
        QFileInfo::exists(QFileInfo(inPath).path() + QStringLiteral("/initdb")))
        return QFileInfo(inPath).path();
    QDir lib(QStringLiteral("/usr/lib/postgresql"));
    QString best;
    QVersionNumber bestVersion;
    for (const QString &v : lib.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QString bin = lib.filePath(v) + QStringLiteral("/bin");
        const QVersionNumber n = QVersionNumber::fromString(v);
        if (QFileInfo::exists(bin + QStringLiteral("/initdb")) &&
            QFileInfo::exists(bin + QStringLiteral("/pg_ctl")) && n > bestVersion) {
            best = bin;
            bestVersion = n;
        }
    }
    return best;
}

bool LocalCluster::run(const QStringList &args, QString *error, int timeoutMs)
{
    QProcess p;
    p.setWorkingDirectory(m_dir->path());
    p.setProcessChannelMode(QProcess::MergedChannels);
    QStringList argv = args;
    QString program = argv.takeFirst();
    if (::geteuid() == 0) {
        argv.prepend(program);
        const passwd *nobody = ::getpwnam("nobody");
        const uint uid = nobody ? nobody->pw_uid : 65534u, gid = nobody ? nobody->pw_gid : 65534u;
        argv = QStringList{QStringLiteral("--reuid=%1").arg(uid),
                           QStringLiteral("--regid=%1").arg(gid), QStringLiteral("--clear-groups"),
                           QStringLiteral("--")} +
               argv;
        program = QStringLiteral("setpriv");
    }
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
    env.remove(QStringLiteral("PGDATA"));
    p.setProcessEnvironment(env);
    p.start(program, argv);
    if (!p.waitForFinished(timeoutMs) || p.exitStatus() != QProcess::NormalExit ||
        p.exitCode() != 0) {
        if (error)
            *error = QStringLiteral("%1 %2 failed: %3 %4")
                         .arg(program, argv.join(u' '), p.errorString(),
                              QString::fromLocal8Bit(p.readAll()).trimmed());
        p.kill();
        p.waitForFinished(2000);
        return false;
    }
    return true;
}

bool LocalCluster::start(QString *error, bool durable)
{
    m_bin = binDir();
    if (m_bin.isEmpty()) {
        *error = QStringLiteral("PostgreSQL's initdb and pg_ctl were not found (install the "
                                "Debian package postgresql, or set MODALSCOPE_PG_BINDIR)");
        return false;
    }
    m_durable = durable;
    m_dir =
        std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/modalscope-pg-XXXXXX"));
    if (!m_dir->isValid()) {
        *error = QStringLiteral("cannot create a temporary folder: %1").arg(m_dir->errorString());
        return false;
    }
    if (::geteuid() == 0) {
        const passwd *nobody = ::getpwnam("nobody");
        if (!nobody ||
            ::chown(m_dir->path().toLocal8Bit().constData(), nobody->pw_uid, nobody->pw_gid) != 0) {
            *error = QStringLiteral("we run as root and cannot hand %1 to the user nobody")
                         .arg(m_dir->path());
            return false;
        }
    }
    const QString data = m_dir->path() + QStringLiteral("/data");
    if (!run({m_bin + QStringLiteral("/initdb"), QStringLiteral("-D"), data, QStringLiteral("-U"),
              QStringLiteral("postgres"), QStringLiteral("-A"), QStringLiteral("trust"),
              QStringLiteral("-E"), QStringLiteral("UTF8"), QStringLiteral("--locale=C"),
              QStringLiteral("--no-sync")},
             error))
        return false;
    QFile conf(data + QStringLiteral("/postgresql.conf"));
    if (!conf.open(QIODevice::Append)) {
        *error = QStringLiteral("cannot write %1").arg(conf.fileName());
        return false;
    }
    m_port = freePort();
    QByteArray extra = "\n# modalscope throwaway cluster\nlisten_addresses = '127.0.0.1'\n"
                       "port = " +
                       QByteArray::number(m_port) +
                       "\n"
                       "unix_socket_directories = '" +
                       m_dir->path().toLocal8Bit() +
                       "'\n"
                       "max_connections = 100\nshared_buffers = 32MB\n";
    if (!m_durable)
        extra += "fsync = off\nfull_page_writes = off\n";
    conf.write(extra);
    conf.close();
    if (!restart(error))
        return false;
    // Should this process die without its destructor (a crashed test), a
    // watchdog stops the server and removes the folder once we are gone.
    QStringList stop = {m_bin + QStringLiteral("/pg_ctl"),
                        QStringLiteral("stop"),
                        QStringLiteral("-D"),
                        data,
                        QStringLiteral("-m"),
                        QStringLiteral("immediate")};
    if (::geteuid() == 0)
        stop = QStringList{QStringLiteral("setpriv"),
                           QStringLiteral("--reuid=%1").arg(::getpwnam("nobody")->pw_uid),
                           QStringLiteral("--regid=%1").arg(::getpwnam("nobody")->pw_gid),
                           QStringLiteral("--clear-groups"), QStringLiteral("--")} +
               stop;
    QProcess::startDetached(
        QStringLiteral("sh"),
        QStringList{QStringLiteral("-c"),
                    QStringLiteral(
                        "while kill -0 %1 2>/dev/null; do sleep 2; done; [ -d \"$0\" ] || exit 0; "
                        "\"$@\" >/dev/null 2>&1; rm -rf \"$0\"")
                        .arg(::getpid()),
                    m_dir->path()} +
            stop);
    return true;
}

bool LocalCluster::restart(QString *error)
{
    if (m_running)
        stop();
    const QString data = m_dir->path() + QStringLiteral("/data");
    m_running =
        run({m_bin + QStringLiteral("/pg_ctl"), QStringLiteral("start"), QStringLiteral("-w"),
             QStringLiteral("-t"), QStringLiteral("60"), QStringLiteral("-D"), data,
             QStringLiteral("-l"), m_dir->path() + QStringLiteral("/server.log")},
            error, 90000);
    if (!m_running && error)
        *error += QStringLiteral("\n") + logText().right(2000);
    return m_running;
}

bool LocalCluster::stop(bool immediate)
{
    if (!m_dir)
        return false;
    const bool ok =
        run({m_bin + QStringLiteral("/pg_ctl"), QStringLiteral("stop"), QStringLiteral("-w"),
             QStringLiteral("-D"), m_dir->path() + QStringLiteral("/data"), QStringLiteral("-m"),
             immediate ? QStringLiteral("immediate") : QStringLiteral("fast")},
            nullptr);
    m_running = false;
    return ok;
}

QString LocalCluster::connectionString(const QString &user, const QString &dbname) const
{
    return QStringLiteral("postgresql://%1@127.0.0.1:%2/%3?connect_timeout=3")
        .arg(user)
        .arg(m_port)
        .arg(dbname);
}

QString LocalCluster::logText() const
{
    QFile f(m_dir ? m_dir->path() + QStringLiteral("/server.log") : QString());
    return f.open(QIODevice::ReadOnly) ? QString::fromLocal8Bit(f.readAll()) : QString();
}

} // namespace ms::sync
