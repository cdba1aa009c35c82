#include "database/projectdatabase.h"
#include "tests/database/modelassistfixture.h"
#include "tests/database/projectdump.h"
#include "tests/testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace ms;

// `queue` and `rationale` as a user runs them, on the hand-made project of
// modelassistfixture.h.
class TestQueueCommands : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_db;

    QString dump()
    {
        db::ProjectDatabase p(m_db, db::ProjectDatabase::Mode::OpenExisting);
        return test::dumpProject(p.sql());
    }
    static QStringList clipsOf(const QByteArray &json)
    {
        QStringList out;
        for (const QJsonValue &v :
             QJsonDocument::fromJson(json).object().value(QStringLiteral("clips")).toArray())
            out.append(v.toObject().value(QStringLiteral("clip")).toString());
        return out;
    }
    test::CliResult cli(QStringList args)
    {
        args.insert(1, QStringLiteral("--db"));
        args.insert(2, m_db);
        return test::runCli(args);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_db = m_dir.filePath(QStringLiteral("assist.msproj"));
        test::makeAssistProject(m_db);
    }

    void queueOrdersEachWay_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("uncertainty")
            << QStringList{"--annotator", "bob"} << QStringList{"b2", "a3", "a4", "b4"};
        QTest::newRow("attribution-error")
            << QStringList{"--by", "attribution-error", "--unadjudicated"}
            << QStringList{"b3", "b2", "a2"};
        QTest::newRow("disagreement") << QStringList{"--by", "disagreement", "--unadjudicated"}
                                      << QStringList{"a2", "b3", "b2"};
        QTest::newRow("limit") << QStringList{"--by",  "disagreement", "--annotator",
                                              "carol", "--limit",      "3"}
                               << QStringList{"a2", "b1", "a3"};
    }
    void queueOrdersEachWay()
    {
        QFETCH(QStringList, args);
        QFETCH(QStringList, expected);
        const auto json = cli(QStringList{"queue", "--run", "1", "--json"} + args);
        QVERIFY2(json.exitCode == 0, json.err.constData());
        QCOMPARE(clipsOf(json.out), expected);
        const auto text = cli(QStringList{"queue", "--run", "1"} + args);
        QCOMPARE(text.exitCode, 0);
        QStringList rows;
        for (const QByteArray &line : text.out.split('\n'))
            if (const QList<QByteArray> f = line.split('\t'); f.size() == 5 && f[0] != "rank")
                rows.append(QString::fromUtf8(f[1]));
        QCOMPARE(rows, expected);
    }

    void queueTextNamesPoolOrderAndMissingScores()
    {
        const auto r = cli({"queue", "--run", "1"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.startsWith("Annotate next: 2 clips nobody has annotated, by uncertainty "
                                 "(run 1, AVT late on CMAD over 2 folds, threshold 0.50)\n"));
        QVERIFY(r.out.contains("1\ta4\ttt0000001\t-\tno test prediction in this run\n"));
        QVERIFY(r.out.contains("Note: 2 of them have no test prediction in run 1"));
    }

    void badInputSaysWhyAndChangesNothing_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::newRow("no predictions") << QStringList{"queue", "--run", "2"} << 1
                                        << "run 2 has no test predictions (status failed)";
        QTest::newRow("no explanations")
            << QStringList{"queue", "--run", "2", "--by", "attribution-error"} << 1
            << "run 2 has no explanations, so it cannot order clips by attribution error";
        QTest::newRow("unknown run")
            << QStringList{"queue", "--run", "7"} << 1 << "there is no run 7";
        QTest::newRow("bad order") << QStringList{"queue", "--run", "1", "--by", "loss"} << 2
                                   << "--by must be uncertainty, attribution-error or "
                                      "disagreement, not 'loss'";
        QTest::newRow("bad limit") << QStringList{"queue", "--run", "1", "--limit", "0"} << 2
                                   << "--limit must be a whole number of at least 1";
        QTest::newRow("rationale without set") << QStringList{"rationale", "--run", "2"} << 1
                                               << "run 2 has no explanations to compare";
        QTest::newRow("rationale bad rule")
            << QStringList{"rationale", "--run", "1", "--label-rule", "loudest"} << 2
            << "--label-rule must be";
    }
    void badInputSaysWhyAndChangesNothing()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const QString before = dump();
        const auto r = cli(args);
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
        QVERIFY2(QString::fromUtf8(r.err).contains(m_db) || exitCode == 2, r.err.constData());
        QCOMPARE(dump(), before);
    }

    void rationaleTablesAndJson()
    {
        const auto r = cli({"rationale", "--run", "1"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QString text = QString::fromUtf8(r.out);
        QVERIFY(
            text.startsWith(QStringLiteral("Run 1, explanation set 1 (AVT late on CMAD, fold 0, "
                                           "baseline mean), labels annotator:alice\n")));
        QVERIFY(
            text.contains(QStringLiteral("  corpus: 4 clips, top 2 (50.0 %), all 3 (75.0 %)\n")));
        QVERIFY(text.contains(
            QStringLiteral("  tt0000001: 2 clips, top 1 (50.0 %), all 1 (50.0 %)\n")));
        QVERIFY(text.contains(
            QStringLiteral("  tt0000002: 2 clips, top 1 (50.0 %), all 2 (100.0 %)\n")));
        QVERIFY(text.contains(QStringLiteral("  Voice: 1 clips, top 0 (0.0 %), all 0 (0.0 %)\n")));
        QVERIFY(text.contains(QStringLiteral("  b2\ttt0000002\tT\tV\tno\tyes\n")));

        const auto j = cli({"rationale", "--run", "1", "--json", "--label-rule", "annotator:bob"});
        QVERIFY2(j.exitCode == 0, j.err.constData());
        const QJsonObject o = QJsonDocument::fromJson(j.out).object();
        QCOMPARE(o.value(QStringLiteral("label_rule")).toString(), QStringLiteral("annotator:bob"));
        const QJsonObject corpus = o.value(QStringLiteral("corpus")).toObject();
        QCOMPARE(corpus.value(QStringLiteral("clips")).toInt(), 2);
        QCOMPARE(corpus.value(QStringLiteral("top_agrees")).toInt(), 1);
        QCOMPARE(corpus.value(QStringLiteral("all_share")).toDouble(), 0.5);
        QCOMPARE(o.value(QStringLiteral("clips")).toArray().size(), 6);
    }
};

QTEST_GUILESS_MAIN(TestQueueCommands)
#include "tst_queuecommands.moc"
