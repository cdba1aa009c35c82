// Playback that does not fail (issue 13), offscreen, with GStreamer's plugins
// out of reach: the test points GStreamer's plugin paths at an empty folder
// and its registry at a fresh file before QApplication exists, as on a
// machine without gstreamer1.0-plugins-*. Without the fallback a QMediaPlayer
// crashes there (PLATFORM.md); with it, the window opens, the frames come
// from FFmpeg, and stepping, seeking, playing and the clip loop work, with a
// note that says what to install for sound.
#include "database/filmrepository.h"
#include "database/importservice.h"
#include "database/projectdatabase.h"
#include "tests/testsupport.h"
#include "ui/clipbrowser.h"
#include "ui/mainwindow.h"
#include "ui/playbacksupport.h"
#include "ui/playerwidget.h"
#include "ui/projectdocument.h"
#include "ui/videoview.h"

#include <QApplication>
#include <QFileInfo>
#include <QLabel>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace ms;

namespace {

QTemporaryDir *g_noPlugins = nullptr;

} // namespace

class TestPlaybackFallback : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_film;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    // The frame a picture shows: frame k of the test film is grey 16 + 4k.
    static int frameOf(const QImage &image)
    {
        if (image.isNull())
            return -1;
        return int(
            std::lround((qGreen(image.pixel(image.width() / 2, image.height() / 2)) - 16) / 4.0));
    }

    QString makeProject(const QString &name)
    {
        const QString p = path(name);
        db::ProjectDatabase project(p, db::ProjectDatabase::Mode::OpenOrCreate);
        db::ImportService(project).apply(
            {test::timedRecord("g1", "tt1", 400, 400), test::timedRecord("g2", "tt1", 1000, 600)},
            "setup", "test");
        db::FilmRepository(project).attachMedia("tt1", m_film, {}, "Grey ramp");
        return p;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QStandardPaths::setTestModeEnabled(true);
        if (QStandardPaths::findExecutable(QStringLiteral("ffmpeg")).isEmpty())
            QSKIP("the ffmpeg tool is not installed: playback fallback tests skipped");
        // 2 s at 25 fps, frame k grey 16 + 4k, with a tone: H.264/AAC as a user's film.
        m_film = path("grey.mp4");
        QVERIFY(test::ffmpeg(
            {"-f",        "lavfi",
             "-i",        "color=c=black:s=64x48:r=25:d=2,format=gray,geq=lum='16+4*N'",
             "-f",        "lavfi",
             "-i",        "sine=frequency=440:duration=2",
             "-c:v",      "libx264",
             "-qp",       "0",
             "-g",        "10",
             "-pix_fmt",  "yuv420p",
             "-c:a",      "aac",
             "-shortest", m_film}));
    }

    void probeNamesWhatIsMissing()
    {
        const ui::PlaybackSupport::Status &s = ui::PlaybackSupport::status();
        QVERIFY(!s.gstreamer);
        QVERIFY(!s.audioOutput);
        QVERIFY(!s.missing.isEmpty());
        // Either the library itself or the elements of the plugin packages.
        QVERIFY2(s.missing.contains("libgstreamer-1.0") || s.missing.contains("uridecodebin"),
                 qPrintable(s.missing.join(", ")));
    }

    void playerShowsFfmpegFrames()
    {
        ui::PlayerWidget player;
        QVERIFY(!player.mediaPlayer()); // never built: it would crash
        QVERIFY2(player.playbackNote().contains("gstreamer1.0-libav"),
                 qPrintable(player.playbackNote()));
        QSignalSpy first(&player, &ui::PlayerWidget::firstFrameShown);
        player.setMedia(m_film, 25.0, 2000);
        QVERIFY(player.isFfmpegFallback());
        QVERIFY(player.isSilent());
        QCOMPARE(first.size(), 1);
        QCOMPARE(frameOf(player.videoView()->frame()), 0);

        // Frame steps land on the frame they name.
        player.stepFrames(1);
        player.stepFrames(1);
        player.stepFrames(1);
        QCOMPARE(player.position(), qint64(120));
        QCOMPARE(frameOf(player.videoView()->frame()), 3);
        player.stepFrames(-2);
        QCOMPARE(frameOf(player.videoView()->frame()), 1);
        // Scrubbing, back and forth.
        for (int k : {30, 7, 49, 12}) {
            player.seek(k * 40 + 10);
            QCOMPARE(frameOf(player.videoView()->frame()), k);
        }
        QVERIFY(player.timeLabel()->text().startsWith("00:00:00.12"));

        // Playing advances the picture and the clock.
        player.seek(0);
        QSignalSpy moved(&player, &ui::PlayerWidget::positionChanged);
        player.play();
        QVERIFY(player.isPlaying());
        QTRY_VERIFY_WITH_TIMEOUT(player.position() >= 400, 3000);
        player.pause();
        QVERIFY(!player.isPlaying());
        const qint64 stopped = player.position();
        QTest::qWait(200);
        QCOMPARE(player.position(), stopped);
        QVERIFY(std::abs(frameOf(player.videoView()->frame()) - int(stopped / 40)) <= 1);

        // The clip loop: playing from its start wraps at its end.
        player.setLoopRange(400, 800);
        player.setLooping(true);
        player.seek(400);
        moved.clear();
        player.play();
        QTest::qWait(1100);
        player.pause();
        bool wrapped = false;
        qint64 last = -1;
        for (const QList<QVariant> &args : moved) {
            const qint64 ms = args.first().toLongLong();
            QVERIFY2(ms >= 400 && ms < 800, qPrintable(QString::number(ms)));
            wrapped = wrapped || ms < last;
            last = ms;
        }
        QVERIFY(wrapped);
        // To the end and no further.
        player.setLooping(false);
        player.seek(1900);
        player.play();
        QTRY_VERIFY_WITH_TIMEOUT(!player.isPlaying(), 2000);
        QCOMPARE(frameOf(player.videoView()->frame()), 49);
    }

    void aFileFfmpegCannotOpenIsReported()
    {
        ui::PlayerWidget player;
        const QString bad = path("broken.mp4");
        test::writeFile(bad, "no film here");
        QSignalSpy error(&player, &ui::PlayerWidget::errorOccurred);
        player.setMedia(bad, 25.0, 0);
        QCOMPARE(error.size(), 1);
        QVERIFY2(error.first().first().toString().contains("broken.mp4"),
                 qPrintable(error.first().first().toString()));
        QVERIFY(!player.hasFrame());
        player.stepFrames(1); // nothing to step, nothing breaks
        player.play();
    }

    void windowOpensAndAnnotatorSeesTheFilm()
    {
        const QString project = makeProject("w.msproj");
        ui::MainWindow window(ui::Settings(path("settings.ini")));
        window.setAnnotator("alice");
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QVERIFY2(window.openProject(project), qPrintable(window.lastError()));
        QVERIFY(window.selectClipByName("g1"));
        ui::PlayerWidget *player = window.player();
        QTRY_VERIFY(player->hasFrame());
        QVERIFY(player->isFfmpegFallback());
        QCOMPARE(player->position(), qint64(400));
        QCOMPARE(frameOf(player->videoView()->frame()), 10);
        auto *note = window.statusBar()->findChild<QLabel *>("playbackNote");
        QVERIFY(note);
        QVERIFY(!note->isHidden());
        QVERIFY2(note->toolTip().contains("gstreamer1.0-plugins-good"),
                 qPrintable(note->toolTip()));
        // The window's keys drive it: a frame forward, the clip loop, play.
        window.clipBrowser()->view()->setFocus();
        QTest::keyClick(&window, Qt::Key_Period);
        QCOMPARE(player->position(), qint64(440));
        QCOMPARE(frameOf(player->videoView()->frame()), 11);
        QTest::keyClick(&window, Qt::Key_L);
        QVERIFY(player->isLooping());
        QTest::keyClick(&window, Qt::Key_Space);
        QVERIFY(player->isPlaying());
        QTest::qWait(900);
        QVERIFY(player->position() >= 400 && player->position() < 800);
        QTest::keyClick(&window, Qt::Key_Space);
        QVERIFY(!player->isPlaying());
    }

    void guiScreenshotWithoutPlugins()
    {
        if (!QFileInfo::exists(QStringLiteral(MS_GUI_PATH)))
            QSKIP("the modalscope GUI is not built");
        const QString project = makeProject("s.msproj");
        const QString png = path("shot.png");
        QProcess p;
        // The environment set in main() (no plugins) goes to the child.
        p.start(QStringLiteral(MS_GUI_PATH), {"--screenshot", png, "--clip", "g2", project});
        QVERIFY(p.waitForFinished(60000));
        const QByteArray err = p.readAllStandardError();
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QVERIFY2(p.exitCode() == 0, err.constData());
        QVERIFY2(!err.contains("before the film was ready"), err.constData());
        const QImage shot(png);
        QVERIFY(!shot.isNull());
    }
};

int main(int argc, char **argv)
{
    // Before QApplication and before anything loads GStreamer.
    g_noPlugins = new QTemporaryDir;
    const QByteArray empty = g_noPlugins->path().toLocal8Bit();
    for (const char *var : {"GST_PLUGIN_SYSTEM_PATH", "GST_PLUGIN_SYSTEM_PATH_1_0",
                            "GST_PLUGIN_PATH", "GST_PLUGIN_PATH_1_0"})
        qputenv(var, empty);
    for (const char *var : {"GST_REGISTRY", "GST_REGISTRY_1_0"})
        qputenv(var, empty + "/registry.bin");
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    int rc = 0;
    {
        QApplication app(argc, argv);
        TestPlaybackFallback test;
        rc = QTest::qExec(&test, argc, argv);
    }
    delete g_noPlugins;
    return rc;
}

#include "tst_playbackfallback.moc"
