#include "../testsupport.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using ms::test::runCli;

namespace {
const QByteArray kTable =
    "idx;util;clip;label;overlap_ratio;concepts;id;movie;srt_name;video_name;graph_number\r\n"
    ";;;;;;;;;;\r\n"
    "0;1;a;Easy Neg;1.00;[''];tt1-001;tt1;a.srt;;0\r\n"
    "1;1;b;Hard Neg;1.00;['Speech'];tt1-002;tt1;b.srt;;-1\r\n"
    "2;1;c;Sure;1.00;['Voice', ' Body'];tt2-001;tt2;c.srt;;-1\r\n"
    "3;1;d;Not Sure;1.00;['Look'];tt3-001;tt3;c.srt;;-1\r\n";
}

class TestCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString path(const QString &n) { return m_dir.filePath(n); }

private slots:
    void usageAndExitCodes()
    {
        auto r = runCli({});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("Commands:"));
        r = runCli({"--help"});
        QCOMPARE(r.exitCode, 0);
        for (const char *verb : {"import-annotations", "export-annotations", "export-splits", "stats"})
            QVERIFY2(r.out.contains(verb), verb);
        QCOMPARE(runCli({"frobnicate"}).exitCode, 2);
        QCOMPARE(runCli({"stats"}).exitCode, 2); // --db missing
        QCOMPARE(runCli({"stats", "--db"}).exitCode, 2);
        QCOMPARE(runCli({"import-annotations", "--help"}).exitCode, 0);
        r = runCli({"stats", "--db", path("missing.msproj")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("missing.msproj: no such project file"));
        QVERIFY(!QFile::exists(path("missing.msproj")));
        r = runCli({"export-splits", "--db", path("x"), "--out", path("o"), "--folds", "one"});
        QCOMPARE(r.exitCode, 2);
    }

    void importExportStatsSplits()
    {
        ms::test::writeFile(path("t.csv"), kTable);
        const QString db = path("p.msproj");
        auto r = runCli({"import-annotations", "--db", db, "--format", "obygaze", "--csv", path("t.csv")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("4 rows: 3 films and 4 clips added"), r.out.constData());
        r = runCli({"import-annotations", "--db", db, "--format", "obygaze", "--csv", path("t.csv")});
        QVERIFY2(r.out.contains("0 annotations changed, 4 unchanged"), r.out.constData());
        QCOMPARE(runCli({"import-annotations", "--db", db, "--format", "obygaze", "--csv",
                         path("t.csv"), "--not-sure", "maybe"}).exitCode, 2);
        QCOMPARE(runCli({"import-annotations", "--db", db, "--format", "xml", "--csv", path("t.csv")}).exitCode, 2);

        r = runCli({"stats", "--db", db, "--json"});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject total = QJsonDocument::fromJson(r.out).object().value("total").toObject();
        QCOMPARE(total.value("levels").toObject().value("EN").toInt(), 1);
        QCOMPARE(total.value("levels").toObject().value("HN").toInt(), 2);
        QCOMPARE(total.value("levels").toObject().value("S").toInt(), 1);
        const QJsonObject mods = total.value("clips_with_concept_of_modality").toObject();
        QCOMPARE(mods.value("V").toInt(), 2);
        QCOMPARE(mods.value("A").toInt(), 1);
        QCOMPARE(mods.value("T").toInt(), 1);

        r = runCli({"export-splits", "--db", db, "--out", path("splits"), "--folds", "3", "--seed", "11"});
        QCOMPARE(r.exitCode, 0);
        const QByteArray a = ms::test::readFile(path("splits/A-CMSD.csv"));
        QVERIFY(a.startsWith("clip_id,movie,level,concepts,target,fold\n"));
        QVERIFY(a.contains("tt2-001,tt2,S,Body|Voice,1,"));
        QVERIFY(a.contains("tt1-002,tt1,HN,Speech,0,"));
        QVERIFY(QFile::exists(path("splits/manifest.json")));
        // Too many folds for three films: a user error, nothing written.
        r = runCli({"export-splits", "--db", db, "--out", path("splits5")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("5 folds need at least 5 films"));

        r = runCli({"export-annotations", "--db", db, "--out", path("own.csv")});
        QCOMPARE(r.exitCode, 0);
        const QString db2 = path("q.msproj");
        QCOMPARE(runCli({"import-annotations", "--db", db2, "--format", "modalscope", "--csv", path("own.csv")}).exitCode, 0);
        QCOMPARE(runCli({"export-annotations", "--db", db2, "--out", path("own2.csv")}).exitCode, 0);
        QCOMPARE(ms::test::readFile(path("own2.csv")), ms::test::readFile(path("own.csv")));
    }

    void badFileLeavesNoTrace()
    {
        QByteArray broken = kTable;
        broken.append("4;1;e;Sure;1.00;['Look'\r\n");
        ms::test::writeFile(path("broken.csv"), broken);
        const QString db = path("fresh.msproj");
        auto r = runCli({"import-annotations", "--db", db, "--format", "obygaze", "--csv", path("broken.csv")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("broken.csv: line 7"), r.err.constData());
        QVERIFY2(!QFile::exists(db), "a failed import creates no project");
    }

    void taxonomyVerb()
    {
        const QString db = path("tax.msproj");
        QCOMPARE(runCli({"init", "--db", db}).exitCode, 0);
        auto r = runCli({"taxonomy", "--db", db, "--add", "Gaze", "--modality", "visual"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("visual    Gaze"));
        r = runCli({"taxonomy", "--db", db, "--set-modality", "Gaze", "--modality", "audio"});
        QVERIFY(r.out.contains("audio     Gaze"));
        r = runCli({"taxonomy", "--db", db, "--rename", "Gaze", "--to", "Camera gaze"});
        QVERIFY(r.out.contains("Camera gaze"));
        r = runCli({"taxonomy", "--db", db, "--retire", "Camera gaze"});
        QVERIFY(r.out.contains("Camera gaze  [retired]"));
        QCOMPARE(runCli({"taxonomy", "--db", db, "--add", "Look", "--modality", "visual"}).exitCode, 1);
        QCOMPARE(runCli({"taxonomy", "--db", db, "--add", "X", "--modality", "smell"}).exitCode, 2);
        // Concept keys: the defaults are listed; an own key is kept, a
        // reserved or taken one refused in words.
        r = runCli({"taxonomy", "--db", db});
        QVERIFY2(r.out.contains("visual    Body  key B\n"), r.out.constData());
        r = runCli({"taxonomy", "--db", db, "--set-key", "Look", "--key", "g"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("visual    Look  key G (own)"), r.out.constData());
        r = runCli({"taxonomy", "--db", db, "--set-key", "Body", "--key", "G"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("already the key of 'Look'"), r.err.constData());
        r = runCli({"taxonomy", "--db", db, "--set-key", "Body", "--key", "2"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("the window uses it"), r.err.constData());
        r = runCli({"taxonomy", "--db", db, "--set-key", "Look", "--key", ""});
        QVERIFY2(r.out.contains("visual    Look  key K\n"), r.out.constData());
    }

    void realTableEndToEnd()
    {
        const QString table = ms::test::obygazeTable();
        if (table.isEmpty())
            QSKIP("MODALSCOPE_SHARED is not set (or has no datasets/obygaze12): the real "
                  "ObyGaze12 end-to-end test is skipped");
        const QString db = path("real.msproj");
        auto r = runCli({"import-annotations", "--db", db, "--format", "obygaze", "--csv", table});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("1914 rows: 12 films and 1914 clips added"), r.out.constData());
        QVERIFY2(!r.out.contains("unknown concept"), r.out.constData());
        r = runCli({"export-splits", "--db", db, "--out", path("real-splits")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject m = QJsonDocument::fromJson(ms::test::readFile(path("real-splits/manifest.json"))).object();
        const QJsonObject ds = m.value("datasets").toObject();
        // Label distribution of the published table with Not Sure -> HN.
        QCOMPARE(ds.value("CMAD").toObject().value("positives").toInt(), 1461);
        QCOMPARE(ds.value("CMAD").toObject().value("negatives").toInt(), 453);
        // 183 of the 1,461 positives carry an audio concept.
        QCOMPARE(ds.value("A-CMSD").toObject().value("positives").toInt(), 183);
        QCOMPARE(m.value("not_sure_rule").toString(), QString("hn"));
        QCOMPARE(m.value("films_per_fold").toArray().size(), 5);
        int films = 0;
        for (const auto &f : m.value("films_per_fold").toArray())
            films += f.toObject().value("films").toArray().size();
        QCOMPARE(films, 12);
        r = runCli({"import-annotations", "--db", db, "--format", "obygaze", "--csv", table, "--not-sure", "exclude"});
        QVERIFY2(r.out.contains("397 annotations changed"), r.out.constData());
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
