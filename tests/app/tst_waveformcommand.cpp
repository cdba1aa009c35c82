#include "../testsupport.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

class TestWaveformCommand : public QObject
{
    Q_OBJECT

private slots:
    void csvOfKnownPeaks()
    {
        if (QStandardPaths::findExecutable("ffmpeg").isEmpty())
            QSKIP("the ffmpeg tool is not installed: waveform command test skipped");
        QTemporaryDir dir;
        // 0.5 s silence then 0.5 s of a constant 0.25 (stereo 0.5 / 0.0: mean 0.25), 8 kHz.
        QProcess ff;
        ff.start("ffmpeg", {"-loglevel", "error", "-y", "-f", "lavfi", "-i",
                            "aevalsrc='if(gte(t,0.5),0.5,0)|0':s=8000:d=1", "-c:a", "pcm_f32le",
                            dir.filePath("a.wav")});
        QVERIFY(ff.waitForFinished(60000) && ff.exitCode() == 0);
        auto r = ms::test::runCli({"waveform", "--media", dir.filePath("a.wav"), "--samples-per-bin",
                                   "1000", "--out", dir.filePath("w.csv")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QList<QByteArray> lines = ms::test::readFile(dir.filePath("w.csv")).trimmed().split('\n');
        QCOMPARE(lines.first(), QByteArray("bin,min,max"));
        QCOMPARE(lines.size(), 9); // 8000 samples / 1000
        QCOMPARE(lines.at(1), QByteArray("0,0,0"));
        QCOMPARE(lines.at(8), QByteArray("7,0.25,0.25"));
        QVERIFY(r.out.contains("2 channels averaged"));

        r = ms::test::runCli({"waveform", "--media", dir.filePath("a.wav"), "--out", dir.filePath("x.csv")});
        QCOMPARE(r.exitCode, 2); // --samples-per-bin missing
        r = ms::test::runCli({"waveform", "--media", dir.filePath("a.wav"), "--stream", "3",
                              "--samples-per-bin", "10", "--out", dir.filePath("x.csv")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("no audio stream 3"));
        QVERIFY(!QFile::exists(dir.filePath("x.csv")));
    }
};

QTEST_GUILESS_MAIN(TestWaveformCommand)
#include "tst_waveformcommand.moc"
