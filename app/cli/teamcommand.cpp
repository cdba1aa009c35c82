#include "app/cli/commands.h"
#include "app/cli/jobprinter.h"
#include "core/error.h"
#include "database/projectdatabase.h"
#include "sync/pgconnection.h"
#include "sync/servererror.h"
#include "sync/teamlink.h"
#include "sync/teamserver.h"
#include "sync/teamsync.h"
#include "sync/teamsyncjob.h"

#include <QFile>
#include <cstdio>

namespace ms::cli {
namespace {

// A team on one corpus (docs/team.md): the coordinator publishes a project
// to a PostgreSQL server (init), adds members, members join, everyone syncs.
// Connection strings are libpq's: a URI, key=value pairs or a service name;
// passwords come from ~/.pgpass, the service file or PGPASSWORD and are
// never stored in the project or printed.
class TeamCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("team"); }
    QString summary() const override
    {
        return QStringLiteral("share a project through a PostgreSQL team server: team init | "
                              "add-member | join | sync | status");
    }
    bool takesPositionalArguments() const override { return true; }
    void addOptions(QCommandLineParser &p) override
    {
        p.addPositionalArgument(QStringLiteral("action"),
                                QStringLiteral("init (publish --db to --server, as coordinator), "
                                               "add-member (--server, --name), join (a new --db "
                                               "from --server), sync (--db), status (--db)"));
        p.addOption({QStringLiteral("db"), QStringLiteral("project file"), QStringLiteral("P")});
        p.addOption(
            {QStringLiteral("server"),
             QStringLiteral("libpq connection string: postgresql://user@host/db?sslmode=..., "
                            "key=value pairs, or a service name"),
             QStringLiteral("URI")});
        p.addOption({QStringLiteral("name"),
                     QStringLiteral("add-member: the member's name (a "
                                    "PostgreSQL role and annotator name)"),
                     QStringLiteral("N")});
        p.addOption({QStringLiteral("coordinator"),
                     QStringLiteral("add-member: the member also changes films, clips and the "
                                    "taxonomy and decides the consensus")});
        p.addOption({QStringLiteral("password-stdin"),
                     QStringLiteral("add-member: read the member's new password from the first "
                                    "line of standard input (sent encrypted; never stored)")});
        p.addOption(
            {QStringLiteral("offline"), QStringLiteral("status: do not contact the server")});
    }
    int execute(const QCommandLineParser &p) override
    {
        const QStringList pos = p.positionalArguments();
        if (pos.size() != 1)
            throw UsageError{
                QStringLiteral("say what to do: team init, add-member, join, sync or status")};
        const QString action = pos.first();
        if (action == u"init")
            return init(p);
        if (action == u"add-member")
            return addMember(p);
        if (action == u"join")
            return join(p);
        if (action == u"sync")
            return syncNow(p);
        if (action == u"status")
            return status(p);
        throw UsageError{
            QStringLiteral("unknown team action '%1': use init, add-member, join, sync "
                           "or status")
                .arg(action)};
    }

private:
    static QString server(const QCommandLineParser &p)
    {
        bool hadPassword = false;
        const QString s = required(p, QStringLiteral("server"));
        sync::PgConnection::withoutPassword(s, &hadPassword);
        if (hadPassword)
            err() << "team: the connection string holds a password; it is used for this "
                     "connection only and never stored (prefer ~/.pgpass or a service file)\n";
        return s;
    }

    int init(const QCommandLineParser &p)
    {
        const QString s = server(p);
        auto project = openProject(p, db::ProjectDatabase::Mode::OpenExisting);
        const auto r = sync::TeamSync::init(*project, s);
        const sync::TeamLink link = sync::TeamLink::read(project->sql());
        out() << "published " << r.pushed << " changes (films, clips, concepts, annotations) to "
              << sync::PgConnection::describeString(s) << "\n"
              << project->path() << " is now the coordinator's project (member '" << link.member
              << "'); add members with `modalscope-cli team add-member --server URI --name N`\n";
        return 0;
    }

    int addMember(const QCommandLineParser &p)
    {
        const QString name = required(p, QStringLiteral("name"));
        QString password;
        if (p.isSet(QStringLiteral("password-stdin"))) {
            QFile in;
            if (!in.open(stdin, QIODevice::ReadOnly))
                throw core::UserError(
                    QStringLiteral("cannot read the password from standard input"));
            password = QString::fromUtf8(in.readLine()).trimmed();
            if (password.isEmpty())
                throw core::UserError(
                    QStringLiteral("--password-stdin: standard input held no password"));
        }
        sync::PgConnection conn(server(p));
        sync::TeamServer team(conn);
        const bool coordinator = p.isSet(QStringLiteral("coordinator"));
        team.addMember(name, coordinator, password);
        out()
            << "'" << name << "' is a " << (coordinator ? "coordinator" : "member")
            << " of the team on " << conn.describe()
            << (password.isEmpty() ? "" : " (password set)")
            << "; they join with `modalscope-cli team join --db FILE --server URI` logging in as '"
            << name << "'\n";
        return 0;
    }

    int join(const QCommandLineParser &p)
    {
        const db::ProjectLocation location = projectOption(p);
        const auto r = sync::TeamSync::join(location.filePath(), server(p));
        out() << location.filePath() << ": joined the team, " << r.pulled
              << " changes applied (server at " << r.serverSeq << ")\n";
        for (const QString &m : r.messages)
            err() << "team: " << m << "\n";
        return 0;
    }

    int syncNow(const QCommandLineParser &p)
    {
        const db::ProjectLocation location = projectOption(p);
        {
            // A clear message for a project that is not linked, before any job.
            auto project =
                db::ProjectDatabase::open(location, db::ProjectDatabase::Mode::OpenExisting);
            if (!sync::TeamLink::read(project->sql()).linked)
                throw core::UserError(
                    QStringLiteral("%1 is not linked to a team server: run `modalscope-cli "
                                   "team init` (coordinator) or `team join` first")
                        .arg(location.toString()));
        }
        sync::TeamSyncJob job(location.filePath());
        JobPrinter printer(err(), JobPrinter::Progress::Lines, QStringLiteral("sync"));
        const core::JobOutcome outcome = printer.run(job);
        out() << outcome.message << "\n";
        return outcome.isDone() ? 0 : 1;
    }

    int status(const QCommandLineParser &p)
    {
        auto project = openProject(p, db::ProjectDatabase::Mode::OpenExisting);
        const sync::TeamLink link = sync::TeamLink::read(project->sql());
        if (!link.linked) {
            out() << project->path() << ": not linked to a team server\n";
            return 0;
        }
        out() << "server:      " << sync::PgConnection::describeString(link.server) << "\n"
              << "member:      " << link.member << (link.coordinator ? " (coordinator)" : "")
              << "\n"
              << "waiting:     " << link.waiting << " local change(s) not yet on the server\n"
              << "pulled up to change " << link.pulledSeq << "\n"
              << "last sync:   "
              << (link.lastSync.isValid() ? link.lastSync.toString(Qt::ISODate)
                                          : QStringLiteral("never"))
              << "\n";
        if (!link.lastError.isEmpty())
            out() << "last error:  " << link.lastError << "\n";
        if (p.isSet(QStringLiteral("offline")))
            return 0;
        try {
            sync::PgConnection conn(link.server);
            const qint64 last = sync::TeamServer(conn).lastSequence();
            out() << "server:      reachable, at change " << last << " ("
                  << std::max<qint64>(0, last - link.pulledSeq) << " to pull)\n"
                  << "state:       " << link.shortStatus(false) << "\n";
        } catch (const sync::ServerError &e) {
            out() << "server:      offline (" << e.message() << ")\n"
                  << "state:       " << link.shortStatus(true) << "\n";
        }
        return 0;
    }
};

const CommandRegistration registration(58, [] { return std::make_unique<TeamCommand>(); });

} // namespace
} // namespace ms::cli
