#include "../testsupport.h"
#include "core/error.h"
#include "core/jobs/jobrunner.h"
#include "core/segmentationjob.h"
#include "core/segmenter.h"
#include "core/shotdetector.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <vector>

using namespace ms::core;
using ms::test::ffmpeg;

namespace {

// A JobContext of the test's own: records what the job reports and, when
// asked, cancels after a number of progress reports (mid-decode).
class RecordingContext final : public JobContext
{
public:
    explicit RecordingContext(int cancelAfter = -1) : m_cancelAfter(cancelAfter) {}
    const CancelToken &cancelToken() const override { return m_token; }
    void progress(const JobProgress &p) override
    {
        fractions.append(p.fraction);
        texts.append(p.text);
        if (m_cancelAfter >= 0 && fractions.size() >= m_cancelAfter)
            m_token.cancel();
    }
    void partial(const QVariant &, bool) override {}
    void log(const QString &line) override { logLines.append(line); }

    QList<double> fractions;
    QStringList texts;
    QStringList logLines;

private:
    CancelToken m_token;
    int m_cancelAfter;
};

constexpr qint64 kFrameMs = 40; // the test films run at 25 frames per second

// A segment of a generated film: an FFmpeg source (with its filters) and how
// long it lasts.
struct Piece
{
    QString source;
    double seconds;
};

QString chain(const QList<Piece> &pieces)
{
    QStringList parts;
    QString inputs;
    for (qsizetype i = 0; i < pieces.size(); ++i) {
        const QString label = QStringLiteral("p%1").arg(i);
        const QString source = pieces[i].source.section(u',', 0, 0);
        parts.append(
            QStringLiteral("%1%2s=160x120:r=25:d=%3,format=yuv420p[%4]")
                .arg(source, source.contains(u'=') ? QStringLiteral(":") : QStringLiteral("="))
                .arg(pieces[i].seconds)
                .arg(label));
        const QString filters = pieces[i].source.section(u',', 1);
        if (!filters.isEmpty())
            parts.last().replace(QStringLiteral(",format=yuv420p"),
                                 QLatin1Char(',') + filters + QStringLiteral(",format=yuv420p"));
        inputs += QLatin1Char('[') + label + QLatin1Char(']');
    }
    return parts.join(u';') + u';' + inputs +
           QStringLiteral("concat=n=%1:v=1:a=0[v]").arg(pieces.size());
}

} // namespace

// Test films are made by the ffmpeg tool from its test sources, so every cut
// time is known: hard cuts between still and moving pictures, and a film of
// hard cases (fades through black, a dissolve, a two-frame flash) that has no
// cut at all.
class TestShotDetector : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString path(const QString &n) { return m_dir.filePath(n); }
    ShotDetector::Scores m_hard, m_soft, m_subtle;
    const QList<qint64> m_hardCuts = {2000, 4000, 5600, 7600, 9600};
    const qint64 m_hardDuration = 11600;

    bool film(const QString &file, const QString &graph)
    {
        return ffmpeg({"-filter_complex", graph, "-map", "[v]", "-c:v", "libx264", "-preset",
                       "veryfast", "-crf", "20", "-g", "50", "-pix_fmt", "yuv420p", path(file)});
    }

private slots:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("ffmpeg")).isEmpty())
            QSKIP("the ffmpeg tool is not installed; it makes this test's media");
        QVERIFY(m_dir.isValid());
        QVERIFY(film("hard.mp4", chain({{"color=c=red", 2},
                                        {"testsrc", 2},
                                        {"color=c=blue", 1.6},
                                        {"smptebars", 2},
                                        {"testsrc2", 2},
                                        {"color=c=0x208020", 2}})));
        // Fade out to black, black, fade in from black (no cut where black
        // meets black), a one-second dissolve, a two-frame white flash.
        QVERIFY(film("soft.mp4",
                     "testsrc2=s=160x120:r=25:d=3,fade=t=out:st=2:d=1,format=yuv420p[a];"
                     "color=c=black:s=160x120:r=25:d=1,format=yuv420p[b];"
                     "smptebars=s=160x120:r=25:d=3,fade=t=in:st=0:d=1,format=yuv420p[c];"
                     "testsrc=s=160x120:r=25:d=4,format=yuv420p[d];"
                     "[c][d]xfade=transition=fade:duration=1:offset=2,"
                     "lutrgb=r=255:g=255:b=255:enable='between(t,4.5,4.57)',format=yuv420p[e];"
                     "[a][b][e]concat=n=3:v=1:a=0[v]"));
        // Two plain cuts and a subtle one (red to a slightly darker red).
        QVERIFY(film("subtle.mp4", chain({{"testsrc2", 2},
                                          {"color=c=0xF00000", 2},
                                          {"color=c=0xD80000", 2},
                                          {"smptebars", 2}})));
        m_hard = ShotDetector::score(path("hard.mp4"));
        m_soft = ShotDetector::score(path("soft.mp4"));
        m_subtle = ShotDetector::score(path("subtle.mp4"));
    }

    void differenceOfPictures()
    {
        const int pixels = 64;
        std::vector<unsigned char> red(pixels * 3), blue(pixels * 3), darker(pixels * 3);
        for (int i = 0; i < pixels; ++i) {
            red[3 * i] = 250;
            blue[3 * i + 2] = 250;
            darker[3 * i] = 245;
        }
        QCOMPARE(ShotDetector::difference(red.data(), red.data(), pixels), 0.0f);
        const float cut = ShotDetector::difference(red.data(), blue.data(), pixels);
        QVERIFY2(cut > 0.6f && cut <= 1.0f, qPrintable(QString::number(cut)));
        QCOMPARE(ShotDetector::difference(blue.data(), red.data(), pixels), cut);
        const float step = ShotDetector::difference(red.data(), darker.data(), pixels);
        QVERIFY2(step > 0.0f && step < 0.05f, qPrintable(QString::number(step)));
    }

    void scoresEveryFrame()
    {
        QCOMPARE(m_hard.values.size(), m_hardDuration / kFrameMs);
        QCOMPARE(m_hard.ptsMs.size(), m_hard.values.size());
        QCOMPARE(m_hard.frameRate, 25.0);
        QCOMPARE(m_hard.durationMs, m_hardDuration);
        QCOMPARE(m_hard.values.first(), 0.0f);
        QVERIFY(!m_hard.truncated);
        for (qsizetype i = 1; i < m_hard.ptsMs.size(); ++i)
            QCOMPARE(m_hard.ptsMs[i] - m_hard.ptsMs[i - 1], kFrameMs);
    }

    void hardCutsWithinOneFrame_data()
    {
        QTest::addColumn<double>("sensitivity");
        QTest::newRow("0.3") << 0.3;
        QTest::newRow("0.5 (default)") << 0.5;
        QTest::newRow("0.8") << 0.8;
    }
    void hardCutsWithinOneFrame()
    {
        QFETCH(double, sensitivity);
        const QList<qint64> found = ShotDetector::cuts(m_hard, sensitivity, 500);
        QCOMPARE(found.size(), m_hardCuts.size());
        QStringList errors;
        for (qsizetype i = 0; i < found.size(); ++i) {
            const qint64 error = found[i] - m_hardCuts[i];
            errors.append(QStringLiteral("%1 ms").arg(error));
            QVERIFY2(std::abs(error) <= kFrameMs,
                     qPrintable(
                         QStringLiteral("cut %1 found at %2 ms").arg(m_hardCuts[i]).arg(found[i])));
        }
        qInfo("cut errors: %s", qPrintable(errors.join(u' ')));
    }

    void fadesDissolveAndFlashAreNoCuts_data()
    {
        QTest::addColumn<double>("sensitivity");
        QTest::newRow("0") << 0.0;
        QTest::newRow("0.5 (default)") << 0.5;
        QTest::newRow("0.8") << 0.8;
    }
    void fadesDissolveAndFlashAreNoCuts()
    {
        QFETCH(double, sensitivity);
        QCOMPARE(m_soft.durationMs, 10000);
        const QList<qint64> found = ShotDetector::cuts(m_soft, sensitivity, 500);
        QStringList at;
        for (qint64 c : found)
            at.append(QString::number(c));
        QVERIFY2(found.isEmpty(), qPrintable(QStringLiteral("cuts at ") + at.join(u' ')));
    }

    void sensitivityAddsCutsMonotonically()
    {
        qsizetype previous = -1;
        QList<qsizetype> counts;
        for (int step = 0; step <= 10; ++step) {
            const QList<qint64> found = ShotDetector::cuts(m_subtle, step / 10.0, 500);
            QVERIFY2(found.size() >= previous, qPrintable(QString::number(step)));
            previous = found.size();
            counts.append(found.size());
        }
        // The two plain cuts at any sensitivity, the subtle one only when asked for.
        QCOMPARE(ShotDetector::cuts(m_subtle, 0.0, 500), (QList<qint64>{2000, 6000}));
        QCOMPARE(ShotDetector::cuts(m_subtle, 1.0, 500), (QList<qint64>{2000, 4000, 6000}));
        QVERIFY(counts.first() < counts.last());
    }

    void minimumLengthHonoured_data()
    {
        QTest::addColumn<qint64>("minLength");
        QTest::addColumn<QList<qint64>>("expected");
        QTest::newRow("none") << qint64(0) << m_hardCuts;
        QTest::newRow("1.5 s: all fit") << qint64(1500) << m_hardCuts;
        // 5.6 s is 1.6 s after 4 s: the stronger of the two stays (blue to bars).
        QTest::newRow("1.8 s") << qint64(1800) << QList<qint64>{2000, 5600, 7600, 9600};
        // Not 2 s after the start nor 2 s before the end; 5.6 s, the strongest
        // of the others, keeps 4 s and 7.6 s out.
        QTest::newRow("2.1 s") << qint64(2100) << QList<qint64>{5600};
        QTest::newRow("longer than the film") << qint64(20000) << QList<qint64>{};
    }
    void minimumLengthHonoured()
    {
        QFETCH(qint64, minLength);
        QFETCH(QList<qint64>, expected);
        const QList<qint64> found = ShotDetector::cuts(m_hard, 0.5, minLength);
        const QList<TimeRange> clips = Segmenter::fromCuts(found, m_hard.durationMs);
        for (const TimeRange &c : clips)
            QVERIFY2(c.length() >= minLength || clips.size() == 1,
                     qPrintable(QStringLiteral("%1-%2").arg(c.startMs).arg(c.endMs)));
        QCOMPARE(clips.first().startMs, 0);
        QCOMPARE(clips.last().endMs, m_hardDuration);
        QCOMPARE(found.size(), expected.size());
        for (qsizetype i = 0; i < found.size(); ++i)
            QVERIFY2(std::abs(found[i] - expected[i]) <= kFrameMs,
                     qPrintable(QStringLiteral("%1 for %2").arg(found[i]).arg(expected[i])));
    }

    // The picking alone, on made-up scores: what stands out is a cut, a
    // plateau (a dissolve) and a double peak (a flash) are not.
    void pickingFromScores()
    {
        ShotDetector::Scores s;
        s.frameRate = 25;
        s.durationMs = 200 * kFrameMs;
        for (int i = 0; i < 200; ++i) {
            s.ptsMs.append(i * kFrameMs);
            s.values.append(i == 0 ? 0.0f : 0.01f + 0.002f * float(i % 3));
        }
        s.values[50] = 0.6f; // a cut
        for (int i = 90; i < 115; ++i)
            s.values[i] = 0.2f; // a dissolve
        s.values[150] = 0.5f;   // a flash: in ...
        s.values[152] = 0.48f;  // ... and out
        s.values[180] = 0.3f;   // a weaker cut
        QCOMPARE(ShotDetector::cuts(s, 0.5, 0), (QList<qint64>{50 * kFrameMs, 180 * kFrameMs}));
        QCOMPARE(ShotDetector::cuts(s, 0.5, 40 * kFrameMs), (QList<qint64>{50 * kFrameMs}));
        QCOMPARE(ShotDetector::cuts(s, 0.0, 0), (QList<qint64>{50 * kFrameMs, 180 * kFrameMs}));
        s.values[180] = 0.12f;
        QCOMPARE(ShotDetector::cuts(s, 0.5, 0), (QList<qint64>{50 * kFrameMs}));
        QCOMPARE(ShotDetector::cuts(s, 1.0, 0), (QList<qint64>{50 * kFrameMs, 180 * kFrameMs}));
        QCOMPARE(ShotDetector::cuts(ShotDetector::Scores{}, 0.5, 0), QList<qint64>{});
    }

    // A still shot (scores 0) cut to a busy one (scores around 0.045): a
    // window across both would have a wide spread and hide the cut; each
    // side alone is narrow, and the cut stands out of both.
    void stillShotNextToABusyOne()
    {
        ShotDetector::Scores s;
        s.frameRate = 25;
        s.durationMs = 100 * kFrameMs;
        for (int i = 0; i < 100; ++i) {
            s.ptsMs.append(i * kFrameMs);
            s.values.append(i < 40 ? 0.0f : 0.04f + 0.01f * float(i % 2));
        }
        s.values[40] = 0.37f;
        QCOMPARE(ShotDetector::cuts(s, 0.5, 500), (QList<qint64>{40 * kFrameMs}));
        QCOMPARE(ShotDetector::cuts(s, 0.3, 500), (QList<qint64>{40 * kFrameMs}));
    }

    void jobScoresWithProgress()
    {
        SegmentationJob job(path("hard.mp4"), QStringLiteral("Hard cuts"));
        QCOMPARE(job.kind(), QStringLiteral("segmentation"));
        QCOMPARE(job.title(), QStringLiteral("Shots of Hard cuts"));
        RecordingContext context;
        const JobOutcome outcome = job.run(context);
        QVERIFY2(outcome.isDone(), qPrintable(outcome.message));
        QVERIFY(outcome.message.contains(QStringLiteral("290 frames")));
        QVERIFY(outcome.result.canConvert<ShotDetector::Scores>());
        const auto scores = outcome.result.value<ShotDetector::Scores>();
        QCOMPARE(scores.values, m_hard.values);
        QCOMPARE(ShotDetector::cuts(scores, 0.5, 500).size(), m_hardCuts.size());
        QVERIFY(context.fractions.size() > 10);
        for (qsizetype i = 1; i < context.fractions.size(); ++i)
            QVERIFY(context.fractions[i] >= context.fractions[i - 1]);
        QCOMPARE(context.fractions.last(), 1.0);
        QVERIFY(context.texts.last().contains(QStringLiteral("hard.mp4")));
    }

    // On the window's runner: a worker thread, the scores handed back in
    // the queued finished() signal.
    void jobOnTheRunner()
    {
        JobRunner runner;
        QSignalSpy finished(&runner, &JobRunner::finished);
        runner.start(std::make_unique<SegmentationJob>(path("hard.mp4")), QStringLiteral("shots"));
        QVERIFY(finished.wait(60000));
        const auto outcome = finished.first().at(1).value<JobOutcome>();
        QVERIFY2(outcome.isDone(), qPrintable(outcome.message));
        QCOMPARE(outcome.result.value<ShotDetector::Scores>().values, m_hard.values);
    }

    void jobCancelledMidDecode()
    {
        SegmentationJob job(path("hard.mp4"));
        RecordingContext context(/*cancelAfter=*/20);
        const JobOutcome outcome = job.run(context);
        QVERIFY2(outcome.isCancelled(), qPrintable(outcome.message));
        QVERIFY(!outcome.result.isValid());
        // Decoding stopped soon after the cancel, far from the film's 290 frames.
        QVERIFY2(context.fractions.size() < 100,
                 qPrintable(QString::number(context.fractions.size())));
    }

    void jobCancelledBeforeItStarts()
    {
        SegmentationJob job(path("hard.mp4"));
        RecordingContext context(/*cancelAfter=*/0);
        QVERIFY(job.run(context).isCancelled());
    }

    void jobFailsInWordsOnWhatIsNoFilm()
    {
        const QString text = path("notes.mp4");
        QFile f(text);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("not a film at all");
        f.close();
        QVERIFY(ffmpeg({"-f", "lavfi", "-i", "sine=d=1", path("tone.wav")}));
        for (const QString &file : {text, path("tone.wav")}) {
            SegmentationJob job(file);
            RecordingContext context;
            const JobOutcome outcome = job.run(context);
            QVERIFY(outcome.isFailed());
            QVERIFY2(outcome.message.startsWith(file), qPrintable(outcome.message));
        }
        QVERIFY_THROWS_EXCEPTION(UserError, ShotDetector::score(path("tone.wav")));
    }
};

QTEST_GUILESS_MAIN(TestShotDetector)
#include "tst_shotdetector.moc"
