#include "../testsupport.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using ms::test::runCli;

// add-film, import-clips and films (relink) on media the test generates.
class TestFilms : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString path(const QString &n) { return m_dir.filePath(n); }

private slots:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable("ffmpeg").isEmpty())
            QSKIP("the ffmpeg tool is not installed: media tests skipped (scripts/install-deps.sh installs it)");
        QProcess ff;
        ff.start("ffmpeg", {"-loglevel", "error", "-y", "-f", "lavfi", "-i",
                            "testsrc2=size=160x120:rate=25:duration=4", "-f", "lavfi", "-i",
                            "sine=frequency=440:duration=4", "-c:v", "libx264", "-pix_fmt",
                            "yuv420p", "-c:a", "aac", "-shortest", path("film.mp4")});
        QVERIFY(ff.waitForFinished(60000));
        QCOMPARE(ff.exitCode(), 0);
    }

    void addFilmProbesAndStoresRelativePath()
    {
        const QString db = path("p.msproj");
        auto r = runCli({"add-film", "--db", db, "--video", path("film.mp4"), "--movie", "tt42", "--title", "Test"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("tt42: film.mp4 ("), r.out.constData()); // inside the project folder: relative
        QVERIFY(r.out.contains("video h264 160x120 25.000 fps"));
        QVERIFY(r.out.contains("audio aac"));
        r = runCli({"films", "--db", db});
        QVERIFY2(r.out.contains("film.mp4: ok"), r.out.constData());
    }

    void unreadableMediaIsRefused()
    {
        ms::test::writeFile(path("junk.mp4"), QByteArray(4096, 'j'));
        const QString db = path("q.msproj");
        auto r = runCli({"add-film", "--db", db, "--video", path("junk.mp4")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("junk.mp4: FFmpeg cannot open it"), r.err.constData());
        QVERIFY(!QFile::exists(db));
        r = runCli({"add-film", "--db", db, "--video", path("none.mp4")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("none.mp4: no such file"));
    }

    void clipsAndRelink()
    {
        const QString db = path("r.msproj");
        QCOMPARE(runCli({"add-film", "--db", db, "--video", path("film.mp4"), "--movie", "tt7"}).exitCode, 0);
        ms::test::writeFile(path("clips.csv"), "clip_id,movie,start_ms,end_ms\r\nc1,tt7,0,1500\r\nc2,tt7,1500,4000\r\n");
        auto r = runCli({"import-clips", "--db", db, "--csv", path("clips.csv")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("2 clips added"), r.out.constData());
        ms::test::writeFile(path("bad.csv"), "clip_id,movie,start_ms,end_ms\nc3,tt7,900,100\n");
        r = runCli({"import-clips", "--db", db, "--csv", path("bad.csv")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("bad.csv: line 2"));

        QDir().mkpath(path("moved"));
        QVERIFY(QFile::copy(path("film.mp4"), path("moved/film.mp4")));
        QVERIFY(QFile::rename(path("film.mp4"), path("film-away.mp4")));
        r = runCli({"films", "--db", db});
        QVERIFY2(r.out.contains("MISSING"), r.out.constData());
        // A different file is refused; the moved one is accepted.
        QFile other(path("moved/other.mp4"));
        QVERIFY(QFile::copy(path("moved/film.mp4"), path("moved/other.mp4")));
        QVERIFY(other.open(QIODevice::Append));
        other.write("tail");
        other.close();
        r = runCli({"films", "--db", db, "--relink", "tt7", "--video", path("moved/other.mp4")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("is not the file that was attached"));
        r = runCli({"films", "--db", db, "--relink", "tt7", "--video", path("moved/film.mp4")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("moved/film.mp4: ok"), r.out.constData());
        QVERIFY(QFile::rename(path("film-away.mp4"), path("film.mp4")));
    }
};

QTEST_GUILESS_MAIN(TestFilms)
#include "tst_films.moc"
