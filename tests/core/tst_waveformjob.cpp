#include "core/jobs/jobrunner.h"
#include "core/waveformjob.h"

#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

using namespace ms::core;

class TestWaveformJob : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_track;

private Q_SLOTS:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable("ffmpeg").isEmpty())
            QSKIP("the ffmpeg tool is not installed: waveform job test skipped");
        QVERIFY(m_dir.isValid());
        m_track = m_dir.filePath("long.flac");
        QProcess ff;
        ff.start("ffmpeg",
                 {"-loglevel", "error", "-y", "-f", "lavfi", "-i",
                  "sine=frequency=300:sample_rate=48000:duration=600", "-c:a", "flac", m_track});
        QVERIFY(ff.waitForFinished(120000) && ff.exitCode() == 0);
    }

    void partialResultsThenCache()
    {
        JobRunner runner;
        QSignalSpy partial(&runner, &JobRunner::partialResult);
        QSignalSpy finished(&runner, &JobRunner::finished);
        runner.start(
            std::make_unique<WaveformJob>(m_track, "fp-long", 0, 256, m_dir.filePath("cache")),
            QStringLiteral("waveform"));
        QVERIFY(runner.waitForIdle(120000));
        QCOMPARE(finished.size(), 1);
        const auto outcome = finished.first().at(1).value<JobOutcome>();
        QVERIFY2(outcome.isDone(), qPrintable(outcome.message));
        const auto pyramid = outcome.result.value<WaveformJob::Pyramid>();
        QVERIFY(pyramid);
        QCOMPARE(pyramid->sampleCount(), qint64(48000) * 600);
        QVERIFY2(partial.size() >= 1, "partial pyramids while decoding");
        QVERIFY(partial.first().at(1).value<WaveformJob::Pyramid>()->sampleCount() <=
                pyramid->sampleCount());
        // Peaks of ffmpeg's sine source: amplitude 1/8.
        QVERIFY(std::abs(pyramid->maxs(pyramid->levelCount() - 1)[0] - 0.125f) < 0.002f);

        // Second time: straight from the cache.
        WaveformJob again(m_track, "fp-long", 0, 256, m_dir.filePath("cache"));
        const auto cached = JobRunner::runHere(again, {});
        QVERIFY(cached.isDone());
        QVERIFY(again.fromCache());
        QCOMPARE(cached.result.value<WaveformJob::Pyramid>()->sampleCount(),
                 pyramid->sampleCount());

        // No fingerprint: no cache, read every time.
        WaveformJob uncached(m_track, {}, 0, 256, m_dir.filePath("cache"));
        QVERIFY(JobRunner::runHere(uncached, {}).isDone());
        QVERIFY(!uncached.fromCache());
        QCOMPARE(uncached.info().sampleRate, 48000);
    }

    void cancelled()
    {
        JobRunner runner;
        QSignalSpy progressed(&runner, &JobRunner::progressed);
        QSignalSpy finished(&runner, &JobRunner::finished);
        const auto id = runner.start(
            std::make_unique<WaveformJob>(m_track, "fp-other", 0, 128, m_dir.filePath("cache")));
        QVERIFY(progressed.wait(60000)); // decoding has begun
        runner.cancel(id);
        QVERIFY(runner.waitForIdle(5000));
        QCOMPARE(finished.size(), 1);
        QVERIFY(finished.first().at(1).value<JobOutcome>().isCancelled());
        // Nothing half-read is cached.
        WaveformJob again(m_track, "fp-other", 0, 128, m_dir.filePath("cache"));
        CancelToken stop;
        stop.cancel();
        JobRunner::runHere(again, {}, stop);
        QVERIFY(!again.fromCache());
    }

    void failsWithMessage()
    {
        WaveformJob job(m_track, {}, 3);
        const auto outcome = JobRunner::runHere(job, {});
        QVERIFY(outcome.isFailed());
        QVERIFY2(outcome.message.contains("no audio stream 3"), qPrintable(outcome.message));
        QVERIFY(outcome.message.contains("long.flac"));
    }
};

QTEST_GUILESS_MAIN(TestWaveformJob)
#include "tst_waveformjob.moc"
