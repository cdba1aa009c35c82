#include "core/jobs/jobrunner.h"
#include "database/cliprepository.h"
#include "database/taxonomyrepository.h"
#include "sync/servererror.h"
#include "sync/teamlink.h"
#include "sync/teamsyncjob.h"
#include "teamfixture.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <mutex>
#include <thread>

using namespace ms;
using sync::TeamSync;

// Several clients and a real (throwaway) server: they converge to the same
// annotations whatever happens in between -- the server stopped in the
// middle of a push or a pull, the server away while edits queue, a client
// killed with SIGKILL in the middle of a push, ten clients at once -- and
// no change is lost or stored twice.
class TestTeamSync : public QObject
{
    Q_OBJECT

    test::TeamFixture m_team;
    QTemporaryDir m_dir;
    std::unique_ptr<db::ProjectDatabase> m_coord;

    QString path(const QString &name) const { return m_dir.filePath(name + ".msproj"); }

    std::unique_ptr<db::ProjectDatabase> join(const QString &member)
    {
        TeamSync::join(path(member), m_team.server(member));
        return std::make_unique<db::ProjectDatabase>(path(member),
                                                     db::ProjectDatabase::Mode::OpenExisting);
    }
    static TeamSync::Report syncOf(db::ProjectDatabase &p) { return TeamSync(p).sync(); }
    static QString hashOf(db::ProjectDatabase &p) { return TeamSync::localStateHash(p.sql()); }
    // Every author's changes on the server are there once each: as many as
    // that author committed locally, and as many distinct notes (each edit's
    // note is unique).
    void checkExactlyOnce(db::ProjectDatabase &p, const QString &member)
    {
        sync::PgConnection c(m_team.server("coord"));
        const auto r = c.exec("SELECT count(*), count(DISTINCT note) FROM modalscope.changes WHERE "
                              "author = $1 AND kind = 'annotation'",
                              {member});
        QCOMPARE(r.int64(0, 0), test::localEdits(p, member));
        QCOMPARE(r.int64(0, 1), r.int64(0, 0));
    }

private slots:
    void initTestCase()
    {
        if (!m_team.start())
            QSKIP(qPrintable(m_team.skipReason));
        m_coord = std::make_unique<db::ProjectDatabase>(path("coord"),
                                                        db::ProjectDatabase::Mode::OpenOrCreate);
        test::TeamFixture::fillProject(*m_coord, 3, 20);
        const auto r = TeamSync::init(*m_coord, m_team.server("coord"));
        QVERIFY(r.pushed > 60);
        sync::PgConnection coord(m_team.server("coord"));
        sync::TeamServer team(coord);
        for (const char *m : {"alice", "bob", "carol"})
            team.addMember(m, false);
        for (int i = 0; i < 10; ++i)
            team.addMember(QStringLiteral("c%1").arg(i), false);
        QCOMPARE(hashOf(*m_coord), m_team.serverHash());
    }

    void twoClientsConverge()
    {
        auto alice = join("alice");
        auto bob = join("bob");
        QCOMPARE(hashOf(*alice), hashOf(*m_coord));
        QVERIFY(sync::TeamLink::read(alice->sql()).linked);
        for (int k = 0; k < 40; ++k) {
            test::TeamFixture::edit(*alice, "alice", k, k);
            test::TeamFixture::edit(*bob, "bob", k + 7, k + 1);
            if (k % 10 == 9) {
                syncOf(*alice);
                syncOf(*bob);
            }
        }
        QCOMPARE(sync::TeamLink::read(alice->sql()).waiting, 0);
        test::TeamFixture::edit(*alice, "alice", 3, 100);
        QCOMPARE(sync::TeamLink::read(alice->sql()).waiting, 1);
        QCOMPARE(sync::TeamLink::read(alice->sql()).shortStatus(false), QString("1 waiting"));
        syncOf(*alice);
        syncOf(*bob);
        syncOf(*alice);
        syncOf(*m_coord);
        const QString server = m_team.serverHash();
        QCOMPARE(hashOf(*alice), server);
        QCOMPARE(hashOf(*bob), server);
        QCOMPARE(hashOf(*m_coord), server);
        // Bob's annotations arrived at alice's with bob's name.
        db::AnnotationRepository repo(alice->sql());
        QCOMPARE(repo.state(repo.clips().at(7).id, "bob").note, QString("bob edit 1"));
        checkExactlyOnce(*alice, "alice");
        checkExactlyOnce(*bob, "bob");
        // A second sync with nothing new changes nothing.
        const auto again = syncOf(*alice);
        QCOMPARE(again.pushed + again.pulled, 0);
        QCOMPARE(sync::TeamLink::read(alice->sql()).shortStatus(false), QString("synced"));
    }

    void memberCatalogEditRefused()
    {
        auto alice = std::make_unique<db::ProjectDatabase>(path("alice"),
                                                           db::ProjectDatabase::Mode::OpenExisting);
        db::AnnotationRepository repo(alice->sql());
        const qint64 clip = repo.clips().at(2).id;
        const auto before = db::ClipRepository(alice->sql()).times(clip);
        QVERIFY(db::ClipRepository(alice->sql()).setTimes(clip, 1, 2));
        const auto r = syncOf(*alice);
        QCOMPARE(r.refused, 1);
        QVERIFY2(r.messages.join('\n').contains(
                     "only a coordinator changes films, clips and the taxonomy"),
                 qPrintable(r.messages.join('\n')));
        QCOMPARE(db::ClipRepository(alice->sql()).times(clip), before);
        QCOMPARE(sync::TeamLink::read(alice->sql()).waiting, 0);
        // Nothing changed on the server.
        QCOMPARE(m_team.serverChanges("alice", "clip"), 0);
    }

    void coordinatorCatalogChangesReachMembers()
    {
        auto alice = std::make_unique<db::ProjectDatabase>(path("alice"),
                                                           db::ProjectDatabase::Mode::OpenExisting);
        db::AnnotationRepository coordRepo(m_coord->sql());
        const auto clip = coordRepo.clips().at(5);
        QVERIFY(db::ClipRepository(m_coord->sql()).setTimes(clip.id, 500, 900));
        db::TaxonomyRepository(m_coord->sql()).renameConcept("Speech", "Talk");
        db::TaxonomyRepository(m_coord->sql()).addConcept("Framing", core::Modality::Visual);
        const auto pushed = syncOf(*m_coord);
        QCOMPARE(pushed.refused, 0);
        syncOf(*alice);
        db::AnnotationRepository repo(alice->sql());
        QCOMPARE(db::ClipRepository(alice->sql()).times(repo.clipByName(clip.name)->id),
                 std::make_optional(std::pair<qint64, qint64>(500, 900)));
        const core::Taxonomy tax = db::TaxonomyRepository(alice->sql()).load();
        QVERIFY(tax.find("Talk"));
        QVERIFY(!tax.find("Speech"));
        QVERIFY(tax.find("Framing") && tax.find("Framing")->modality == core::Modality::Visual);
        QCOMPARE(hashOf(*alice), m_team.serverHash());
        QCOMPARE(hashOf(*m_coord), m_team.serverHash());
    }

    // Shift+Delete in the window removes a clip (ClipRepository::remove: its
    // annotations are kept aside, undo brings them back). A coordinator's
    // removal reaches the server and every member; a member's is refused and
    // the clip comes back; the coordinator's undo brings it back everywhere,
    // with everyone's annotations.
    void clipRemovalsReachMembers()
    {
        auto alice = std::make_unique<db::ProjectDatabase>(path("alice"),
                                                           db::ProjectDatabase::Mode::OpenExisting);
        auto bob = std::make_unique<db::ProjectDatabase>(path("bob"),
                                                         db::ProjectDatabase::Mode::OpenExisting);
        auto clipId = [](db::ProjectDatabase &p, const QString &name) -> qint64 {
            const auto c = db::AnnotationRepository(p.sql()).clipByName(name);
            return c ? c->id : 0;
        };
        auto annotate = [&](db::ProjectDatabase &p, const QString &who, const QString &clip,
                            const QString &note) {
            db::AnnotationState s;
            s.level = core::Level::Sure;
            s.concepts = {QStringLiteral("Body")};
            s.note = note;
            QVERIFY(db::AnnotationRepository(p.sql()).setAnnotation(clipId(p, clip), who, s,
                                                                    QStringLiteral("test")));
        };
        const QString gone = db::AnnotationRepository(m_coord->sql()).clips().at(11).name;
        const QString kept = db::AnnotationRepository(m_coord->sql()).clips().at(12).name;
        annotate(*alice, "alice", gone, "alice on the removed clip");
        annotate(*bob, "bob", gone, "bob on the removed clip");
        annotate(*bob, "bob", kept, "bob on the kept clip");
        syncOf(*alice);
        syncOf(*bob);
        syncOf(*m_coord);
        const QString before = m_team.serverHash();

        // The coordinator removes a clip: the server and both members lose it.
        db::ClipRepository(m_coord->sql()).remove(clipId(*m_coord, gone));
        auto r = syncOf(*m_coord);
        QCOMPARE(r.refused, 0);
        QCOMPARE(r.pushed, 1);
        sync::PgConnection c(m_team.server("coord"));
        QCOMPARE(c.exec("SELECT count(*) FROM modalscope.clips WHERE name = $1", {gone}).int64(0, 0),
                 0);
        syncOf(*alice);
        syncOf(*bob);
        QCOMPARE(clipId(*alice, gone), 0);
        QCOMPARE(clipId(*bob, gone), 0);
        QVERIFY(m_team.serverHash() != before);
        QCOMPARE(hashOf(*alice), m_team.serverHash());
        QCOMPARE(hashOf(*bob), m_team.serverHash());
        QCOMPARE(hashOf(*m_coord), m_team.serverHash());
        // Nothing said about it is lost: kept aside in each project.
        QCOMPARE(alice->sql().scalar("SELECT count(*) FROM deleted_clip_rows WHERE tbl = "
                                     "'annotations' AND row LIKE '%alice on the removed clip%'"),
                 1);
        // A second sync sends nothing back.
        QCOMPARE(syncOf(*alice).pushed, 0);
        QCOMPARE(syncOf(*m_coord).pushed, 0);

        // A member's removal is refused; the clip comes back with its annotation.
        db::ClipRepository(bob->sql()).remove(clipId(*bob, kept));
        QCOMPARE(clipId(*bob, kept), 0);
        r = syncOf(*bob);
        QCOMPARE(r.refused, 1);
        QVERIFY2(r.messages.join('\n').contains("only a coordinator"),
                 qPrintable(r.messages.join('\n')));
        QVERIFY(clipId(*bob, kept) != 0);
        QCOMPARE(db::AnnotationRepository(bob->sql()).state(clipId(*bob, kept), "bob").note,
                 QString("bob on the kept clip"));
        QCOMPARE(m_team.serverChanges("bob", "clip"), 0);
        QCOMPARE(c.exec("SELECT count(*) FROM modalscope.clips WHERE name = $1", {kept}).int64(0, 0),
                 1);

        // The coordinator's undo brings the removed clip back everywhere,
        // each member's annotation with it.
        db::ClipRepository(m_coord->sql()).restore(
            m_coord->sql().scalar(QStringLiteral("SELECT clip_id FROM deleted_clips WHERE "
                                                 "json_extract(clip, '$.name') = '%1'")
                                      .arg(gone)
                                      .toUtf8()
                                      .constData()));
        QCOMPARE(syncOf(*m_coord).refused, 0);
        for (int round = 0; round < 2; ++round) {
            QCOMPARE(syncOf(*alice).refused, 0);
            QCOMPARE(syncOf(*bob).refused, 0);
        }
        syncOf(*m_coord);
        QVERIFY(clipId(*alice, gone) != 0);
        QCOMPARE(db::AnnotationRepository(alice->sql()).state(clipId(*alice, gone), "alice").note,
                 QString("alice on the removed clip"));
        QCOMPARE(db::AnnotationRepository(alice->sql()).state(clipId(*alice, gone), "bob").note,
                 QString("bob on the removed clip"));
        QCOMPARE(m_team.serverHash(), before);
        QCOMPARE(hashOf(*alice), before);
        QCOMPARE(hashOf(*bob), before);
        QCOMPARE(hashOf(*m_coord), before);
    }

    void offlineEditsQueueAndGoUpLater()
    {
        auto alice = std::make_unique<db::ProjectDatabase>(path("alice"),
                                                           db::ProjectDatabase::Mode::OpenExisting);
        auto bob = std::make_unique<db::ProjectDatabase>(path("bob"),
                                                         db::ProjectDatabase::Mode::OpenExisting);
        QVERIFY(m_team.cluster->stop());
        for (int k = 0; k < 25; ++k)
            test::TeamFixture::edit(*alice, "alice", k, 200 + k);
        try {
            syncOf(*alice);
            QFAIL("a sync without a server succeeded");
        } catch (const sync::ServerError &e) {
            QVERIFY(e.isOffline());
        }
        sync::TeamSyncJob job(path("alice"));
        const core::JobOutcome outcome = core::JobRunner::runHere(job, {});
        QVERIFY(outcome.isFailed());
        QVERIFY2(outcome.message.startsWith(sync::TeamSyncJob::offlinePrefix),
                 qPrintable(outcome.message));
        const auto link = sync::TeamLink::read(alice->sql());
        QCOMPARE(link.waiting, 25);
        QVERIFY(!link.lastError.isEmpty());
        QCOMPARE(link.shortStatus(true), QString("offline · 25 waiting"));
        QString error;
        QVERIFY2(m_team.cluster->restart(&error), qPrintable(error));
        const core::JobOutcome back = core::JobRunner::runHere(job, {});
        QVERIFY2(back.isDone(), qPrintable(back.message));
        QCOMPARE(back.result.toMap().value("waiting").toLongLong(), 0);
        QCOMPARE(back.result.toMap().value("pushed").toLongLong(), 25);
        QCOMPARE(sync::TeamLink::read(alice->sql()).lastError, QString());
        syncOf(*bob);
        QCOMPARE(hashOf(*bob), m_team.serverHash());
        QCOMPARE(hashOf(*alice), m_team.serverHash());
        checkExactlyOnce(*alice, "alice");
    }

    void serverStoppedMidPushAndMidPull()
    {
        auto alice = std::make_unique<db::ProjectDatabase>(path("alice"),
                                                           db::ProjectDatabase::Mode::OpenExisting);
        auto bob = std::make_unique<db::ProjectDatabase>(path("bob"),
                                                         db::ProjectDatabase::Mode::OpenExisting);
        for (int k = 0; k < 1200; ++k)
            test::TeamFixture::edit(*alice, "alice", k, 300 + k);
        const qint64 serverBefore = m_team.serverChanges("alice");
        auto stopOnce = [&](const QString &prefix) {
            return [this, prefix, stopped = false](const QString &text) mutable {
                if (!stopped && text.startsWith(prefix)) {
                    stopped = true;
                    m_team.cluster->stop(true); // a crash of the server
                }
            };
        };
        {
            TeamSync s(*alice);
            s.setBatchSize(100);
            QVERIFY_THROWS_EXCEPTION(sync::ServerError, s.sync(stopOnce("pushed")));
        }
        const qint64 waitingAfterCut = sync::TeamLink::read(alice->sql()).waiting;
        QVERIFY2(waitingAfterCut > 0 && waitingAfterCut < 1200,
                 qPrintable(QString::number(waitingAfterCut)));
        QString error;
        QVERIFY2(m_team.cluster->restart(&error), qPrintable(error));
        QCOMPARE(m_team.serverChanges("alice") - serverBefore, 1200 - waitingAfterCut);
        syncOf(*alice);
        checkExactlyOnce(*alice, "alice");
        {
            TeamSync s(*bob);
            s.setBatchSize(100);
            QVERIFY_THROWS_EXCEPTION(sync::ServerError, s.sync(stopOnce("pulled")));
        }
        QVERIFY2(m_team.cluster->restart(&error), qPrintable(error));
        syncOf(*bob);
        QCOMPARE(hashOf(*bob), m_team.serverHash());
        QCOMPARE(hashOf(*alice), m_team.serverHash());
    }

    void clientKilledMidPush()
    {
        auto carol = join("carol");
        for (int k = 0; k < 3000; ++k)
            test::TeamFixture::edit(*carol, "carol", k, k);
        carol.reset();
        QProcess pusher;
        pusher.start(QStringLiteral(MS_TEST_HELPER_DIR "/ms_syncpusher"), {path("carol"), "50"});
        QVERIFY2(pusher.waitForStarted(10000), qPrintable(pusher.errorString()));
        int batches = 0;
        QByteArray out;
        while (batches < 4) {
            QVERIFY2(pusher.state() == QProcess::Running,
                     qPrintable(QString::fromLocal8Bit(pusher.readAllStandardError())));
            pusher.waitForReadyRead(5000);
            out += pusher.readAllStandardOutput();
            batches = int(out.count("pushed "));
        }
        pusher.kill(); // SIGKILL: no rollback, no cleanup
        QVERIFY(pusher.waitForFinished(10000));
        QCOMPARE(pusher.exitStatus(), QProcess::CrashExit);
        QVERIFY(!out.contains("done"));
        const qint64 onServer = m_team.serverChanges("carol");
        QVERIFY2(onServer >= 200 && onServer < 3000, qPrintable(QString::number(onServer)));
        carol = std::make_unique<db::ProjectDatabase>(path("carol"),
                                                      db::ProjectDatabase::Mode::OpenExisting);
        const auto r = syncOf(*carol);
        QCOMPARE(r.pushed, 3000 - onServer);
        QCOMPARE(r.waiting, 0);
        checkExactlyOnce(*carol, "carol");
        QCOMPARE(m_team.serverChanges("carol"), 3000);
        qInfo("killed after %lld of 3000 changes were on the server; the next sync sent %lld more "
              "and found %lld already there",
              qlonglong(onServer), qlonglong(r.pushed), qlonglong(r.duplicates));
        auto bob = std::make_unique<db::ProjectDatabase>(path("bob"),
                                                         db::ProjectDatabase::Mode::OpenExisting);
        syncOf(*bob);
        QCOMPARE(hashOf(*bob), hashOf(*carol));
    }

    void acknowledgementLostChangesStoredOnce()
    {
        // The state of a client that died after the server committed a push
        // but before it removed the pushed changes from its queue: a copy of
        // the project taken before the push, synced again afterwards.
        {
            db::ProjectDatabase bob(path("bob"), db::ProjectDatabase::Mode::OpenExisting);
            for (int k = 0; k < 40; ++k)
                test::TeamFixture::edit(bob, "bob", k, 500 + k);
        }
        QFile::remove(path("bob-copy"));
        QVERIFY(QFile::copy(path("bob"), path("bob-copy")));
        {
            db::ProjectDatabase bob(path("bob"), db::ProjectDatabase::Mode::OpenExisting);
            QCOMPARE(syncOf(bob).pushed, 40);
        }
        QVERIFY(QFile::remove(path("bob")));
        QVERIFY(QFile::rename(path("bob-copy"), path("bob")));
        db::ProjectDatabase bob(path("bob"), db::ProjectDatabase::Mode::OpenExisting);
        QCOMPARE(sync::TeamLink::read(bob.sql()).waiting, 40);
        const auto again = syncOf(bob);
        QCOMPARE(again.pushed, 0);
        QCOMPARE(again.duplicates, 40);
        QCOMPARE(again.waiting, 0);
        checkExactlyOnce(bob, "bob");
        QCOMPARE(hashOf(bob), m_team.serverHash());
    }

    void tenClientsAtOnce()
    {
        constexpr int clients = 10, edits = 150;
        for (int i = 0; i < clients; ++i)
            join(QStringLiteral("c%1").arg(i));
        std::mutex lock;
        QStringList errors;
        QElapsedTimer timer;
        timer.start();
        std::vector<std::thread> threads;
        for (int i = 0; i < clients; ++i)
            threads.emplace_back([&, i] {
                const QString me = QStringLiteral("c%1").arg(i);
                try {
                    db::ProjectDatabase p(path(me), db::ProjectDatabase::Mode::OpenExisting);
                    for (int k = 0; k < edits; ++k) {
                        test::TeamFixture::edit(p, me, i * 5 + k, k);
                        if (k % 30 == 29)
                            TeamSync(p).sync();
                    }
                    TeamSync(p).sync();
                } catch (const std::exception &e) {
                    std::lock_guard g(lock);
                    errors.append(me + ": " + core::messageOf(e));
                }
            });
        for (auto &t : threads)
            t.join();
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join('\n')));
        // Everyone pulls what the others pushed after their last sync.
        QStringList hashes;
        for (int i = 0; i < clients; ++i) {
            db::ProjectDatabase p(path(QStringLiteral("c%1").arg(i)),
                                  db::ProjectDatabase::Mode::OpenExisting);
            syncOf(p);
            hashes.append(hashOf(p));
            checkExactlyOnce(p, QStringLiteral("c%1").arg(i));
            QCOMPARE(m_team.serverChanges(QStringLiteral("c%1").arg(i)), edits);
        }
        const QString server = m_team.serverHash();
        for (const QString &h : std::as_const(hashes))
            QCOMPARE(h, server);
        syncOf(*m_coord);
        QCOMPARE(hashOf(*m_coord), server);
        qInfo("10 clients x %d edits with syncs every 30 edits: %lld ms", edits,
              qlonglong(timer.elapsed()));
    }

    void cleanupTestCase()
    {
        m_coord.reset();
        m_team.cluster.reset();
    }
};

QTEST_GUILESS_MAIN(TestTeamSync)
#include "tst_teamsync.moc"
