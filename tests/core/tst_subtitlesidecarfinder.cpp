#include "../subtitlestreamfilm.h"
#include "../testsupport.h"
#include "core/error.h"
#include "core/subtitlesidecarfinder.h"

#include <QDir>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace ms::core;
using ms::test::ffmpeg;

namespace {

const QByteArray kSrt = "1\n00:00:00,500 --> 00:00:01,500\nHello.\n\n";

QStringList names(const QList<SubtitleSidecarFinder::Candidate> &found)
{
    QStringList out;
    for (const auto &c : found)
        out.append(QFileInfo(c.path).fileName());
    return out;
}

} // namespace

class TestSubtitleSidecarFinder : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString path(const QString &n) { return m_dir.filePath(n); }

private slots:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("ffmpeg")).isEmpty())
            QSKIP("the ffmpeg tool is not installed; it makes this test's media");
        QVERIFY(m_dir.isValid());
        ms::test::writeFile(path("cues.srt.in"), kSrt);
        // The film: a picture and two text subtitle streams (English SDH, French).
        QVERIFY(ms::test::makeFilmWithSubtitleStreams(path("My Film.mkv"),
                                                     {{path("cues.srt.in"), "srt", "eng", "SDH"},
                                                      {path("cues.srt.in"), "ass", "fra"}},
                                                     2));
        QVERIFY(ffmpeg({"-f", "lavfi", "-i", "color=c=black:s=64x48:d=1:r=10", "-c:v", "mpeg4",
                        path("My Film.2.mkv")}));
        for (const char *name :
             {"My Film.srt", "My Film.en.srt", "My Film.en.vtt", "MY FILM.EN.forced.SRT",
              "My Film.en.hi.srt", "My Film.fr.vtt", "My Film.hi.srt", "My Film.pt_br.srt",
              "My Film.commentary.srt",
              // Not this film's: another film's sidecar, other names, other formats.
              "My Film.2.srt", "My Film.2.en.srt", "My Filmography.srt", "Other.srt", "My Film.txt",
              "My Film.en.ass", "My Film.nfo"})
            ms::test::writeFile(path(QString::fromUtf8(name)), kSrt);
        QVERIFY(QDir(m_dir.path()).mkdir(QStringLiteral("My Film.de.srt"))); // a folder
    }

    void sidecarsSortedAndTagged()
    {
        const auto found = SubtitleSidecarFinder::sidecars(path("My Film.mkv"));
        QCOMPARE(names(found),
                 (QStringList{"My Film.srt", "My Film.en.srt", "My Film.en.vtt",
                              "MY FILM.EN.forced.SRT", "My Film.en.hi.srt", "My Film.fr.vtt",
                              "My Film.hi.srt", "My Film.pt_br.srt", "My Film.commentary.srt"}));
        QStringList languages, flags, formats, labels;
        for (const auto &c : found) {
            QCOMPARE(c.kind, SubtitleSidecarFinder::Candidate::Kind::Sidecar);
            QCOMPARE(c.streamIndex, -1);
            QCOMPARE(QFileInfo(c.path).absolutePath(), QFileInfo(m_dir.path()).absoluteFilePath());
            languages.append(c.language);
            flags.append(c.flags.join(u'+'));
            formats.append(c.format);
            labels.append(c.label());
        }
        QCOMPARE(languages, (QStringList{"", "en", "en", "en", "en", "fr", "hi", "pt-BR", ""}));
        QCOMPARE(flags, (QStringList{"", "", "", "forced", "hi", "", "", "", "commentary"}));
        QCOMPARE(formats,
                 (QStringList{"srt", "srt", "vtt", "srt", "srt", "vtt", "srt", "srt", "srt"}));
        QCOMPARE(labels.at(0), QStringLiteral("My Film.srt"));
        QCOMPARE(labels.at(4), QStringLiteral("My Film.en.hi.srt (en, hi)"));
    }

    void anotherFilmKeepsItsOwn()
    {
        QCOMPARE(names(SubtitleSidecarFinder::sidecars(path("My Film.2.mkv"))),
                 (QStringList{"My Film.2.srt", "My Film.2.en.srt"}));
    }

    void streamsInsideTheFilm()
    {
        const auto streams = SubtitleSidecarFinder::streams(path("My Film.mkv"));
        QCOMPARE(streams.size(), 2);
        QCOMPARE(streams[0].kind, SubtitleSidecarFinder::Candidate::Kind::Stream);
        QCOMPARE(streams[0].path, path("My Film.mkv"));
        QCOMPARE(streams[0].streamIndex, 1);
        QCOMPARE(streams[0].language, QStringLiteral("eng"));
        QCOMPARE(streams[0].format, QStringLiteral("subrip"));
        QCOMPARE(streams[0].label(), QStringLiteral("stream 1: subrip, eng, SDH"));
        QCOMPARE(streams[1].streamIndex, 2);
        QCOMPARE(streams[1].language, QStringLiteral("fra"));
        QCOMPARE(streams[1].format, QStringLiteral("ass"));
        QCOMPARE(streams[1].label(), QStringLiteral("stream 2: ass, fra"));
    }

    void findGivesSidecarsThenStreams()
    {
        const auto all = SubtitleSidecarFinder::find(path("My Film.mkv"));
        QCOMPARE(all.size(), 9 + 2);
        QCOMPARE(all.first().path, path("My Film.srt"));
        QCOMPARE(all[9].streamIndex, 1);
        QCOMPARE(all[10].streamIndex, 2);
        // A film with neither: nothing, without complaint.
        QVERIFY(SubtitleSidecarFinder::find(path("My Film.2.mkv")).size() == 2);
        QVERIFY(ffmpeg({"-f", "lavfi", "-i", "color=c=black:s=64x48:d=1:r=10", "-c:v", "mpeg4",
                        path("bare.mkv")}));
        QVERIFY(SubtitleSidecarFinder::find(path("bare.mkv")).isEmpty());
    }

    void aFilmFfmpegCannotOpenIsNamed()
    {
        ms::test::writeFile(path("broken.mkv"), "not a film");
        ms::test::writeFile(path("broken.srt"), kSrt);
        QCOMPARE(names(SubtitleSidecarFinder::sidecars(path("broken.mkv"))),
                 QStringList{"broken.srt"});
        try {
            SubtitleSidecarFinder::find(path("broken.mkv"));
            QFAIL("a broken film was read");
        } catch (const UserError &e) {
            QVERIFY2(e.message().contains(path("broken.mkv")), qPrintable(e.message()));
        }
    }
};

QTEST_GUILESS_MAIN(TestSubtitleSidecarFinder)
#include "tst_subtitlesidecarfinder.moc"
