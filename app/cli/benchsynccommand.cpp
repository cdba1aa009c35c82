#include "app/cli/commands.h"
#include "core/error.h"
#include "core/importrecord.h"
#include "database/annotationrepository.h"
#include "database/importservice.h"
#include "database/projectdatabase.h"
#include "sync/backgroundpriority.h"
#include "sync/localcluster.h"
#include "sync/pgconnection.h"
#include "sync/teamlink.h"
#include "sync/teamserver.h"
#include "sync/teamsync.h"

#include <QDir>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <sqlite3.h>
#include <thread>

namespace ms::cli {
namespace {

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v.at(std::min(v.size() - 1, size_t(p / 100.0 * double(v.size()))));
}

// N simulated annotators, each with their own local project (joined from a
// throwaway server started here), edit as fast as they can while a sync loop
// per client pushes and pulls in the background. Reported: edits per second
// through the server, the time from the last edit until every client holds
// the same annotations as the server, and the local commit latency while
// syncing (what an annotator feels).
class BenchSyncCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("bench-sync"); }
    QString summary() const override
    {
        return QStringLiteral("team sync: N annotators x M edits against a local PostgreSQL "
                              "server; edits/s, convergence time, local commit p99");
    }
    void addOptions(QCommandLineParser &p) override
    {
        p.addOption({QStringLiteral("annotators"), QStringLiteral("simulated annotators (20)"),
                     QStringLiteral("N")});
        p.addOption({QStringLiteral("edits"), QStringLiteral("edits per annotator (1000)"),
                     QStringLiteral("M")});
        p.addOption({QStringLiteral("interval-ms"),
                     QStringLiteral("pause between two syncs of a client (250)"),
                     QStringLiteral("MS")});
        p.addOption({QStringLiteral("clips"), QStringLiteral("clips in the project (500)"),
                     QStringLiteral("C")});
        p.addOption({QStringLiteral("pace-ms"),
                     QStringLiteral("pause of each annotator between two edits (0: as fast as "
                                    "possible)"),
                     QStringLiteral("MS")});
        p.addOption({QStringLiteral("baseline"),
                     QStringLiteral("first let the annotators make the same number of edits with "
                                    "no sync running, to tell the sync's cost from the machine's "
                                    "load (those edits are then synced too)")});
        p.addOption({QStringLiteral("dir"),
                     QStringLiteral("folder for the projects (default: a temporary one)"),
                     QStringLiteral("DIR")});
    }

    int execute(const QCommandLineParser &p) override
    {
        const int annotators = intOption(p, QStringLiteral("annotators"), 20, 1);
        const int edits = intOption(p, QStringLiteral("edits"), 1000, 1);
        const int interval = intOption(p, QStringLiteral("interval-ms"), 250, 0);
        const int clipCount = intOption(p, QStringLiteral("clips"), 500, 1);
        const int pace = intOption(p, QStringLiteral("pace-ms"), 0, 0);
        QTemporaryDir tmp(
            p.isSet(QStringLiteral("dir"))
                ? QDir(p.value(QStringLiteral("dir"))).filePath(QStringLiteral("bench-XXXXXX"))
                : QDir::tempPath() + QStringLiteral("/modalscope-bench-XXXXXX"));
        if (!tmp.isValid())
            throw core::UserError(
                QStringLiteral("cannot create a scratch folder: %1").arg(tmp.errorString()));

        sync::LocalCluster cluster;
        QString error;
        // Durable (fsync on), as a real team server runs.
        if (!cluster.start(&error, true))
            throw core::UserError(
                QStringLiteral("bench sync needs a local PostgreSQL server: %1").arg(error));
        {
            sync::PgConnection admin(cluster.connectionString());
            admin.exec("CREATE ROLE coord LOGIN CREATEROLE");
            admin.exec("CREATE DATABASE team OWNER coord");
        }
        auto server = [&](const QString &user) {
            return cluster.connectionString(user, QStringLiteral("team"));
        };
        out() << "bench sync: PostgreSQL on 127.0.0.1:" << cluster.port() << " (fsync on), "
              << annotators << " annotators x " << edits << " edits, " << clipCount
              << " clips (synthetic), sync every " << interval << " ms\n";
        out().flush();

        const QString coordPath = tmp.filePath(QStringLiteral("coord.msproj"));
        {
            db::ProjectDatabase coord(coordPath, db::ProjectDatabase::Mode::OpenOrCreate);
            QList<core::ImportRecord> rows;
            for (int c = 0; c < clipCount; ++c) {
                core::ImportRecord r;
                r.movieId = QStringLiteral("synth%1").arg(c / 50, 3, 10, QLatin1Char('0'));
                r.clipId =
                    QStringLiteral("%1-%2").arg(r.movieId).arg(c % 50, 3, 10, QLatin1Char('0'));
                r.hasTimes = true;
                r.startMs = (c % 50) * 10000;
                r.endMs = r.startMs.value() + 8000;
                rows.append(r);
            }
            db::ImportService(coord).apply(rows, QString(), QStringLiteral("bench"));
            sync::TeamSync::init(coord, server(QStringLiteral("coord")));
            sync::PgConnection c(server(QStringLiteral("coord")));
            sync::TeamServer team(c);
            for (int i = 0; i < annotators; ++i)
                team.addMember(member(i), false);
        }
        QStringList paths;
        for (int i = 0; i < annotators; ++i) {
            paths.append(tmp.filePath(member(i) + QStringLiteral(".msproj")));
            sync::TeamSync::join(paths.last(), server(member(i)));
        }
        const qint64 baseSeq = [&] {
            sync::PgConnection c(server(QStringLiteral("coord")));
            return sync::TeamServer(c).lastSequence();
        }();

        std::mutex lock;
        QStringList errors;
        std::vector<std::vector<double>> commitMs(static_cast<size_t>(annotators));
        std::atomic<int> editorsDone{0};
        std::atomic<bool> stop{false};
        std::vector<std::atomic<qint64>> pulled(static_cast<size_t>(annotators));
        std::vector<std::atomic<qint64>> waiting(static_cast<size_t>(annotators));
        std::atomic<qint64> syncs{0};
        for (auto &w : waiting)
            w = 1;
        QElapsedTimer clock;
        clock.start();
        qint64 lastEditNs = 0; // under `lock`
        auto fail = [&](const QString &who, const std::exception &e) {
            std::lock_guard g(lock);
            errors.append(who + QStringLiteral(": ") + core::messageOf(e));
            stop = true;
        };

        // One annotator's edits; each commit's time goes to `times`.
        auto editor = [&](int i, int round, std::vector<double> &times) {
            try {
                db::ProjectDatabase project(paths.at(i), db::ProjectDatabase::Mode::OpenExisting);
                // As the window's connection to a linked project
                // (ui::ProjectDocument): the sync's connection checkpoints
                // the WAL, never an annotator's commit.
                sqlite3_wal_autocheckpoint(project.sql().handle(), 0);
                db::AnnotationRepository repo(project.sql());
                const auto clips = repo.clips();
                const core::Level levels[] = {core::Level::EasyNegative, core::Level::HardNegative,
                                              core::Level::Sure};
                times.reserve(times.size() + size_t(edits));
                for (int k = 0; k < edits && !stop; ++k) {
                    db::AnnotationState s;
                    s.level = levels[(k + i + round) % 3];
                    if (*s.level != core::Level::EasyNegative)
                        s.concepts = {k % 2 ? QStringLiteral("Body") : QStringLiteral("Voice")};
                    s.note = QStringLiteral("%1 edit %2.%3").arg(member(i)).arg(round).arg(k);
                    const qint64 clip = clips.at((k * 7 + i * 13) % clips.size()).id;
                    const auto t0 = std::chrono::steady_clock::now();
                    repo.setAnnotation(clip, member(i), s, QStringLiteral("bench"));
                    times.push_back(std::chrono::duration<double, std::milli>(
                                        std::chrono::steady_clock::now() - t0)
                                        .count());
                    if (pace)
                        std::this_thread::sleep_for(std::chrono::milliseconds(pace));
                }
                std::lock_guard g(lock);
                lastEditNs = std::max<qint64>(lastEditNs, clock.nsecsElapsed());
            } catch (const std::exception &e) {
                fail(member(i), e);
            }
        };
        std::vector<double> baselineMs;
        int rounds = 1;
        if (p.isSet(QStringLiteral("baseline"))) {
            std::vector<std::vector<double>> times(static_cast<size_t>(annotators));
            std::vector<std::thread> alone;
            for (int i = 0; i < annotators; ++i)
                alone.emplace_back([&, i] { editor(i, 1, times[size_t(i)]); });
            for (auto &t : alone)
                t.join();
            for (const auto &v : times)
                baselineMs.insert(baselineMs.end(), v.begin(), v.end());
            rounds = 2;
            clock.restart();
            lastEditNs = 0;
        }

        std::vector<std::thread> threads;
        for (int i = 0; i < annotators; ++i) {
            threads.emplace_back([&, i] {
                editor(i, 0, commitMs[size_t(i)]);
                ++editorsDone;
            });
            threads.emplace_back([&, i] {
                try {
                    // As the window's sync job does.
                    const sync::BackgroundPriority background;
                    db::ProjectDatabase project(paths.at(i),
                                                db::ProjectDatabase::Mode::OpenExisting);
                    sync::TeamSync syncer(project); // keeps its connection
                    while (!stop) {
                        const auto r = syncer.sync();
                        ++syncs;
                        pulled[size_t(i)] = r.serverSeq;
                        waiting[size_t(i)] = r.waiting;
                        std::this_thread::sleep_for(std::chrono::milliseconds(interval));
                    }
                } catch (const std::exception &e) {
                    fail(member(i) + QStringLiteral(" sync"), e);
                }
            });
        }

        // The monitor: when did the server hold every edit, and when did
        // every client hold everything the server has?
        const qint64 expected = qint64(annotators) * edits * rounds;
        qint64 allOnServerNs = 0, convergedNs = 0;
        {
            sync::PgConnection c(server(QStringLiteral("coord")));
            while (!stop) {
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
                const qint64 last = sync::TeamServer(c).lastSequence();
                if (!allOnServerNs && last - baseSeq >= expected)
                    allOnServerNs = clock.nsecsElapsed();
                if (allOnServerNs && editorsDone == annotators) {
                    bool all = true;
                    for (int i = 0; i < annotators && all; ++i)
                        all = pulled[size_t(i)] >= last && waiting[size_t(i)] == 0;
                    if (all) {
                        convergedNs = clock.nsecsElapsed();
                        break;
                    }
                }
                if (clock.elapsed() > 600000) {
                    std::lock_guard g(lock);
                    errors.append(QStringLiteral("no convergence within 10 minutes"));
                    break;
                }
            }
        }
        stop = true;
        for (auto &t : threads)
            t.join();
        if (!errors.isEmpty())
            throw core::UserError(
                QStringLiteral("bench sync failed: %1").arg(errors.join(QStringLiteral("; "))));

        // Check, outside the timing: every client has the server's annotations.
        sync::PgConnection c(server(QStringLiteral("coord")));
        const QString serverHash = sync::TeamSync::serverStateHash(c);
        const qint64 stored =
            c.exec("SELECT count(*), count(DISTINCT change_id) FROM modalscope.changes "
                   "WHERE kind = 'annotation'")
                .int64(0, 0);
        int equal = 0;
        for (const QString &path : std::as_const(paths)) {
            db::ProjectDatabase project(path, db::ProjectDatabase::Mode::OpenExisting);
            equal += sync::TeamSync::localStateHash(project.sql()) == serverHash;
        }
        // What one client's pull costs, alone: a new member joins and
        // applies the whole log (the convergence above shares this machine's
        // cores among all the simulated clients; real ones each have theirs).
        sync::TeamServer(c).addMember(QStringLiteral("newcomer"), false);
        QElapsedTimer joinTimer;
        joinTimer.start();
        const auto joined = sync::TeamSync::join(tmp.filePath(QStringLiteral("newcomer.msproj")),
                                                 server(QStringLiteral("newcomer")));
        const double joinS = double(joinTimer.nsecsElapsed()) / 1e9;
        std::vector<double> all;
        for (const auto &v : commitMs)
            all.insert(all.end(), v.begin(), v.end());
        const double lastEditS = double(lastEditNs) / 1e9;
        const double throughputS = double(allOnServerNs) / 1e9;
        out() << "  edits: " << expected << " in " << QString::number(lastEditS, 'f', 2)
              << " s of editing; on the server after " << QString::number(throughputS, 'f', 2)
              << " s: " << QString::number(double(expected) / throughputS, 'f', 0)
              << " edits/s through the server (" << syncs.load() << " syncs)\n"
              << "  convergence: every client equal to the server "
              << QString::number(double(convergedNs - lastEditNs) / 1e9, 'f', 2)
              << " s after the last edit (goal < 5 s)\n"
              << "  local commit while syncing: p50 "
              << QString::number(percentile(all, 50), 'f', 3) << " ms, p99 "
              << QString::number(percentile(all, 99), 'f', 3) << " ms, max "
              << QString::number(percentile(all, 100), 'f', 3) << " ms (goal p99 < 5 ms)\n";
        if (!baselineMs.empty())
            out() << "  local commit, same editors, no sync running: p50 "
                  << QString::number(percentile(baselineMs, 50), 'f', 3) << " ms, p99 "
                  << QString::number(percentile(baselineMs, 99), 'f', 3) << " ms, max "
                  << QString::number(percentile(baselineMs, 100), 'f', 3) << " ms\n";
        out() << "  one client alone: joining applied " << joined.pulled << " changes in "
              << QString::number(joinS, 'f', 2) << " s ("
              << QString::number(double(joined.pulled) / joinS, 'f', 0) << " changes/s)\n"
              << "  check: " << equal << " of " << annotators
              << " clients hash-equal to the server; " << stored << " annotation changes stored ("
              << expected << " edits + the start)\n";
        return equal == annotators ? 0 : 1;
    }

private:
    static QString member(int i) { return QStringLiteral("a%1").arg(i, 2, 10, QLatin1Char('0')); }
};

const CommandRegistration registration(945, [] { return std::make_unique<BenchSyncCommand>(); });

} // namespace
} // namespace ms::cli
