// Adding films in the background: good files added with their relative path
// and sidecar subtitles, a file FFmpeg cannot open refused with its reason
// while the others are still added, and Cancel between files.
#include "core/jobs/jobrunner.h"
#include "database/addfilmsjob.h"
#include "database/filmadder.h"
#include "database/filmrepository.h"
#include "database/projectdatabase.h"
#include "tests/testsupport.h"

#include <QDir>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace ms;

class TestAddFilmsJob : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.filePath(name); }

    // A fresh project in the temporary folder (films live beside it).
    db::ProjectLocation project(const QString &name)
    {
        const QString file = path(name);
        db::ProjectDatabase(file, db::ProjectDatabase::Mode::OpenOrCreate);
        return db::ProjectLocation::file(file);
    }

    static db::AddFilmsJob::Report run(db::AddFilmsJob &job, core::JobOutcome *outcome = nullptr,
                                       const core::CancelToken &token = {},
                                       bool cancelAtFirstReport = false)
    {
        core::JobRunner::Sinks sinks;
        sinks.progress = [&](const core::JobProgress &) {
            if (cancelAtFirstReport)
                token.cancel();
        };
        const core::JobOutcome o = core::JobRunner::runHere(job, sinks, token, 0);
        if (outcome)
            *outcome = o;
        return o.result.value<db::AddFilmsJob::Report>();
    }

private slots:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("ffmpeg")).isEmpty())
            QSKIP("the ffmpeg tool is not installed: add-films tests skipped");
        QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("films")));
        QVERIFY(test::ffmpeg({"-f", "lavfi", "-i", "testsrc2=size=160x90:rate=25:duration=2",
                              "-c:v", "libx264", "-pix_fmt", "yuv420p", path("films/alpha.mp4")}));
        QVERIFY(test::ffmpeg({"-f", "lavfi", "-i", "testsrc2=size=160x90:rate=30:duration=1",
                              "-c:v", "mpeg4", path("films/beta.mkv")}));
        test::writeFile(path("films/alpha.srt"), "1\n00:00:00,000 --> 00:00:01,000\nHello\n\n");
        test::writeFile(path("films/broken.mp4"),
                        QByteArray("this is no film at all\n").repeated(50));
    }

    void twoAddedOneRefused()
    {
        const db::ProjectLocation location = project(QStringLiteral("a.msproj"));
        db::AddFilmsJob job(
            location, {path("films/alpha.mp4"), path("films/broken.mp4"), path("films/beta.mkv")});
        QCOMPARE(job.kind(), QStringLiteral("add-films"));
        QCOMPARE(job.title(), QStringLiteral("Adding 3 films"));
        core::JobOutcome outcome;
        const auto report = run(job, &outcome);
        QVERIFY2(outcome.isDone(), qPrintable(outcome.message));
        QCOMPARE(report.added, (QStringList{QStringLiteral("alpha"), QStringLiteral("beta")}));
        QCOMPARE(report.withSubtitles, 1);
        QCOMPARE(report.refused.size(), 1);
        QCOMPARE(report.refused.first().path, path("films/broken.mp4"));
        QVERIFY2(report.refused.first().reason.contains(QStringLiteral("broken.mp4")),
                 qPrintable(report.refused.first().reason));
        QVERIFY(outcome.message.startsWith(
            QStringLiteral("2 films added (1 with subtitles); 1 refused: ")));

        const auto db =
            db::ProjectDatabase::open(location, db::ProjectDatabase::Mode::OpenExisting);
        db::FilmRepository films(*db);
        const auto alpha = films.film(QStringLiteral("alpha"));
        QVERIFY(alpha);
        // Inside the project's folder: stored relative, so the folder can move.
        QCOMPARE(alpha->mediaPath, QStringLiteral("films/alpha.mp4"));
        QCOMPARE(alpha->subtitlesPath, QStringLiteral("films/alpha.srt"));
        QVERIFY(!alpha->mediaFingerprint.isEmpty());
        QCOMPARE(alpha->media.streamsOf(QStringLiteral("video")).first().width, 160);
        const auto beta = films.film(QStringLiteral("beta"));
        QVERIFY(beta);
        QCOMPARE(beta->mediaPath, QStringLiteral("films/beta.mkv"));
        QVERIFY(beta->subtitlesPath.isEmpty());
        QVERIFY(!films.film(QStringLiteral("broken")));
    }

    void cancelBetweenFiles()
    {
        const db::ProjectLocation location = project(QStringLiteral("c.msproj"));
        db::AddFilmsJob job(location, {path("films/alpha.mp4"), path("films/beta.mkv")});
        core::JobOutcome outcome;
        // The first report comes before the first file: that file is still
        // added, the cancel is seen before the second.
        const auto report = run(job, &outcome, core::CancelToken(), true);
        QVERIFY(outcome.isCancelled());
        QCOMPARE(report.added, QStringList{QStringLiteral("alpha")});
        QVERIFY2(outcome.message.contains(QStringLiteral("after 1 of 2")),
                 qPrintable(outcome.message));
        const auto db =
            db::ProjectDatabase::open(location, db::ProjectDatabase::Mode::OpenExisting);
        db::FilmRepository films(*db);
        QVERIFY(films.film(QStringLiteral("alpha")));
        QVERIFY(!films.film(QStringLiteral("beta")));
    }

    void adderKeepsWhatItIsGiven()
    {
        // add-film's options win over the defaults (base name, sidecar).
        const db::ProjectLocation location = project(QStringLiteral("d.msproj"));
        const auto db =
            db::ProjectDatabase::open(location, db::ProjectDatabase::Mode::OpenExisting);
        test::writeFile(path("other.vtt"), "WEBVTT\n\n00:00.000 --> 00:01.000\nHi\n");
        const core::Film f =
            db::FilmAdder(*db).add({path("films/alpha.mp4"), QStringLiteral("tt0000042"),
                                    path("other.vtt"), QStringLiteral("Alpha")});
        QCOMPARE(f.movieId, QStringLiteral("tt0000042"));
        QCOMPARE(f.title, QStringLiteral("Alpha"));
        QCOMPARE(f.subtitlesPath, QStringLiteral("other.vtt"));
    }
};

QTEST_GUILESS_MAIN(TestAddFilmsJob)
#include "tst_addfilmsjob.moc"
