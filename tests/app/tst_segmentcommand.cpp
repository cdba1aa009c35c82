#include "../testsupport.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using ms::test::runCli;

// segment (shots, fixed, cues; dry run and creation) and the ELAN round trip
// through export-annotations / import-annotations, on a film the test makes.
class TestSegmentCommand : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString path(const QString &n) { return m_dir.filePath(n); }
    QString m_db;

    static QStringList lines(const QByteArray &out)
    {
        return QString::fromUtf8(out).split(u'\n', Qt::SkipEmptyParts);
    }

private slots:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable("ffmpeg").isEmpty())
            QSKIP("the ffmpeg tool is not installed: media tests skipped");
        // Cuts at 2 s and 3.6 s in a film of 5.6 s.
        QProcess ff;
        ff.start("ffmpeg",
                 {"-loglevel", "error", "-y", "-filter_complex",
                  "color=c=red:s=160x120:r=25:d=2,format=yuv420p[a];"
                  "testsrc2=s=160x120:r=25:d=1.6,format=yuv420p[b];"
                  "smptebars=s=160x120:r=25:d=2,format=yuv420p[c];"
                  "[a][b][c]concat=n=3:v=1:a=0[v]",
                  "-map", "[v]", "-c:v", "libx264", "-pix_fmt", "yuv420p", path("film.mp4")});
        QVERIFY(ff.waitForFinished(60000));
        QCOMPARE(ff.exitCode(), 0);
        ms::test::writeFile(path("film.en.srt"), "1\n00:00:00,500 --> 00:00:01,000\nOne.\n\n"
                                                 "2\n00:00:01,200 --> 00:00:02,000\nTwo.\n\n"
                                                 "3\n00:00:04,000 --> 00:00:05,000\nThree.\n");
        m_db = path("p.msproj");
        QCOMPARE(runCli({"add-film", "--db", m_db, "--video", path("film.mp4"), "--movie", "tt5"})
                     .exitCode,
                 0);
    }

    void dryRuns_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("shots") << QStringList{"--method", "shots"}
                               << QStringList{"0\t2000", "2000\t3600", "3600\t5600"};
        QTest::newRow("shots, min length 1.8 s")
            << QStringList{"--method", "shots", "--min-length", "1800"}
            << QStringList{"0\t2000", "2000\t5600"};
        QTest::newRow("fixed") << QStringList{"--method", "fixed", "--length", "2000"}
                               << QStringList{"0\t2000", "2000\t4000", "4000\t5600"};
        QTest::newRow("fixed, last piece merged")
            << QStringList{"--method", "fixed", "--length", "5000"} << QStringList{"0\t5600"};
        QTest::newRow("cues from the sidecar")
            << QStringList{"--method", "cues"}
            << QStringList{"500\t1000", "1200\t2000", "4000\t5000"};
        QTest::newRow("cue groups") << QStringList{"--method", "subtitles", "--gap", "500"}
                                    << QStringList{"500\t2000", "4000\t5000"};
    }
    void dryRuns()
    {
        QFETCH(QStringList, options);
        QFETCH(QStringList, expected);
        const auto r =
            runCli(QStringList{"segment", "--db", m_db, "--film", "tt5", "--dry-run"} + options);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(lines(r.out), expected);
    }

    void badUsage_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::newRow("method") << QStringList{"--film", "tt5", "--method", "scenes"} << 2
                                << "--method must be shots, fixed or cues, not 'scenes'";
        QTest::newRow("sensitivity")
            << QStringList{"--film", "tt5", "--method", "shots", "--sensitivity", "2"} << 2
            << "--sensitivity must be a number from 0 to 1";
        QTest::newRow("length") << QStringList{"--film", "tt5",      "--method",
                                               "fixed",  "--length", "0"}
                                << 2 << "--length must be a whole number of milliseconds";
        QTest::newRow("names") << QStringList{"--film", "tt5",     "--method",
                                              "fixed",  "--names", "<film>"}
                               << 1 << "clip name pattern '<film>' needs one run of '#'";
        QTest::newRow("film") << QStringList{"--film", "tt9", "--method", "fixed"} << 1
                              << "no film 'tt9' in this project";
    }
    void badUsage()
    {
        QFETCH(QStringList, options);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const auto r = runCli(QStringList{"segment", "--db", m_db, "--dry-run"} + options);
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(r.err.contains(message.toUtf8()), r.err.constData());
    }

    void createsClipsOnceThenRoundTripsThroughElan()
    {
        auto r = runCli({"segment", "--db", m_db, "--film", "tt5", "--method", "shots"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.err.contains("tt5: 3 clips created (shots)"), r.err.constData());
        r = runCli({"segment", "--db", m_db, "--film", "tt5", "--method", "fixed"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("film 'tt5' already has 3 clips"), r.err.constData());

        r = runCli({"export-annotations", "--db", m_db, "--out", path("before.csv")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(ms::test::readFile(path("before.csv")),
                 QByteArray("clip_id,movie,start_ms,end_ms,level,concepts\n"
                            "tt5-001,tt5,0,2000,,\ntt5-002,tt5,2000,3600,,\n"
                            "tt5-003,tt5,3600,5600,,\n"));
        // To ELAN and back into a new project: the same table.
        r = runCli(
            {"export-annotations", "--db", m_db, "--format", "eaf", "--out", path("film.eaf")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QString other = path("q.msproj");
        r = runCli(
            {"import-annotations", "--db", other, "--format", "eaf", "--csv", path("film.eaf")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = runCli({"export-annotations", "--db", other, "--out", path("after.csv")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(ms::test::readFile(path("after.csv")), ms::test::readFile(path("before.csv")));
    }

    void namedAfterThePattern()
    {
        QCOMPARE(runCli({"add-film", "--db", m_db, "--video", path("film.mp4"), "--movie", "tt6"})
                     .exitCode,
                 0);
        auto r = runCli({"segment", "--db", m_db, "--film", "tt6", "--method", "fixed", "--length",
                         "3000", "--names", "<film> part #"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = runCli({"export-annotations", "--db", m_db, "--out", path("named.csv")});
        QCOMPARE(r.exitCode, 0);
        const QByteArray table = ms::test::readFile(path("named.csv"));
        QVERIFY2(table.contains("tt6 part 1,tt6,0,3000,,\ntt6 part 2,tt6,3000,5600,,\n"),
                 table.constData());
    }
};

QTEST_GUILESS_MAIN(TestSegmentCommand)
#include "tst_segmentcommand.moc"
