// FrameSeeker: the picture on screen at any time, by seeking and by decoding
// forward, on a generated film whose frame k is grey 16 + 4k (lossless
// H.264, a key frame every 10 frames).
#include "core/error.h"
#include "core/frameseeker.h"
#include "tests/testsupport.h"

#include <QTemporaryDir>
#include <QTest>

using namespace ms;

class TestFrameSeeker : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_film;

    // The frame number a picture shows: its grey level (the centre pixel;
    // the grey of the source comes back through YUV and RGB).
    static int frameOf(const core::FrameSeeker::Picture &p)
    {
        const size_t i = (size_t(p.height / 2) * p.width + p.width / 2) * 3;
        return int(std::lround((double(p.rgb[i + 1]) - 16.0) / 4.0));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_film = m_dir.filePath("grey.mp4");
        // Grey 16 + 4k for frame k: 50 frames at 25 fps.
        QVERIFY(test::ffmpeg({"-f", "lavfi", "-i",
                              "color=c=black:s=64x48:r=25:d=2,format=gray,geq=lum='16+4*N'", "-c:v",
                              "libx264", "-qp", "0", "-g", "10", "-bf", "2", "-pix_fmt", "yuv420p",
                              m_film}));
    }

    void pictureAtAnyTime()
    {
        core::FrameSeeker seeker(m_film, 32);
        QCOMPARE(seeker.frameRate(), 25.0);
        QVERIFY(std::abs(seeker.durationMs() - 2000) <= 40);
        const auto &first = seeker.frameAt(0);
        QVERIFY(!first.isNull());
        QCOMPARE(first.width, 32);
        QCOMPARE(first.height, 24);
        QCOMPARE(frameOf(first), 0);
        // Random access: back and forth, across key frames.
        for (int k : {37, 3, 12, 49, 10, 9, 0, 25}) {
            const qint64 ms = k * 40;
            const auto &p = seeker.frameAt(ms + 20); // mid-frame
            QCOMPARE(frameOf(p), k);
            QCOMPARE(p.ptsMs, ms);
        }
        // Past the end: the last picture stays.
        QCOMPARE(frameOf(seeker.frameAt(5000)), 49);
    }

    void playbackDecodesForwardWithoutSeeking()
    {
        core::FrameSeeker seeker(m_film, 64);
        seeker.frameAt(0);
        const int seeks = seeker.seekCount();
        for (qint64 ms = 0; ms < 2000; ms += 13) {
            QCOMPARE(frameOf(seeker.frameAt(ms)), int(ms / 40));
        }
        QCOMPARE(seeker.seekCount(), seeks);
    }

    void refusesWhatItCannotOpen()
    {
        const QString text = m_dir.filePath("notes.mp4");
        test::writeFile(text, "not a film");
        try {
            core::FrameSeeker seeker(text);
            QFAIL("opened");
        } catch (const core::UserError &e) {
            QVERIFY2(e.message().contains("notes.mp4"), qPrintable(e.message()));
        }
        const QString audio = m_dir.filePath("tone.m4a");
        QVERIFY(test::ffmpeg({"-f", "lavfi", "-i", "sine=d=1", "-c:a", "aac", audio}));
        try {
            core::FrameSeeker seeker(audio);
            QFAIL("opened");
        } catch (const core::UserError &e) {
            QVERIFY2(e.message().contains("no video stream"), qPrintable(e.message()));
        }
    }
};

QTEST_GUILESS_MAIN(TestFrameSeeker)
#include "tst_frameseeker.moc"
