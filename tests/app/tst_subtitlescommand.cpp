#include "tests/testsupport.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using ms::test::runCli;

// Runs the built modalscope-cli on subtitle files written here and checks the
// exact bytes it prints and its exit status: scripts parse this output.
class TestSubtitlesCommand : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void print_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QByteArray>("out");
        // In `err`, FILE stands for the fixture's path; empty means stderr must be empty.
        QTest::addColumn<QByteArray>("err");

        QTest::newRow("srt with bom, crlf, tags, overlap")
            << QByteArray("\xEF\xBB\xBF"
                          "1\r\n00:00:05,000 --> 00:00:08,000\r\n<i>Late</i>\r\n\r\n"
                          "2\r\n00:00:01,000 --> 00:00:06,000\r\n{\\an8}<font color=\"red\">Caf"
                          "\xC3\xA9</font>\r\nsecond\tline\r\n")
            << "a.srt" << QStringList{} << 0
            << QByteArray("1000\t6000\tCaf\xC3\xA9\\nsecond line\n5000\t8000\tLate\n")
            << QByteArray();
        QTest::newRow("vtt")
            << QByteArray("WEBVTT\n\nNOTE hi\n\nSTYLE\n::cue {}\n\nid\n00:01.000 --> 00:02.500 "
                          "align:start position:10%\n<v Ann>A &amp; B</v>\n")
            << "b.vtt" << QStringList{} << 0 << QByteArray("1000\t2500\tA & B\n") << QByteArray();
        QTest::newRow("cp1252 detected")
            << QByteArray("1\n00:00:01,000 --> 00:00:02,000\nCaf\xe9 \x80\n") << "c.srt"
            << QStringList{} << 0 << QByteArray("1000\t2000\tCaf\xC3\xA9 \xE2\x82\xAC\n")
            << QByteArray("FILE: not valid UTF-8, read as windows-1252");
        QTest::newRow("encoding override")
            << QByteArray("1\n00:00:01,000 --> 00:00:02,000\nCaf\xC3\xA9\n") << "d.srt"
            << QStringList{"--encoding", "latin1"} << 0
            << QByteArray("1000\t2000\tCaf\xC3\x83\xC2\xA9\n") << QByteArray();
        QTest::newRow("broken cue warned, rest printed")
            << QByteArray("1\n00:00:01,000 --> 00:00:02,000\nA\n\n2\n00:00:0x,000 --> "
                          "00:00:05,000\nB\n\n3\n00:00:06,000 --> 00:00:07,000\nC\n")
            << "e.srt" << QStringList{} << 0 << QByteArray("1000\t2000\tA\n6000\t7000\tC\n")
            << QByteArray("FILE:6: bad timing line");
        QTest::newRow("empty file") << QByteArray() << "f.srt" << QStringList{} << 1 << QByteArray()
                                    << QByteArray("FILE: the file is empty");
        QTest::newRow("no cue") << QByteArray("just words\n") << "g.srt" << QStringList{} << 1
                                << QByteArray() << QByteArray("FILE: no subtitle cue");
        QTest::newRow("unknown encoding")
            << QByteArray("1\n00:00:01,000 --> 00:00:02,000\nA\n") << "h.srt"
            << QStringList{"--encoding", "nonesuch"} << 1 << QByteArray()
            << QByteArray("FILE: unknown encoding 'nonesuch'");
        QTest::newRow("bad stream number")
            << QByteArray("1\n00:00:01,000 --> 00:00:02,000\nA\n") << "i.srt"
            << QStringList{"--stream", "x"} << 2 << QByteArray() << QByteArray("--stream");
    }

    void print()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, name);
        QFETCH(QStringList, extra);
        QFETCH(int, exitCode);
        QFETCH(QByteArray, out);
        QFETCH(QByteArray, err);
        const QString path = m_dir.filePath(name);
        ms::test::writeFile(path, bytes);
        const auto r = runCli(QStringList{"subtitles", "--print", path} + extra);
        QVERIFY2(r.exitCode == exitCode, r.err.constData());
        QCOMPARE(r.out, out);
        if (err.isEmpty())
            QCOMPARE(r.err, QByteArray());
        else
            QVERIFY2(r.err.contains(QByteArray(err).replace("FILE", path.toUtf8())),
                     r.err.constData());
    }

    void missingFile()
    {
        const QString path = m_dir.filePath(QStringLiteral("nothere.srt"));
        const auto r = runCli({"subtitles", "--print", path});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(path.toUtf8() + ": no such file"), r.err.constData());
        QCOMPARE(r.out, QByteArray());
    }

    void usage()
    {
        const auto r = runCli({"subtitles"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--print"), r.err.constData());
        const auto help = runCli({"--help"});
        QVERIFY(help.out.contains("subtitles"));
    }

    void embeddedStream()
    {
        const QString ffmpeg = QStandardPaths::findExecutable(QStringLiteral("ffmpeg"));
        if (ffmpeg.isEmpty())
            QSKIP("the ffmpeg tool is not installed; it makes this test's video");
        const QString srt = m_dir.filePath(QStringLiteral("embed.srt"));
        ms::test::writeFile(srt, "1\n00:00:00,500 --> 00:00:01,500\n<b>One</b>, two\nthree\n");
        const QString video = m_dir.filePath(QStringLiteral("embed.mkv"));
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(ffmpeg, {"-y", "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i",
                         "color=c=black:s=64x48:d=3:r=10", "-i", srt, "-c:v", "mpeg4", "-c:s",
                         "srt", "-metadata:s:s:0", "language=eng", video});
        QVERIFY(p.waitForFinished(120000));
        QVERIFY2(p.exitCode() == 0, p.readAll().constData());

        auto r = runCli({"subtitles", "--print", video, "--stream", "1"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.out, QByteArray("500\t1500\tOne, two\\nthree\n"));
        QCOMPARE(r.err, QByteArray());

        r = runCli({"subtitles", "--streams", video});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QByteArray("1\tsubrip\teng\ttext\t\n"));

        r = runCli({"subtitles", "--print", video, "--stream", "0"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(video.toUtf8() + ": stream 0 is not a subtitle stream"),
                 r.err.constData());

        r = runCli({"subtitles", "--print", video, "--stream", "1", "--encoding", "latin1"});
        QCOMPARE(r.exitCode, 2);
    }

    // A film of a project whose MKV holds two text streams (English, French):
    // add-film takes a stream, `subtitles --db --movie` lists the choices
    // and changes them, and `segment --method subtitles` cuts by the chosen one.
    void aProjectFilmsStreamsAreChosen()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("ffmpeg")).isEmpty())
            QSKIP("the ffmpeg tool is not installed; it makes this test's video");
        QTemporaryDir dir;
        const auto at = [&dir](const char *name) { return dir.filePath(QLatin1String(name)); };
        ms::test::writeFile(at("en.srt"), "1\n00:00:00,500 --> 00:00:01,500\nMorning.\n");
        ms::test::writeFile(at("fr.srt"), "1\n00:00:01,000 --> 00:00:02,000\nBonjour.\n\n"
                                          "2\n00:00:03,000 --> 00:00:04,000\nAdieu.\n");
        QVERIFY(ms::test::ffmpeg({"-f", "lavfi", "-i", "color=c=black:s=64x48:d=5:r=10", "-i",
                                  at("en.srt"), "-i", at("fr.srt"), "-map", "0:v", "-map", "1:s",
                                  "-map", "2:s", "-c:v", "mpeg4", "-c:s", "srt",
                                  "-metadata:s:s:0", "language=eng", "-metadata:s:s:1",
                                  "language=fra", at("film.mkv")}));
        const QString db = at("p.msproj");

        // A stream the film lacks is refused before a project is made.
        auto r = runCli({"add-film", "--db", db, "--video", at("film.mkv"), "--subtitle-stream",
                         "0"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("stream 0 is not a text subtitle stream; its text subtitle "
                                "streams are 1 or 2"),
                 r.err.constData());
        QVERIFY(!QFile::exists(db));
        r = runCli({"add-film", "--db", db, "--video", at("film.mkv"), "--subtitle-stream", "2",
                    "--subtitles", at("en.srt")});
        QCOMPARE(r.exitCode, 2);

        r = runCli({"add-film", "--db", db, "--video", at("film.mkv"), "--movie", "tt1",
                    "--subtitle-stream", "2"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("  subtitles: stream 2 of film.mkv\n"), r.out.constData());
        r = runCli({"subtitles", "--db", db, "--movie", "tt1"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.out, QByteArray(" \tstream\t1\tsubrip\teng\n"
                                   "*\tstream\t2\tsubrip\tfra\n"
                                   " \tnone\t\t\t\n"));
        r = runCli({"segment", "--db", db, "--film", "tt1", "--method", "subtitles", "--dry-run"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.startsWith("1000\t2000\n"), r.out.constData());

        r = runCli({"subtitles", "--db", db, "--movie", "tt1", "--use-stream", "1"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.startsWith("*\tstream\t1\t"), r.out.constData());
        r = runCli({"subtitles", "--db", db, "--movie", "tt1", "--use", at("fr.srt")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.startsWith("*\tfile\t"), r.out.constData());
        QVERIFY2(r.out.contains(" \tstream\t1\t"), r.out.constData());
        r = runCli({"subtitles", "--db", db, "--movie", "tt1", "--use-none"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.endsWith("*\tnone\t\t\t\n"), r.out.constData());
        // Refusals leave the choice as it was.
        r = runCli({"subtitles", "--db", db, "--movie", "tt1", "--use-stream", "5"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("stream 5"), r.err.constData());
        r = runCli({"subtitles", "--db", db, "--movie", "tt1", "--use-stream", "1", "--use-none"});
        QCOMPARE(r.exitCode, 2);
        r = runCli({"subtitles", "--db", db, "--movie", "tt1"});
        QVERIFY2(r.out.endsWith("*\tnone\t\t\t\n"), r.out.constData());
    }
};

QTEST_GUILESS_MAIN(TestSubtitlesCommand)
#include "tst_subtitlescommand.moc"
