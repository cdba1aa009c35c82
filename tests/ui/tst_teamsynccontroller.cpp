#include "../sync/teamfixture.h"
#include "ui/mainstatusbar.h"
#include "ui/projectdocument.h"
#include "ui/teamsynccontroller.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace ms;

// The window's background sync: the status bar says synced / N waiting /
// offline, an edit is sent a moment later, and others' changes reload the
// document.
class TestTeamSyncController : public QObject
{
    Q_OBJECT

    test::TeamFixture m_team;
    QTemporaryDir m_dir;

    QString path(const QString &n) const { return m_dir.filePath(n + ".msproj"); }

private slots:
    void initTestCase()
    {
        if (!m_team.start())
            QSKIP(qPrintable(m_team.skipReason));
        db::ProjectDatabase coord(path("coord"), db::ProjectDatabase::Mode::OpenOrCreate);
        test::TeamFixture::fillProject(coord, 1, 6);
        sync::TeamSync::init(coord, m_team.server("coord"));
        sync::PgConnection c(m_team.server("coord"));
        sync::TeamServer(c).addMember("alice", false);
        sync::TeamServer(c).addMember("bob", false);
        sync::TeamSync::join(path("alice"), m_team.server("alice"));
        sync::TeamSync::join(path("bob"), m_team.server("bob"));
    }

    void unlinkedProjectShowsNothing()
    {
        ui::ProjectDocument doc(m_dir.filePath("solo.msproj"),
                                ui::ProjectDocument::OpenMode::Create);
        ui::MainStatusBar bar;
        ui::TeamSyncController team(&bar);
        team.setDocument(&doc);
        QCOMPARE(team.statusText(), QString());
        QVERIFY(bar.teamStatusText().isEmpty());
    }

    void statusFollowsEditsSyncsAndTheServer()
    {
        ui::ProjectDocument doc(path("alice"), ui::ProjectDocument::OpenMode::OpenExisting);
        ui::MainStatusBar bar;
        ui::TeamSyncController team(&bar);
        team.setEditDelay(50);
        QSignalSpy synced(&team, &ui::TeamSyncController::synced);
        team.setDocument(&doc); // syncs at once
        QVERIFY(synced.wait(15000));
        QCOMPARE(bar.teamStatusText(), QString("Team: synced"));

        // An edit: waiting, then sent by the sync that follows it.
        db::AnnotationState s;
        s.level = core::Level::Sure;
        QVERIFY(doc.writeAnnotation(doc.clips().at(0).id, "alice", s));
        QCOMPARE(bar.teamStatusText(), QString("Team: 1 waiting"));
        QVERIFY(synced.wait(15000));
        QCOMPARE(bar.teamStatusText(), QString("Team: synced"));

        // Bob's change arrives and the document is reloaded.
        {
            db::ProjectDatabase bob(path("bob"), db::ProjectDatabase::Mode::OpenExisting);
            test::TeamFixture::edit(bob, "bob", 1, 1);
            sync::TeamSync(bob).sync();
        }
        QSignalSpy reloaded(&doc, &ui::ProjectDocument::reloaded);
        team.syncNow();
        QVERIFY(synced.wait(15000));
        QCOMPARE(reloaded.count(), 1);
        QCOMPARE(doc.state(doc.clips().at(1).id, "bob").note, QString("bob edit 1"));

        // The server goes away: offline, and the edits wait.
        QVERIFY(m_team.cluster->stop());
        team.setEditDelay(60000);
        s.level = core::Level::HardNegative;
        QVERIFY(doc.writeAnnotation(doc.clips().at(2).id, "alice", s));
        team.syncNow();
        QVERIFY(synced.wait(15000));
        QVERIFY(team.isOffline());
        QCOMPARE(bar.teamStatusText(), QString("Team: offline \u00b7 1 waiting"));
        QString error;
        QVERIFY2(m_team.cluster->restart(&error), qPrintable(error));
        team.syncNow();
        QVERIFY(synced.wait(15000));
        QCOMPARE(bar.teamStatusText(), QString("Team: synced"));
    }

    void openingATeamProjectSwitchesToTheMembersName()
    {
        ui::ProjectDocument doc(path("bob"), ui::ProjectDocument::OpenMode::OpenExisting);
        ui::MainStatusBar bar;
        ui::TeamSyncController team(&bar);
        // The window (MainWindow) takes the requested name as its annotator.
        connect(&team, &ui::TeamSyncController::annotatorRequested, &team,
                &ui::TeamSyncController::setAnnotator);
        QSignalSpy requested(&team, &ui::TeamSyncController::annotatorRequested);
        team.setAnnotator("robert");
        team.setDocument(&doc);
        QCOMPARE(requested.count(), 1);
        QCOMPARE(requested.at(0).at(0).toString(), QString("bob"));
        QVERIFY2(bar.currentMessage().isEmpty(), qPrintable(bar.currentMessage()));
        // Chosen by hand afterwards, another name is said to stay local.
        team.setAnnotator("robert");
        QVERIFY2(bar.currentMessage().contains("belongs to team member 'bob'"),
                 qPrintable(bar.currentMessage()));
        // Already the member: nothing asked. An unlinked project: nothing.
        ui::TeamSyncController again(&bar);
        QSignalSpy none(&again, &ui::TeamSyncController::annotatorRequested);
        again.setAnnotator("bob");
        again.setDocument(&doc);
        ui::ProjectDocument solo(m_dir.filePath("solo2.msproj"),
                                 ui::ProjectDocument::OpenMode::Create);
        again.setAnnotator("robert");
        again.setDocument(&solo);
        QCOMPARE(none.count(), 0);
    }

    void cleanupTestCase() { m_team.cluster.reset(); }
};

QTEST_MAIN(TestTeamSyncController)
#include "tst_teamsynccontroller.moc"
