// Playback on this machine as it is (issue 13), offscreen: with the GStreamer
// plugins installed and no audio device (these machines have none), the film
// plays muted with a note, and the picture and the clock advance; a sink that
// fails sends the film on without sound or, failing that, to FFmpeg's
// frames. Where GStreamer lacks its plugins, tst_playbackfallback covers it.
#include "tests/testsupport.h"
#include "ui/playbacksupport.h"
#include "ui/playerwidget.h"
#include "ui/videoview.h"

#include <QAudioOutput>
#include <QMediaPlayer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace ms;

class TestPlaybackMuted : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_film;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        if (QStandardPaths::findExecutable(QStringLiteral("ffmpeg")).isEmpty())
            QSKIP("the ffmpeg tool is not installed");
        m_film = m_dir.filePath("a.mp4");
        QVERIFY(test::ffmpeg({"-f", "lavfi", "-i", "testsrc2=size=160x90:rate=25:duration=4", "-f",
                              "lavfi", "-i", "sine=frequency=440:duration=4", "-c:v", "libx264",
                              "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", m_film}));
    }

    void playsWithOrWithoutSound()
    {
        const ui::PlaybackSupport::Status &s = ui::PlaybackSupport::status();
        qInfo("GStreamer usable: %s%s; audio output: %s", s.gstreamer ? "yes" : "no",
              s.missing.isEmpty() ? "" : qPrintable(" (missing " + s.missing.join(", ") + ")"),
              s.audioOutput ? "yes" : "no");
        ui::PlayerWidget player;
        QCOMPARE(player.mediaPlayer() != nullptr, s.gstreamer);
        if (s.gstreamer && !s.audioOutput) {
            QVERIFY2(player.playbackNote().contains("No audio output device"),
                     qPrintable(player.playbackNote()));
            QVERIFY(!player.mediaPlayer()->audioOutput());
            QVERIFY(player.isSilent());
        }
        if (s.gstreamer && s.audioOutput)
            QVERIFY(player.mediaPlayer()->audioOutput());
        player.setMedia(m_film, 25.0, 4000);
        QTRY_VERIFY_WITH_TIMEOUT(player.hasFrame(), 15000);
        player.play();
        QTRY_VERIFY_WITH_TIMEOUT(player.position() >= 500, 6000);
        player.pause();
        const QImage shown = player.videoView()->frame();
        QVERIFY(!shown.isNull());
        qInfo("played to %lld ms through %s; note: %s", player.position(),
              player.isFfmpegFallback() ? "FFmpeg frames" : "GStreamer",
              qPrintable(player.playbackNote().isEmpty() ? QStringLiteral("(none)")
                                                         : player.playbackNote()));
        // Frame steps still land exactly.
        player.seek(1000);
        player.stepFrames(1);
        QCOMPARE(player.position(), qint64(1040));
        // Whatever went wrong was said as a note, never as a dead player.
        if (!player.playbackNote().isEmpty() && player.isFfmpegFallback())
            QVERIFY(player.playbackNote().contains("gstreamer1.0"));
    }

    // The sink fails as it does under Xvfb without a sound server (the
    // backend reports "Internal data stream error" and stops): the film is
    // loaded again without sound; if GStreamer fails again, FFmpeg's frames
    // take over. The errors are the backend's own signal, sent by the test.
    void failingSinkThenFailingBackend()
    {
        ui::PlayerWidget player;
        if (!player.mediaPlayer())
            QSKIP("GStreamer cannot play here: tst_playbackfallback covers this machine");
        if (!player.mediaPlayer()->audioOutput()) // no device: give it one, as a user's machine
            player.mediaPlayer()->setAudioOutput(new QAudioOutput(&player));
        QSignalSpy notes(&player, &ui::PlayerWidget::playbackNoteChanged);
        QSignalSpy errors(&player, &ui::PlayerWidget::errorOccurred);
        player.setMedia(m_film, 25.0, 4000);
        QTRY_VERIFY_WITH_TIMEOUT(player.hasFrame(), 15000);
        player.seek(1200);
        emit player.mediaPlayer()->errorOccurred(QMediaPlayer::ResourceError,
                                                 QStringLiteral("Internal data stream error."));
        QVERIFY(!player.mediaPlayer()->audioOutput());
        QVERIFY(!player.isFfmpegFallback());
        QVERIFY(player.isSilent());
        QVERIFY2(player.playbackNote().contains("audio output failed") &&
                     player.playbackNote().contains("muted"),
                 qPrintable(player.playbackNote()));
        QVERIFY(!notes.isEmpty());
        QCOMPARE(errors.size(), 0);
        QCOMPARE(player.position(), qint64(1200)); // the same place, reloaded
        QTRY_VERIFY_WITH_TIMEOUT(player.hasFrame(), 15000);
        player.play();
        QTRY_VERIFY_WITH_TIMEOUT(player.position() >= 1600, 6000);
        player.pause();

        // GStreamer fails again: FFmpeg's frames, at the same place.
        const qint64 at = player.position();
        emit player.mediaPlayer()->errorOccurred(QMediaPlayer::FormatError,
                                                 QStringLiteral("Internal data stream error."));
        QVERIFY(player.isFfmpegFallback());
        QCOMPARE(errors.size(), 0);
        QVERIFY2(player.playbackNote().contains("FFmpeg") &&
                     player.playbackNote().contains("gstreamer1.0-libav"),
                 qPrintable(player.playbackNote()));
        QCOMPARE(player.position(), at);
        player.stepFrames(1);
        QCOMPARE(player.position(),
                 ui::PlayerWidget::frameStartMs(ui::PlayerWidget::frameAt(at, 25.0) + 1, 25.0));
        player.play();
        QTRY_VERIFY_WITH_TIMEOUT(player.position() >= at + 400, 3000);
        player.pause();
        // The next film tries GStreamer again.
        player.setMedia(m_film, 25.0, 4000);
        player.clearMedia();
        player.setMedia(m_film, 25.0, 4000);
        QVERIFY(!player.isFfmpegFallback());
        QTRY_VERIFY_WITH_TIMEOUT(player.hasFrame(), 15000);
    }
};

QTEST_MAIN(TestPlaybackMuted)
#include "tst_playbackmuted.moc"
