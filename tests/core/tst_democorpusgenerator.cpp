#include "core/audiostreamreader.h"
#include "core/democorpusgenerator.h"
#include "core/demofilmgenerator.h"
#include "core/error.h"
#include "core/frameseeker.h"
#include "core/subtitleparser.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

using namespace ms;
using core::DemoCorpusGenerator;
using core::DemoFilmGenerator;
using core::Modality;

namespace {

// Power of one frequency over samples [from, to) (Goertzel), per sample.
double tonePower(const std::vector<float> &s, int rate, double hz, qint64 fromMs, qint64 toMs)
{
    const size_t a = size_t(fromMs * rate / 1000),
                 b = std::min(s.size(), size_t(toMs * rate / 1000));
    const double w = 2 * M_PI * hz / rate, k = 2 * std::cos(w);
    double p1 = 0, p2 = 0;
    for (size_t i = a; i < b; ++i) {
        const double p0 = s[i] + k * p1 - p2;
        p2 = p1;
        p1 = p0;
    }
    const double n = double(b - a);
    return (p1 * p1 + p2 * p2 - k * p1 * p2) / (n * n);
}

bool isRed(const unsigned char *px)
{
    return px[0] > 160 && px[1] < 90 && px[2] < 100;
}

int redPixels(const core::FrameSeeker::Picture &pic)
{
    int n = 0;
    for (size_t i = 0; i + 2 < pic.rgb.size(); i += 3)
        n += isRed(pic.rgb.data() + i);
    return n;
}

bool during(const QList<core::DemoEvent> &events, Modality m, qint64 from, qint64 to)
{
    for (const auto &e : events)
        if (e.modality == m && e.startMs < to && e.endMs > from)
            return true;
    return false;
}

} // namespace

class TestDemoCorpusGenerator : public QObject
{
    Q_OBJECT

private slots:
    void planIsDeterministicAndLabelsFollowEvents()
    {
        DemoCorpusGenerator::Options o;
        const auto a = DemoCorpusGenerator::plan(o);
        const auto b = DemoCorpusGenerator::plan(o);
        QCOMPARE(a.size(), 6);
        int perModality[3] = {0, 0, 0}, two = 0, hardNegatives = 0, distractors = 0;
        for (int f = 0; f < a.size(); ++f) {
            QVERIFY(a[f].title.contains("synthetic"));
            QCOMPARE(a[f].clips.size(), b[f].clips.size());
            QCOMPARE(a[f].events.size(), b[f].events.size());
            QCOMPARE(a[f].clips.last().endMs, a[f].durationMs);
            for (int i = 0; i < a[f].events.size(); ++i) {
                QCOMPARE(a[f].events[i].startMs, b[f].events[i].startMs);
                QCOMPARE(a[f].events[i].text, b[f].events[i].text);
            }
            for (const core::DemoClip &c : a[f].clips) {
                QVERIFY(c.endMs - c.startMs >= o.minClipMs);
                QStringList held;
                for (const core::DemoEvent &e : a[f].events) {
                    if (e.startMs >= c.endMs || e.endMs <= c.startMs)
                        continue;
                    // every event lies inside one clip
                    QVERIFY(e.startMs >= c.startMs && e.endMs <= c.endMs);
                    distractors += e.distractor;
                    if (!e.distractor) {
                        held.append(e.conceptName);
                        ++perModality[size_t(e.modality)];
                    }
                }
                QStringList planned = c.concepts;
                planned.sort();
                held.sort();
                QCOMPARE(planned, held);
                two += held.size() >= 2;
                if (!c.level)
                    continue;
                if (held.isEmpty())
                    QCOMPARE(*c.level, core::Level::EasyNegative);
                else
                    QVERIFY(*c.level != core::Level::EasyNegative);
                hardNegatives += *c.level == core::Level::HardNegative;
            }
        }
        QVERIFY(two > 0);
        QVERIFY(hardNegatives > 0);
        QVERIFY(distractors > 0);
        // text events are the rarest
        QVERIFY(perModality[2] < perModality[0] && perModality[2] < perModality[1]);
        o.seed = 2;
        QVERIFY(DemoCorpusGenerator::plan(o)[0].events.first().startMs !=
                a[0].events.first().startMs);
    }

    void badOptionsAreRefused()
    {
        DemoCorpusGenerator::Options o;
        o.films = 0;
        QVERIFY_THROWS_EXCEPTION(core::UserError, DemoCorpusGenerator::plan(o));
    }

    void groundTruthMatchesTheMedia()
    {
        for (const char *tool : {"ffmpeg", "espeak-ng"})
            if (QStandardPaths::findExecutable(tool).isEmpty())
                QSKIP(qPrintable(QString("the %1 tool is not installed").arg(tool)));
        QTemporaryDir dir;
        DemoCorpusGenerator::Options o;
        o.films = 2;
        o.filmSeconds = 20;
        const auto films = DemoCorpusGenerator::generate(dir.path(), o);
        QCOMPARE(films.size(), 2);
        for (const core::DemoFilm &film : films) {
            QVERIFY(QFile::exists(film.videoPath));
            const auto events = film.events;

            // Visual: the red disc where the plan puts it, and nowhere while
            // no visual event runs.
            core::FrameSeeker frames(film.videoPath, 320);
            int checkedEvents = 0, checkedEmpty = 0;
            for (const core::DemoEvent &e : events) {
                if (e.modality != Modality::Visual)
                    continue;
                const qint64 mid = (e.startMs + e.endMs) / 2;
                const auto &pic = frames.frameAt(mid);
                QVERIFY(!pic.isNull());
                QCOMPARE(pic.width, 320);
                // the figure at the time of the frame actually shown
                const QPointF c =
                    DemoFilmGenerator::figureCentre(e, pic.ptsMs, pic.width, pic.height);
                const unsigned char *px =
                    pic.rgb.data() + (size_t(c.y()) * pic.width + size_t(c.x())) * 3;
                if (e.distractor) {
                    QVERIFY2(!isRed(px),
                             qPrintable(QString("distractor at %1 ms is red").arg(mid)));
                    QCOMPARE(redPixels(pic), 0);
                } else {
                    QVERIFY2(isRed(px), qPrintable(QString("no red disc at %1 ms: %2,%3,%4")
                                                       .arg(mid)
                                                       .arg(px[0])
                                                       .arg(px[1])
                                                       .arg(px[2])));
                    const int r = DemoFilmGenerator::figureRadius(pic.height);
                    QVERIFY(redPixels(pic) > int(0.8 * M_PI * r * r));
                }
                ++checkedEvents;
            }
            for (qint64 t = 500; t < film.durationMs; t += 1000)
                if (!during(events, Modality::Visual, t - 200, t + 200)) {
                    QCOMPARE(redPixels(frames.frameAt(t)), 0);
                    ++checkedEmpty;
                }
            QVERIFY(checkedEvents > 0 && checkedEmpty > 0);

            // Audio: the 4 kHz pulses during the event, not outside.
            std::vector<float> samples;
            core::AudioStreamReader reader(film.videoPath, 0, 16000);
            reader.run([&](const float *s, qint64 n) { samples.insert(samples.end(), s, s + n); });
            double quietest = 1e9, loudest = 0;
            for (const core::DemoEvent &e : events)
                if (e.modality == Modality::Audio && !e.distractor)
                    quietest = std::min(
                        quietest, tonePower(samples, 16000, 4000, e.startMs + 50, e.endMs - 50));
            for (qint64 t = 0; t + 1000 <= film.durationMs; t += 500) {
                bool tone = false;
                for (const core::DemoEvent &e : events)
                    tone |= e.modality == Modality::Audio && !e.distractor &&
                            e.startMs < t + 1100 && e.endMs > t - 100;
                if (!tone)
                    loudest = std::max(loudest, tonePower(samples, 16000, 4000, t, t + 1000));
            }
            QVERIFY(quietest < 1e9 && loudest > 0);
            QVERIFY2(quietest > 50 * loudest,
                     qPrintable(QString("4 kHz power %1 during events, %2 outside")
                                    .arg(quietest)
                                    .arg(loudest)));
            // and a distractor's band sounds during it
            for (const core::DemoEvent &e : events)
                if (e.modality == Modality::Audio && e.distractor && e.variant == 0)
                    QVERIFY(tonePower(samples, 16000, 700, e.startMs + 50, e.endMs - 50) >
                            20 * tonePower(samples, 16000, 4000, e.startMs + 50, e.endMs - 50));

            // Text: the event's words in the cue at the event's time.
            const auto srt = core::SubtitleParser::readFile(film.subtitlesPath);
            int lines = 0;
            for (const core::DemoEvent &e : events) {
                if (e.modality != Modality::Text)
                    continue;
                const qint64 mid = (e.startMs + e.endMs) / 2;
                QString said;
                for (const auto &cue : srt.cues)
                    if (cue.startMs <= mid && cue.endMs > mid)
                        said += cue.text;
                QCOMPARE(said, e.text);
                QCOMPARE(said.contains("doll"), !e.distractor);
                QVERIFY(e.endMs - e.startMs > 800); // the spoken length
                ++lines;
            }
            QCOMPARE(srt.cues.size(), lines);
        }
    }
};

QTEST_GUILESS_MAIN(TestDemoCorpusGenerator)
#include "tst_democorpusgenerator.moc"
