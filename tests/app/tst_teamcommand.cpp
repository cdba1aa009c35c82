#include "../sync/teamfixture.h"
#include "../testsupport.h"
#include "sync/teamlink.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace ms;
using ms::test::runCli;

// `modalscope-cli team`: init, add-member, join, sync and status against a
// throwaway server, as a coordinator and a member would type them.
class TestTeamCommand : public QObject
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
    }

    void wholeTeamFromTheCommandLine()
    {
        {
            db::ProjectDatabase coord(path("coord"), db::ProjectDatabase::Mode::OpenOrCreate);
            test::TeamFixture::fillProject(coord, 2, 5);
        }
        auto r = runCli({"team", "status", "--db", path("coord")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("not linked"));
        r = runCli({"team", "sync", "--db", path("coord")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("not linked to a team server"), r.err.constData());

        // A password in the connection string is used, never stored.
        const QString withPassword =
            QString("postgresql://coord:TopSecret42@127.0.0.1:%1/team").arg(m_team.cluster->port());
        r = runCli({"team", "init", "--db", path("coord"), "--server", withPassword});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.err.contains("never stored"));
        QVERIFY(!test::readFile(path("coord")).contains("TopSecret42"));
        {
            db::ProjectDatabase coord(path("coord"), db::ProjectDatabase::Mode::OpenExisting);
            const auto link = sync::TeamLink::read(coord.sql());
            QVERIFY(link.coordinator);
            QCOMPARE(link.member, QString("coord"));
            QVERIFY(!link.server.contains("TopSecret42"));
        }
        // Initialising twice is refused, naming the way forward.
        r = runCli({"team", "init", "--db", path("coord"), "--server", m_team.server("coord")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("already linked"));

        QProcess add;
        add.start(QStringLiteral(MS_CLI_PATH),
                  {"team", "add-member", "--server", m_team.server("coord"), "--name", "alice",
                   "--password-stdin"});
        add.write("alices-password\n");
        add.closeWriteChannel();
        QVERIFY(add.waitForFinished(60000));
        QVERIFY2(add.exitCode() == 0, add.readAllStandardError().constData());
        {
            sync::PgConnection admin(m_team.cluster->connectionString());
            const auto pw = admin.exec("SELECT rolpassword FROM pg_authid WHERE rolname = 'alice'");
            QVERIFY(pw.text(0, 0).startsWith("SCRAM-SHA-256$"));
        }
        r = runCli(
            {"team", "add-member", "--server", m_team.server("coord"), "--name", "Bad Name"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("cannot be a member name"));
        // Joining as someone who is not a member says what to do.
        sync::PgConnection(m_team.cluster->connectionString()).exec("CREATE ROLE stranger LOGIN");
        r = runCli(
            {"team", "join", "--db", path("stranger"), "--server", m_team.server("stranger")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("not a member of the team"), r.err.constData());
        QVERIFY(!QFile::exists(path("stranger")));

        r = runCli({"team", "join", "--db", path("alice"), "--server", m_team.server("alice")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        {
            db::ProjectDatabase alice(path("alice"), db::ProjectDatabase::Mode::OpenExisting);
            test::TeamFixture::edit(alice, "alice", 0, 1);
        }
        r = runCli({"team", "status", "--db", path("alice")});
        QVERIFY(r.out.contains("waiting:     1 local change"));
        r = runCli({"team", "sync", "--db", path("alice")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("pushed 1"), r.out.constData());
        r = runCli({"team", "sync", "--db", path("coord")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = runCli({"team", "status", "--db", path("coord")});
        QVERIFY2(r.out.contains("state:       synced"), r.out.constData());
        QVERIFY(r.out.contains("(coordinator)"));
        db::ProjectDatabase coord(path("coord"), db::ProjectDatabase::Mode::OpenExisting);
        db::ProjectDatabase alice(path("alice"), db::ProjectDatabase::Mode::OpenExisting);
        QCOMPARE(sync::TeamSync::localStateHash(coord.sql()),
                 sync::TeamSync::localStateHash(alice.sql()));

        // `annotate` in a team project annotates under the member's name,
        // whoever is logged in; --annotator still chooses.
        const core::Clip third = db::AnnotationRepository(alice.sql()).clips().at(3);
        r = runCli({"annotate", "--db", path("alice"), "--clip", third.name, "--level", "HN"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(db::AnnotationRepository(alice.sql()).state(third.id, "alice").level,
                 std::make_optional(core::Level::HardNegative));
        r = runCli({"annotate", "--db", path("coord"), "--clip", third.name, "--level", "S"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(db::AnnotationRepository(coord.sql()).state(third.id, "coord").level,
                 std::make_optional(core::Level::Sure));
        r = runCli({"annotate", "--db", path("alice"), "--clip", third.name, "--level", "EN",
                    "--annotator", "guest"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(db::AnnotationRepository(alice.sql()).state(third.id, "guest").level,
                 std::make_optional(core::Level::EasyNegative));

        // The server away: sync fails saying so, status says offline.
        QVERIFY(m_team.cluster->stop());
        r = runCli({"team", "sync", "--db", path("alice")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("offline") || r.err.contains("cannot reach"), r.err.constData());
        r = runCli({"team", "status", "--db", path("alice")});
        QVERIFY2(r.out.contains("offline"), r.out.constData());
        QString error;
        QVERIFY2(m_team.cluster->restart(&error), qPrintable(error));
    }

    void cleanupTestCase() { m_team.cluster.reset(); }
};

QTEST_GUILESS_MAIN(TestTeamCommand)
#include "tst_teamcommand.moc"
