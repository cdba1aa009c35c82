// The film on screen, on films the test makes with the ffmpeg tool: media,
// frame rate and duration from the probe, the clip lane, the waveform, the
// subtitles read in the background (and a read for a film switched away from
// dropped), relinking a moved file.
#include "core/annotation.h"
#include "database/filmrepository.h"
#include "database/importservice.h"
#include "database/projectdatabase.h"
#include "tests/testsupport.h"
#include "ui/filmsession.h"
#include "ui/playerwidget.h"
#include "ui/projectdocument.h"
#include "ui/subtitlelist.h"
#include "ui/timeline/timelinewidget.h"

#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

using namespace ms;

namespace {

// A clip the importer knows no times of.
core::ImportRecord untimed(const QString &clip, const QString &movie)
{
    core::ImportRecord r = test::timedRecord(clip, movie, 0);
    r.hasTimes = false;
    r.startMs.reset();
    r.endMs.reset();
    return r;
}

QString srtTime(qint64 ms)
{
    return QStringLiteral("%1:%2:%3,%4")
        .arg(ms / 3600000, 2, 10, QLatin1Char('0'))
        .arg(ms / 60000 % 60, 2, 10, QLatin1Char('0'))
        .arg(ms / 1000 % 60, 2, 10, QLatin1Char('0'))
        .arg(ms % 1000, 3, 10, QLatin1Char('0'));
}

QByteArray srt(int cues, qint64 stepMs)
{
    QByteArray out;
    for (int i = 0; i < cues; ++i)
        out += QStringLiteral("%1\n%2 --> %3\nLine %1\n\n")
                   .arg(i + 1)
                   .arg(srtTime(i * stepMs), srtTime(i * stepMs + stepMs - 10))
                   .toUtf8();
    return out;
}

} // namespace

class TestFilmSession : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_project;
    std::unique_ptr<ui::ProjectDocument> m_doc;
    std::unique_ptr<ui::PlayerWidget> m_player;
    std::unique_ptr<ui::TimelineWidget> m_timeline;
    std::unique_ptr<ui::SubtitleList> m_subtitles;
    std::unique_ptr<core::JobRunner> m_jobs;
    std::unique_ptr<ui::FilmSession> m_session;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    qint64 clipId(const QString &name) const { return test::clipIdByName(*m_doc, name); }

    qint64 filmOf(const QString &clip) const { return test::filmIdOfClip(*m_doc, clip); }

    QString subtitleSource() const { return m_subtitles->findChild<QLabel *>()->text(); }

private slots:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("ffmpeg")).isEmpty())
            QSKIP("the ffmpeg tool is not installed: film session tests skipped");
        QStandardPaths::setTestModeEnabled(true); // the waveform cache stays out of ~/.cache
        // Film A: 4 s at 25 fps with a tone; film B: 3 s at 30 fps, no audio.
        QVERIFY(test::ffmpeg({"-f", "lavfi", "-i", "testsrc2=size=160x90:rate=25:duration=4", "-f",
                              "lavfi", "-i", "sine=frequency=440:duration=4", "-c:v", "libx264",
                              "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", path("a.mp4")}));
        QVERIFY(test::ffmpeg({"-f", "lavfi", "-i", "testsrc2=size=160x90:rate=30:duration=3",
                              "-c:v", "libx264", "-pix_fmt", "yuv420p", path("b.mp4")}));
        test::writeFile(path("a.srt"), srt(2, 2000));
        // Large enough that its read is still running when the film changes.
        test::writeFile(path("b.srt"), srt(40000, 50));
    }

    void init()
    {
        static int n = 0;
        m_project = path(QStringLiteral("p%1.msproj").arg(++n));
        {
            db::ProjectDatabase project(m_project, db::ProjectDatabase::Mode::OpenOrCreate);
            db::ImportService(project).apply(
                {test::timedRecord("a1", "tt1", 0, 1500, core::Level::Sure),
                 test::timedRecord("a2", "tt1", 1500, 4500), untimed("a3", "tt1"),
                 test::timedRecord("b1", "tt2", 0, 2000)},
                "setup", "test");
            db::FilmRepository films(project);
            films.attachMedia("tt1", path("a.mp4"), path("a.srt"), "Film A");
            films.attachMedia("tt2", path("b.mp4"), path("b.srt"), "Film B");
        }
        m_doc = std::make_unique<ui::ProjectDocument>(m_project,
                                                      ui::ProjectDocument::OpenMode::OpenExisting);
        m_player = std::make_unique<ui::PlayerWidget>();
        m_timeline = std::make_unique<ui::TimelineWidget>();
        m_subtitles = std::make_unique<ui::SubtitleList>();
        m_jobs = std::make_unique<core::JobRunner>();
        m_session = std::make_unique<ui::FilmSession>(m_player.get(), m_timeline.get(),
                                                      m_subtitles.get(), m_jobs.get());
        m_session->setDocument(m_doc.get());
    }

    void cleanup()
    {
        m_session.reset();
        m_jobs.reset();
        // Reads still running in the pool hold no pointer into the session.
        QThreadPool::globalInstance()->waitForDone();
        m_subtitles.reset();
        m_timeline.reset();
        m_player.reset();
        m_doc.reset();
    }

    void opensTheFilmOfAClip()
    {
        QSignalSpy film(m_session.get(), &ui::FilmSession::filmChanged);
        m_session->showClip(clipId("a2"));
        QCOMPARE(film.size(), 1);
        QCOMPARE(film.first().first().toLongLong(), filmOf("a2"));
        QCOMPARE(m_session->filmId(), filmOf("a2"));
        QCOMPARE(m_player->mediaPath(), QFileInfo(path("a.mp4")).absoluteFilePath());
        QCOMPARE(m_player->frameRate(), 25.0);
        // The probe says 4 s; a2 ends at 6 s, and the timeline shows it.
        QCOMPARE(m_timeline->duration(), qint64(6000));
        // Film A's clips with times, a1 with its level; a3 has no times.
        const QList<ui::TimelineWidget::Clip> &clips = m_timeline->clips();
        QCOMPARE(clips.size(), 2);
        QCOMPARE(clips[0].name, QStringLiteral("a1"));
        QCOMPARE(clips[0].level, std::optional(core::Level::Sure));
        QCOMPARE(clips[1].startMs, qint64(1500));
        QCOMPARE(m_timeline->currentClip(), clipId("a2"));
        // Another clip of the same film loads nothing again.
        m_session->showClip(clipId("a1"));
        QCOMPARE(film.size(), 1);
        QCOMPARE(m_timeline->currentClip(), clipId("a1"));
    }

    void waveformFillsTheLane()
    {
        QSignalSpy done(m_session.get(), &ui::FilmSession::waveformDone);
        QSignalSpy started(m_jobs.get(), &core::JobRunner::started);
        m_session->showClip(clipId("a1"));
        QCOMPARE(started.size(), 1);
        QCOMPARE(started.first().at(1).toString(), QStringLiteral("waveform"));
        QVERIFY(m_session->isWaveformRunning());
        QVERIFY(!m_session->isWaveformComplete());
        QVERIFY(m_timeline->hasWaveform()); // empty: "computing"
        QVERIFY(done.wait(60000));
        QVERIFY(m_session->isWaveformComplete());
        QVERIFY(!m_session->isWaveformRunning());
        QVERIFY(m_timeline->hasWaveform());
        // Film B has no audio: no waveform, and nothing to wait for.
        m_session->showClip(clipId("b1"));
        QVERIFY(!m_timeline->hasWaveform());
        QVERIFY(m_session->isWaveformComplete());
        QCOMPARE(m_player->frameRate(), 30.0);
    }

    void waveformOfAFilmSwitchedAwayFromIsDropped()
    {
        QSignalSpy done(m_session.get(), &ui::FilmSession::waveformDone);
        m_session->showClip(clipId("a1"));
        QVERIFY(m_jobs->isSlotBusy(QStringLiteral("waveform")));
        m_session->showClip(clipId("b1")); // cancels film A's waveform at once
        QCOMPARE(done.size(), 1);
        QVERIFY(m_jobs->waitForIdle(30000));
        QVERIFY(m_session->isWaveformComplete());
        // Whatever film A's job still sends never reaches film B's lane.
        QTest::qWait(300);
        QVERIFY(!m_timeline->hasWaveform());
        QCOMPARE(done.size(), 1);
    }

    void subtitlesAreReadInTheBackground()
    {
        QSignalSpy loaded(m_session.get(), &ui::FilmSession::subtitlesLoaded);
        m_session->showClip(clipId("a1"));
        // Not read yet when showClip() returns: the read runs on the pool.
        QVERIFY(!m_session->areSubtitlesLoaded());
        QVERIFY(!m_session->isReady());
        QVERIFY(subtitleSource().startsWith(QStringLiteral("Reading a.srt")));
        QVERIFY(loaded.wait(30000));
        QVERIFY(m_session->areSubtitlesLoaded());
        QCOMPARE(m_subtitles->cues().size(), 2);
        QCOMPARE(m_session->cues().size(), 2);
        QCOMPARE(m_subtitles->cues()[1].text, QStringLiteral("Line 2"));
        QCOMPARE(subtitleSource(), QStringLiteral("a.srt (2 cue(s))"));
    }

    void staleSubtitleReadIsDropped()
    {
        QSignalSpy loaded(m_session.get(), &ui::FilmSession::subtitlesLoaded);
        m_session->showClip(clipId("b1")); // 40,000 cues
        m_session->showClip(clipId("a1")); // 2 cues, asked for last
        QThreadPool::globalInstance()->waitForDone();
        QTRY_COMPARE(loaded.size(), 1);
        QTest::qWait(100); // B's result, delivered now, would land here
        QCOMPARE(loaded.size(), 1);
        QCOMPARE(m_subtitles->cues().size(), 2);
        QCOMPARE(m_timeline->duration(), qint64(6000));
    }

    void missingSubtitlesSayWhy()
    {
        QVERIFY(QFile::rename(path("b.srt"), path("b-away.srt")));
        QSignalSpy loaded(m_session.get(), &ui::FilmSession::subtitlesLoaded);
        m_session->showClip(clipId("b1"));
        QVERIFY(loaded.wait(30000));
        QVERIFY(m_subtitles->cues().isEmpty());
        QVERIFY(m_session->isReady());
        QVERIFY2(subtitleSource().contains(QStringLiteral("b.srt: no such file")),
                 qPrintable(subtitleSource()));
        QVERIFY(QFile::rename(path("b-away.srt"), path("b.srt")));
    }

    void relinksAMovedFile()
    {
        QDir().mkpath(path("moved"));
        QVERIFY(QFile::copy(path("a.mp4"), path("moved/a.mp4")));
        QVERIFY(QFile::rename(path("a.mp4"), path("a-away.mp4")));
        m_session->showClip(clipId("a1"));
        QVERIFY(!m_player->hasMedia()); // the Relink message instead
        QVERIFY(m_player->relinkButton()->isVisibleTo(m_player.get()));
        // Another film's file is refused in words; the moved one is taken.
        QVERIFY(!m_session->relink(path("b.mp4"), false));
        QVERIFY(!m_session->lastError().isEmpty());
        QVERIFY(!m_player->hasMedia());
        QVERIFY2(m_session->relink(path("moved/a.mp4"), false), qPrintable(m_session->lastError()));
        QCOMPARE(m_player->mediaPath(), QFileInfo(path("moved/a.mp4")).absoluteFilePath());
        QCOMPARE(m_timeline->currentClip(), clipId("a1"));
        QVERIFY(QFile::rename(path("a-away.mp4"), path("a.mp4")));
    }

    void onePlayheadForPlayerTimelineAndSubtitles()
    {
        QSignalSpy loaded(m_session.get(), &ui::FilmSession::subtitlesLoaded);
        m_session->showClip(clipId("a2"));
        QVERIFY(loaded.wait(30000));
        QCOMPARE(m_timeline->position(), qint64(1500)); // the clip's start
        QCOMPARE(m_subtitles->currentCue(), 0);
        // A click on the timeline moves the subtitle list too.
        emit m_timeline->seekRequested(2500);
        QCOMPARE(m_timeline->position(), qint64(2500));
        QCOMPARE(m_subtitles->currentCue(), 1);
        // The player's position moves both.
        emit m_player->positionChanged(100);
        QCOMPARE(m_timeline->position(), qint64(100));
        QCOMPARE(m_subtitles->currentCue(), 0);
    }

    void clipLaneFollowsEdits()
    {
        m_session->showClip(clipId("a1"));
        QVERIFY(m_doc->setClipTimes(clipId("a1"), 200, 1400));
        QCOMPARE(m_timeline->clips()[0].startMs, qint64(200));
        QCOMPARE(m_timeline->clips()[0].endMs, qint64(1400));
    }

    void anotherProjectWithoutClipsShowsNoFilm()
    {
        m_session->showClip(clipId("a1"));
        QVERIFY(m_player->hasMedia());
        ui::ProjectDocument empty(path(QStringLiteral("empty.msproj")),
                                  ui::ProjectDocument::OpenMode::Create);
        m_session->setDocument(&empty);
        QVERIFY(!m_player->hasMedia());
        QVERIFY(m_timeline->clips().isEmpty());
        QCOMPARE(m_session->filmId(), qint64(0));
        m_session->setDocument(m_doc.get());
        m_session->showClip(clipId("a1"));
        QVERIFY(m_player->hasMedia()); // the same film id loads again
    }

    void noDocumentClearsTheFilm()
    {
        m_session->showClip(clipId("a1"));
        QSignalSpy film(m_session.get(), &ui::FilmSession::filmChanged);
        m_session->setDocument(nullptr);
        QCOMPARE(film.size(), 1);
        QCOMPARE(film.first().first().toLongLong(), qint64(0));
        QCOMPARE(m_session->filmId(), qint64(0));
        QVERIFY(!m_player->hasMedia());
        QVERIFY(m_timeline->clips().isEmpty());
        QCOMPARE(m_timeline->duration(), qint64(0));
        QVERIFY(m_subtitles->cues().isEmpty());
        QVERIFY(m_session->isReady());
    }
};

QTEST_MAIN(TestFilmSession)
#include "tst_filmsession.moc"
