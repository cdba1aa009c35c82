// A film's subtitles from inside the film (issue 13): an MKV made here with
// two text subtitle streams of different languages (and an MP4 with
// mov_text) is added, its streams chosen among, refused where they are not
// text streams, kept by a relink, and read by the text features.
#include "core/error.h"
#include "core/media/modalityextractor.h"
#include "database/featureextractionservice.h"
#include "database/filmadder.h"
#include "database/filmrepository.h"
#include "database/importservice.h"
#include "database/projectdatabase.h"
#include "database/sqlitedatabase.h"
#include "tests/database/projectdump.h"
#include "tests/subtitlestreamfilm.h"
#include "tests/testsupport.h"

#include <QDir>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace ms;

namespace {

const QByteArray kEnglish = "1\n00:00:00,500 --> 00:00:01,500\nGood morning.\n\n"
                            "2\n00:00:02,600 --> 00:00:03,000\nSee you.\n";
const QByteArray kFrench = "1\n00:00:01,000 --> 00:00:02,500\nBonjour.\n\n"
                           "2\n00:00:03,000 --> 00:00:03,800\nSalut, toi.\n\n"
                           "3\n00:00:04,000 --> 00:00:04,600\nAdieu.\n";

QStringList texts(const core::SubtitleSource &source)
{
    QStringList out;
    for (const core::SubtitleCue &c : source.read().cues)
        out.append(QStringLiteral("%1-%2 %3").arg(c.startMs).arg(c.endMs).arg(c.text));
    return out;
}

} // namespace

class TestFilmRepository : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_projects = 0;

    QString path(const QString &name) const { return m_dir.filePath(name); }
    QString newProject() { return path(QStringLiteral("p%1.msproj").arg(++m_projects)); }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        if (QStandardPaths::findExecutable("ffmpeg").isEmpty())
            QSKIP("the ffmpeg tool is not installed: it makes this test's media");
        QVERIFY(m_dir.isValid());
        test::writeFile(path("en.srt"), kEnglish);
        test::writeFile(path("fr.srt"), kFrench);
        // Streams 1 (SubRip, English) and 2 (ASS, French) after the video.
        QVERIFY(test::makeFilmWithSubtitleStreams(
            path("film.mkv"), {{path("en.srt"), "srt", "eng"}, {path("fr.srt"), "ass", "fra"}}));
        QVERIFY(test::ffmpeg({"-f", "lavfi", "-i", "color=c=black:s=64x48:d=5:r=10", "-i",
                              path("fr.srt"), "-map", "0:v", "-map", "1:s", "-c:v", "mpeg4", "-c:s",
                              "mov_text", "-metadata:s:s:0", "language=fra", path("talk.mp4")}));
    }

    void addingTakesTheFirstTextStreamWhenNoFileIsBeside()
    {
        db::ProjectDatabase p(newProject(), db::ProjectDatabase::Mode::OpenOrCreate);
        const core::Film f = db::FilmAdder(p).add({path("film.mkv"), "tt1", {}, {}});
        QVERIFY(f.subtitlesPath.isEmpty());
        QCOMPARE(f.subtitlesStream, 1);
        db::FilmRepository films(p);
        const core::SubtitleSource source = films.subtitleSource(f);
        QCOMPARE(source.stream, 1);
        QCOMPARE(QFileInfo(source.path), QFileInfo(path("film.mkv")));
        QCOMPARE(texts(source), (QStringList{"500-1500 Good morning.", "2600-3000 See you."}));
        QCOMPARE(source.displayName(), QStringLiteral("film.mkv, stream 1"));

        const core::Film mp4 = db::FilmAdder(p).add({path("talk.mp4"), "tt2", {}, {}});
        QCOMPARE(mp4.subtitlesStream, 1);
        QCOMPARE(films.subtitleSource(mp4).read().format, QStringLiteral("mov_text"));
        QCOMPARE(films.subtitleSource(mp4).read().cues.size(), 3);
    }

    void aFileBesideTheFilmComesFirst()
    {
        QDir(m_dir.path()).mkdir("beside");
        QVERIFY(QFile::copy(path("film.mkv"), path("beside/film.mkv")));
        test::writeFile(path("beside/film.srt"), kFrench);
        db::ProjectDatabase p(newProject(), db::ProjectDatabase::Mode::OpenOrCreate);
        const core::Film f = db::FilmAdder(p).add({path("beside/film.mkv"), "tt1", {}, {}});
        QCOMPARE(f.subtitlesStream, -1);
        QCOMPARE(f.subtitlesPath, QStringLiteral("beside/film.srt"));
        // Asked for, a stream wins over the file beside it.
        const core::Film g = db::FilmAdder(p).add({path("beside/film.mkv"), "tt2", {}, {}, 2});
        QCOMPARE(g.subtitlesStream, 2);
        QVERIFY(g.subtitlesPath.isEmpty());
    }

    void theChoiceMovesBetweenStreamsFilesAndNone()
    {
        const QString project = newProject();
        db::ProjectDatabase p(project, db::ProjectDatabase::Mode::OpenOrCreate);
        db::FilmAdder(p).add({path("film.mkv"), "tt1", {}, {}});
        db::FilmRepository films(p);
        core::Film f = films.setSubtitleSource("tt1", {QString(), 2});
        QCOMPARE(f.subtitlesStream, 2);
        QCOMPARE(texts(films.subtitleSource(f)),
                 (QStringList{"1000-2500 Bonjour.", "3000-3800 Salut, toi.", "4000-4600 Adieu."}));
        // Read back through a connection of its own.
        {
            db::ProjectDatabase other(project, db::ProjectDatabase::Mode::OpenExisting);
            QCOMPARE(db::FilmRepository(other).film("tt1")->subtitlesStream, 2);
        }
        f = films.setSubtitles("tt1", path("en.srt"));
        QCOMPARE(f.subtitlesStream, -1);
        QCOMPARE(f.subtitlesPath, QStringLiteral("en.srt"));
        QCOMPARE(films.subtitleSource(f).stream, -1);
        f = films.setSubtitleSource("tt1", {});
        QVERIFY(films.subtitleSource(f).isEmpty());
        QCOMPARE(f.subtitlesStream, -1);
        QVERIFY(f.subtitlesPath.isEmpty());
    }

    void aStreamThatIsNoTextStreamIsRefusedAndNothingChanges()
    {
        db::ProjectDatabase p(newProject(), db::ProjectDatabase::Mode::OpenOrCreate);
        db::FilmAdder(p).add({path("film.mkv"), "tt1", {}, {}});
        core::ImportRecord clipOnly = test::timedRecord("c1", "tt9", 0, 1000);
        db::ImportService(p).apply({clipOnly}, "setup", "test");
        db::FilmRepository films(p);
        const QString before = test::dumpProject(p.sql());
        const auto refused = [&](const QString &movie, int stream, const QString &words) {
            try {
                films.setSubtitleSource(movie, {QString(), stream});
            } catch (const core::UserError &e) {
                QVERIFY2(e.message().contains(words), qPrintable(e.message()));
                return;
            }
            QFAIL("no error");
        };
        refused("tt1", 0,
                "stream 0 is not a text subtitle stream; its text subtitle streams are "
                "1 or 2");
        refused("tt1", 7, "film.mkv: stream 7 is not a text subtitle stream");
        refused("tt9", 1, "film 'tt9' has no media file");
        refused("nope", 1, "no film 'nope'");
        QCOMPARE(test::dumpProject(p.sql()), before);
        // Adding with a stream that is not there leaves no film behind.
        QVERIFY_THROWS_EXCEPTION(core::UserError,
                                 db::FilmAdder(p).add({path("talk.mp4"), "tt3", {}, {}, 2}));
        QCOMPARE(test::dumpProject(p.sql()), before);
        QVERIFY_THROWS_EXCEPTION(
            core::UserError,
            db::FilmAdder(p).add({path("film.mkv"), "tt3", path("en.srt"), {}, 1}));
        QCOMPARE(test::dumpProject(p.sql()), before);
    }

    void aRelinkKeepsTheStream()
    {
        db::ProjectDatabase p(newProject(), db::ProjectDatabase::Mode::OpenOrCreate);
        db::FilmAdder(p).add({path("film.mkv"), "tt1", {}, {}, 2});
        QVERIFY(QFile::copy(path("film.mkv"), path("moved.mkv")));
        db::FilmRepository films(p);
        core::Film f = films.relink("tt1", path("moved.mkv"), false);
        QCOMPARE(f.subtitlesStream, 2);
        QCOMPARE(QFileInfo(films.subtitleSource(f).path), QFileInfo(path("moved.mkv")));
        // Re-encoded without that stream: the film keeps its media, not the choice.
        f = films.relink("tt1", path("talk.mp4"), true);
        QCOMPARE(f.subtitlesStream, -1);
    }

    // The text features read the chosen stream, and choosing another makes
    // them stale.
    void textFeaturesReadTheChosenStream()
    {
        db::ProjectDatabase p(newProject(), db::ProjectDatabase::Mode::OpenOrCreate);
        db::FilmAdder(p).add({path("film.mkv"), "tt1", {}, {}});
        db::ImportService(p).apply(
            {test::timedRecord("c1", "tt1", 0, 2500), test::timedRecord("c2", "tt1", 2500, 2500)},
            "setup", "test");
        const core::ModalitySet text{core::Modality::Text};
        db::FeatureExtractionService service(p);
        auto rep = service.extract({}, text);
        QVERIFY2(rep.warnings.isEmpty(), qPrintable(rep.summary()));
        QCOMPARE(rep.clipsWritten, 2);
        const auto tokens = [&p](const char *clip) {
            auto st = p.sql().prepare(
                "SELECT f.tokens FROM clip_features f JOIN clips c ON c.id = f.clip_id "
                "WHERE c.name = ?");
            st.bind(1, QString::fromLatin1(clip));
            return st.step() ? st.int64(0) : -1;
        };
        // English: one cue in each half.
        QCOMPARE(tokens("c1"), 1);
        QCOMPARE(tokens("c2"), 1);
        rep = service.extract({}, text);
        QCOMPARE(rep.clipsUnchanged, 2);
        db::FilmRepository(p).setSubtitleSource("tt1", {QString(), 2});
        rep = service.extract({}, text);
        QCOMPARE(rep.clipsWritten, 2);
        // French: Bonjour in the first half; Salut and Adieu in the second (Bonjour ends at 2.5 s).
        QCOMPARE(tokens("c1"), 1);
        QCOMPARE(tokens("c2"), 2);
    }
};

QTEST_GUILESS_MAIN(TestFilmRepository)
#include "tst_filmrepository.moc"
