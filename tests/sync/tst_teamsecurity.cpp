#include "sync/servererror.h"
#include "teamfixture.h"

#include <QTemporaryDir>
#include <QTest>

using namespace ms;
using sync::PgConnection;
using sync::ServerError;

// The team server's rules hold in the server itself: hand-written SQL sent
// through libpq as a member, not through Modalscope's client, is refused
// wherever it would write someone else's row or the coordinator's data.
class TestTeamSecurity : public QObject
{
    Q_OBJECT

    test::TeamFixture m_team;
    QTemporaryDir m_dir;

    static constexpr const char *kInsertAnnotation =
        "INSERT INTO modalscope.changes(change_id, origin, kind, key, annotator, level, concepts, "
        "note, changed_at) VALUES (gen_random_uuid(), gen_random_uuid(), 'annotation', $1, $2, $3, "
        "'', $4, now())";

    // The SQLSTATE `sql` fails with ("" when it succeeds).
    static QString stateOf(PgConnection &c, const char *sql, const QVariantList &params = {})
    {
        try {
            c.exec(sql, params);
            return QString();
        } catch (const ServerError &e) {
            return e.sqlState();
        }
    }

private slots:
    void initTestCase()
    {
        if (!m_team.start())
            QSKIP(qPrintable(m_team.skipReason));
        db::ProjectDatabase project(m_dir.filePath("coord.msproj"),
                                    db::ProjectDatabase::Mode::OpenOrCreate);
        test::TeamFixture::fillProject(project, 2, 4);
        sync::TeamSync::init(project, m_team.server("coord"));
        PgConnection coord(m_team.server("coord"));
        sync::TeamServer team(coord);
        team.addMember("alice", false);
        team.addMember("bob", false);
    }

    void memberWritesOwnAnnotation()
    {
        PgConnection alice(m_team.server("alice"));
        QCOMPARE(stateOf(alice, kInsertAnnotation, {"tt0000-000", "alice", "S", "mine"}),
                 QString());
        const auto r =
            alice.exec("SELECT level, author FROM modalscope.annotations WHERE clip = $1 "
                       "AND annotator = 'alice'",
                       {"tt0000-000"});
        QCOMPARE(r.rows(), 1);
        QCOMPARE(r.text(0, 0), QString("S"));
        QCOMPARE(r.text(0, 1), QString("alice"));
    }

    void memberCannotWriteAnotherMembersRow()
    {
        PgConnection bob(m_team.server("bob"));
        QCOMPARE(stateOf(bob, kInsertAnnotation, {"tt0000-001", "bob", "HN", "bob's"}), QString());
        PgConnection alice(m_team.server("alice"));
        // Another member's annotation, a non-member's (imported) one, the consensus.
        QCOMPARE(stateOf(alice, kInsertAnnotation, {"tt0000-001", "bob", "EN", "overwrite"}),
                 QString("42501"));
        QCOMPARE(stateOf(alice, kInsertAnnotation, {"tt0000-000", "obygaze", "EN", "x"}),
                 QString("42501"));
        QCOMPARE(stateOf(alice, kInsertAnnotation, {"tt0000-000", "consensus", "EN", "x"}),
                 QString("42501"));
        // The state tables and the log take no direct writes at all.
        QCOMPARE(stateOf(alice,
                         "UPDATE modalscope.annotations SET level = 'EN' WHERE annotator = 'bob'"),
                 QString("42501"));
        QCOMPARE(stateOf(alice, "DELETE FROM modalscope.annotations WHERE annotator = $1", {"bob"}),
                 QString("42501"));
        QCOMPARE(stateOf(alice,
                         "INSERT INTO modalscope.annotations(clip, annotator, level, "
                         "changed_at, author, seq) VALUES ('tt0000-001', 'bob', 'EN', now(), "
                         "'bob', 1)"),
                 QString("42501"));
        QCOMPARE(stateOf(alice, "UPDATE modalscope.changes SET level = 'EN' WHERE author = 'bob'"),
                 QString("42501"));
        QCOMPARE(stateOf(alice, "DELETE FROM modalscope.changes"), QString("42501"));
        QCOMPARE(stateOf(alice, "DROP TABLE modalscope.annotations"), QString("42501"));
        // Bob's row is as bob left it, and alice reads it.
        const auto r =
            alice.exec("SELECT level, note FROM modalscope.annotations WHERE clip = $1 AND "
                       "annotator = 'bob'",
                       {"tt0000-001"});
        QCOMPARE(r.rows(), 1);
        QCOMPARE(r.text(0, 0), QString("HN"));
        QCOMPARE(r.text(0, 1), QString("bob's"));
        // The refusal names the policy, so the client can say why.
        try {
            alice.exec(kInsertAnnotation, {"tt0000-001", "bob", "EN", "overwrite"});
            QFAIL("a member wrote another member's annotation");
        } catch (const ServerError &e) {
            QVERIFY(e.isPermissionDenied());
            QVERIFY2(e.message().contains("row-level security"), qPrintable(e.message()));
            QVERIFY(!e.isOffline());
        }
    }

    void serverStampsAuthorAndSequence()
    {
        PgConnection alice(m_team.server("alice"));
        // A claimed author and sequence number are replaced by the server's.
        alice.exec("INSERT INTO modalscope.changes(seq, author, change_id, origin, kind, key, "
                   "annotator, level, changed_at) VALUES (1, 'bob', gen_random_uuid(), "
                   "gen_random_uuid(), 'annotation', 'tt0000-002', 'alice', 'EN', now())");
        const auto r =
            alice.exec("SELECT author, seq FROM modalscope.changes WHERE key = 'tt0000-002' "
                       "AND annotator = 'alice'");
        QCOMPARE(r.rows(), 1);
        QCOMPARE(r.text(0, 0), QString("alice"));
        QVERIFY(r.int64(0, 1) > 1);
    }

    void onlyCoordinatorChangesCatalog()
    {
        const char *clip = "INSERT INTO modalscope.changes(change_id, origin, kind, key, value, "
                           "changed_at) VALUES (gen_random_uuid(), gen_random_uuid(), $1, $2, "
                           "$3::jsonb, now())";
        PgConnection alice(m_team.server("alice"));
        QCOMPARE(
            stateOf(alice, clip, {"clip", "tt0000-000", R"({"film":"tt0000","start":0,"end":1})"}),
            QString("42501"));
        QCOMPARE(stateOf(alice, clip, {"concept", "Body", R"({"modality":"A"})"}),
                 QString("42501"));
        QCOMPARE(stateOf(alice, clip, {"concept_rename", "Body", R"({"name":"Corps"})"}),
                 QString("42501"));
        QCOMPARE(stateOf(alice, clip, {"film", "tt0000", R"({"title":"x"})"}), QString("42501"));
        PgConnection coord(m_team.server("coord"));
        QCOMPARE(
            stateOf(coord, clip, {"clip", "tt0000-000", R"({"film":"tt0000","start":0,"end":1})"}),
            QString());
        QCOMPARE(
            coord.exec("SELECT end_ms FROM modalscope.clips WHERE name = 'tt0000-000'").int64(0, 0),
            1);
        // The coordinator decides the consensus but never writes a member's row.
        QCOMPARE(stateOf(coord, kInsertAnnotation, {"tt0000-000", "consensus", "S", "agreed"}),
                 QString());
        QCOMPARE(stateOf(coord, kInsertAnnotation, {"tt0000-000", "alice", "EN", "x"}),
                 QString("42501"));
    }

    void annotationOfUnknownClipRefused()
    {
        PgConnection alice(m_team.server("alice"));
        QCOMPARE(stateOf(alice, kInsertAnnotation, {"no-such-clip", "alice", "S", ""}),
                 QString("42501"));
    }

    void valuesTravelAsParameters()
    {
        // A value that would break SQL spliced into a statement is stored as is.
        PgConnection alice(m_team.server("alice"));
        const QString note = QStringLiteral("'); DELETE FROM modalscope.changes; --");
        alice.exec(kInsertAnnotation, {"tt0000-003", "alice", "HN", note});
        const auto r = alice.exec("SELECT note FROM modalscope.annotations WHERE clip = $1 AND "
                                  "annotator = $2",
                                  {"tt0000-003", "alice"});
        QCOMPARE(r.text(0, 0), note);
        QVERIFY(alice.exec("SELECT count(*) FROM modalscope.changes").int64(0, 0) > 5);
    }

    void memberCannotAddMembers()
    {
        PgConnection alice(m_team.server("alice"));
        sync::TeamServer team(alice);
        try {
            team.addMember("mallory", true);
            QFAIL("a member created a role");
        } catch (const ServerError &e) {
            QCOMPARE(e.sqlState(), QString("42501"));
        }
        QVERIFY(!sync::TeamServer::isValidMemberName("Robert'); DROP"));
        QVERIFY(!sync::TeamServer::isValidMemberName("consensus"));
        QVERIFY(sync::TeamServer::isValidMemberName("ann_2"));
    }

    void passwordNeverStored()
    {
        bool had = false;
        const QString s = PgConnection::withoutPassword(
            "postgresql://alice:s3cret@db.example.org:5433/team?sslmode=verify-full", &had);
        QVERIFY(had);
        QVERIFY(!s.contains("s3cret"));
        QVERIFY2(s.contains("sslmode='verify-full'"), qPrintable(s));
        QVERIFY(s.contains("host='db.example.org'"));
        QCOMPARE(PgConnection::withoutPassword("service=team", &had), QString("service=team"));
        QVERIFY(!had);
        QCOMPARE(PgConnection::normalise("team"), QString("service=team"));
        QCOMPARE(PgConnection::describeString("postgresql://alice:s3cret@db.example.org:5433/team"),
                 QString("db.example.org:5433/team as alice"));
    }

    void cleanupTestCase() { m_team.cluster.reset(); }
};

QTEST_GUILESS_MAIN(TestTeamSecurity)
#include "tst_teamsecurity.moc"
