#include "../testsupport.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using ms::test::runCli;

// --label-rule on export-splits, export-annotations and stats (issue 14):
// each rule changes which labels are used, and the manifest records it.
namespace {

const QByteArray kHeader = "clip_id,movie,start_ms,end_ms,level,concepts\n";
// bob is imported after alice and carol after bob: the latest rule takes
// bob's labels, and carol's on the one clip she annotated.
const QByteArray kAlice = kHeader + "tt1-001,tt1,0,1000,S,Body\n"
                                    "tt1-002,tt1,1000,2000,EN,\n"
                                    "tt2-001,tt2,0,1000,S,Body\n"
                                    "tt2-002,tt2,1000,2000,EN,\n";
const QByteArray kBob = kHeader + "tt1-001,tt1,0,1000,S,Body\n"
                                  "tt1-002,tt1,1000,2000,S,Body\n"
                                  "tt2-001,tt2,0,1000,EN,\n"
                                  "tt2-002,tt2,1000,2000,EN,\n";
const QByteArray kCarol = kHeader + "tt2-001,tt2,0,1000,EN,\n";

} // namespace

class TestLabelRuleCommands : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_db;
    QString path(const QString &n) { return m_dir.filePath(n); }

    void import(const QString &name, const QByteArray &table)
    {
        ms::test::writeFile(path(name + ".csv"), table);
        const auto r = runCli({"import-annotations", "--db", m_db, "--format", "modalscope",
                               "--csv", path(name + ".csv"), "--annotator", name});
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }

    // clip -> CMAD target, and the manifest, of an export with `rule`.
    QHash<QString, int> exportWith(const QString &rule, QJsonObject *manifest,
                                   QByteArray *out = nullptr)
    {
        const QString dir = path("splits-" + QString(rule).replace(':', '-'));
        const auto r = runCli(
            {"export-splits", "--db", m_db, "--out", dir, "--folds", "2", "--label-rule", rule});
        if (r.exitCode != 0)
            qWarning("%s", r.err.constData());
        if (out)
            *out = r.out;
        *manifest = QJsonDocument::fromJson(ms::test::readFile(dir + "/manifest.json")).object();
        QHash<QString, int> targets;
        const QList<QByteArray> lines = ms::test::readFile(dir + "/CMAD.csv").split('\n');
        for (int i = 1; i < lines.size(); ++i) {
            const QList<QByteArray> f = lines[i].trimmed().split(',');
            if (f.size() >= 6)
                targets.insert(QString::fromUtf8(f[0]), f[4].toInt());
        }
        return targets;
    }

private slots:
    void initTestCase()
    {
        m_db = path("team.msproj");
        QCOMPARE(runCli({"init", "--db", m_db}).exitCode, 0);
        import("alice", kAlice);
        import("bob", kBob);
        // Two annotators' tables in one project: agreement sees both.
        const auto r = runCli({"agreement", "--db", m_db, "--json", "--bootstrap", "0"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(QJsonDocument::fromJson(r.out).object().value("annotators").toArray(),
                 (QJsonArray{"alice", "bob"}));
        import("carol", kCarol);
    }

    void eachRuleChangesTheSplits()
    {
        QJsonObject m;
        QByteArray out;
        auto t = exportWith("latest", &m, &out);
        QCOMPARE(t.size(), 4);
        QCOMPARE(t.value("tt1-002"), 1); // bob's S
        QCOMPARE(t.value("tt2-001"), 0); // carol's EN
        QCOMPARE(m.value("label_rule").toObject().value("rule").toString(), QString("latest"));
        QVERIFY2(out.contains("label rule latest: 4 of 4 annotated clips labelled"),
                 out.constData());

        t = exportWith("majority", &m, &out);
        QCOMPARE(t.value("tt1-002"), 1); // alice EN against bob S: a tie, HN
        QCOMPARE(t.value("tt2-001"), 0); // alice S against bob and carol EN
        const QJsonObject rule = m.value("label_rule").toObject();
        QCOMPARE(rule.value("rule").toString(), QString("majority"));
        QCOMPARE(rule.value("level_ties_to_hn").toInt(), 1);
        QCOMPARE(rule.value("labelled_clips").toInt(), 4);
        QVERIFY(rule.value("description").toString().contains("tie goes to HN"));
        QVERIFY2(out.contains("1 level ties given HN"), out.constData());
        const QString majorityHash = m.value("annotations_sha256").toString();

        t = exportWith("annotator:alice", &m);
        QCOMPARE(t.value("tt1-002"), 0);
        QCOMPARE(t.value("tt2-001"), 1);
        QCOMPARE(m.value("label_rule").toObject().value("rule").toString(),
                 QString("annotator:alice"));
        QVERIFY(m.value("annotations_sha256").toString() != majorityHash);

        // Nothing adjudicated: the two disputed clips have no label.
        t = exportWith("consensus", &m);
        QCOMPARE(t.size(), 2);
        QVERIFY(!t.contains("tt1-002") && !t.contains("tt2-001"));
        QCOMPARE(m.value("label_rule").toObject().value("unresolved_disagreements").toInt(), 2);
        // The coordinator's table, imported as "consensus", settles one.
        import("consensus", kHeader + "tt1-002,tt1,1000,2000,EN,\n");
        t = exportWith("consensus", &m);
        QCOMPARE(t.size(), 3);
        QCOMPARE(t.value("tt1-002"), 0);
        QCOMPARE(m.value("label_rule").toObject().value("unresolved_disagreements").toInt(), 1);
    }

    void exportAnnotationsAndStatsFollowTheRule()
    {
        auto r = runCli({"export-annotations", "--db", m_db, "--out", path("alice.out.csv"),
                         "--label-rule", "annotator:alice"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QByteArray alice = ms::test::readFile(path("alice.out.csv"));
        QVERIFY2(alice.contains("tt1-002,tt1,1000,2000,EN,") &&
                     alice.contains("tt2-001,tt2,0,1000,S,Body"),
                 alice.constData());
        r = runCli({"export-annotations", "--db", m_db, "--out", path("bob.out.csv"),
                    "--label-rule", "annotator:bob"});
        QVERIFY(ms::test::readFile(path("bob.out.csv")).contains("tt1-002,tt1,1000,2000,S,Body"));

        r = runCli({"stats", "--db", m_db, "--json", "--label-rule", "majority"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject stats = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(stats.value("label_rule").toObject().value("rule").toString(),
                 QString("majority"));
        QCOMPARE(stats.value("label_rule").toObject().value("level_ties_to_hn").toInt(), 1);
        r = runCli({"stats", "--db", m_db, "--label-rule", "consensus"});
        QVERIFY2(r.out.contains("label rule consensus: 3 of 4 annotated clips labelled"),
                 r.out.constData());
    }

    void badRulesAreRefusedAndWriteNothing()
    {
        auto r =
            runCli({"export-splits", "--db", m_db, "--out", path("bad"), "--label-rule", "newest"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--label-rule must be latest, majority, consensus or "
                                "annotator:NAME, not 'newest'"),
                 r.err.constData());
        r = runCli(
            {"export-splits", "--db", m_db, "--out", path("zoe"), "--label-rule", "annotator:zoe"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("no annotations by 'zoe'") && r.err.contains("'alice', 'bob'"),
                 r.err.constData());
        QVERIFY(!QDir(path("zoe")).exists());
        r = runCli({"export-annotations", "--db", m_db, "--out", path("zoe.csv"), "--label-rule",
                    "annotator:zoe"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(!QFile::exists(path("zoe.csv")));
        for (const char *verb : {"train", "experiment"}) {
            r = runCli({verb, "--help"});
            QVERIFY2(r.out.contains("--label-rule"), verb);
        }
    }
};

QTEST_GUILESS_MAIN(TestLabelRuleCommands)
#include "tst_labelrulecommands.moc"
