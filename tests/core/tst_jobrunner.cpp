#include "core/error.h"
#include "core/jobs/jobrunner.h"

#include <QElapsedTimer>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

using namespace ms::core;

namespace {

// A job made of a function, so each test states its work in place.
class LambdaJob final : public Job
{
public:
    using Fn = std::function<JobOutcome(JobContext &)>;
    LambdaJob(QString title, Fn fn) : m_title(std::move(title)), m_fn(std::move(fn)) {}
    QString kind() const override { return QStringLiteral("test"); }
    QString title() const override { return m_title; }
    JobOutcome run(JobContext &c) override { return m_fn(c); }

private:
    QString m_title;
    Fn m_fn;
};

std::unique_ptr<Job> job(LambdaJob::Fn fn, QString title = QStringLiteral("test job"))
{
    return std::make_unique<LambdaJob>(std::move(title), std::move(fn));
}

// Says it runs, then works until its token is cancelled.
void untilCancelled(JobContext &c, QSemaphore &running)
{
    running.release();
    while (!c.isCancelled())
        QThread::msleep(1);
}

JobOutcome outcomeOf(const QSignalSpy &spy, int i = 0)
{
    return spy.at(i).at(1).value<JobOutcome>();
}

} // namespace

class TestJobRunner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void doneWithResult()
    {
        JobRunner runner;
        QSignalSpy started(&runner, &JobRunner::started);
        QSignalSpy finished(&runner, &JobRunner::finished);
        QSignalSpy logs(&runner, &JobRunner::logLine);
        const auto id = runner.start(job(
            [](JobContext &c) {
                c.log(QStringLiteral("working"));
                return JobOutcome::done(42, QStringLiteral("the answer"));
            },
            QStringLiteral("Answer")));
        QCOMPARE(started.size(), 1);
        QCOMPARE(started.at(0).at(2).toString(), QStringLiteral("Answer"));
        QVERIFY(runner.waitForIdle(10000));
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.at(0).at(0).value<JobRunner::JobId>(), id);
        const auto o = outcomeOf(finished);
        QVERIFY(o.isDone());
        QCOMPARE(o.result.toInt(), 42);
        QCOMPARE(o.message, QStringLiteral("the answer"));
        QCOMPARE(logs.size(), 1);
        QCOMPARE(logs.at(0).at(1).toString(), QStringLiteral("working"));
        QVERIFY(!runner.isRunning(id));
        QVERIFY(runner.running().isEmpty());
    }

    void failedWithMessage_data()
    {
        QTest::addColumn<bool>("throws");
        QTest::newRow("returns failed") << false;
        QTest::newRow("throws UserError") << true;
    }
    void failedWithMessage()
    {
        QFETCH(bool, throws);
        JobRunner runner;
        QSignalSpy finished(&runner, &JobRunner::finished);
        runner.start(job([throws](JobContext &) -> JobOutcome {
            const QString message = QStringLiteral("film.mkv: no audio stream 3");
            if (throws)
                throw UserError(message);
            return JobOutcome::failed(message);
        }));
        QVERIFY(runner.waitForIdle(10000));
        QCOMPARE(finished.size(), 1);
        QVERIFY(outcomeOf(finished).isFailed());
        QCOMPARE(outcomeOf(finished).message, QStringLiteral("film.mkv: no audio stream 3"));
    }

    void cancelled()
    {
        JobRunner runner;
        QSignalSpy finished(&runner, &JobRunner::finished);
        QSemaphore running;
        const auto id = runner.start(job([&](JobContext &c) {
            untilCancelled(c, running);
            return JobOutcome::cancelled(QStringLiteral("kept 3 films"), 3);
        }));
        running.acquire();
        QVERIFY(runner.isRunning(id));
        QCOMPARE(runner.running().size(), 1);
        runner.cancel(id);
        QVERIFY(runner.waitForIdle(10000));
        QCOMPARE(finished.size(), 1);
        QVERIFY(outcomeOf(finished).isCancelled());
        QCOMPARE(outcomeOf(finished).result.toInt(), 3);
    }

    // A job that stops early on the token but says "done" was cancelled.
    void doneAfterCancelBecomesCancelled()
    {
        JobRunner runner;
        QSignalSpy finished(&runner, &JobRunner::finished);
        QSemaphore running;
        const auto id = runner.start(job([&](JobContext &c) {
            untilCancelled(c, running);
            return JobOutcome::done(QStringLiteral("half"));
        }));
        running.acquire();
        runner.cancel(id);
        QVERIFY(runner.waitForIdle(10000));
        QVERIFY(outcomeOf(finished).isCancelled());
    }

    void staleResultDropped()
    {
        JobRunner runner;
        runner.setThrottleInterval(0);
        QSignalSpy finished(&runner, &JobRunner::finished);
        QSignalSpy progressed(&runner, &JobRunner::progressed);
        QSignalSpy partials(&runner, &JobRunner::partialResult);
        QSemaphore aRunning, aRelease;
        // A ignores its token on purpose: whatever it says after B started
        // must be dropped by the runner, not by the job's good manners.
        const auto a = runner.start(job([&](JobContext &c) {
                                        aRunning.release();
                                        aRelease.acquire();
                                        c.progress(0.5, QStringLiteral("A"));
                                        c.partial(QStringLiteral("A"));
                                        return JobOutcome::done(QStringLiteral("A"));
                                    }),
                                    QStringLiteral("film"));
        aRunning.acquire();
        QVERIFY(runner.isSlotBusy(QStringLiteral("film")));
        const auto b = runner.start(job([](JobContext &c) {
                                        c.progress(0.5, QStringLiteral("B"));
                                        c.partial(QStringLiteral("B"));
                                        return JobOutcome::done(QStringLiteral("B"));
                                    }),
                                    QStringLiteral("film"));
        QVERIFY(!runner.isRunning(a));
        aRelease.release();
        QVERIFY(runner.waitForIdle(10000));
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.at(0).at(0).value<JobRunner::JobId>(), b);
        QCOMPARE(outcomeOf(finished).result.toString(), QStringLiteral("B"));
        for (const auto &args : progressed)
            QCOMPARE(args.at(0).value<JobRunner::JobId>(), b);
        for (const auto &args : partials)
            QCOMPARE(args.at(1).toString(), QStringLiteral("B"));
        QCOMPARE(partials.size(), 1);
    }

    void otherSlotsRunSideBySide()
    {
        JobRunner runner;
        QSignalSpy finished(&runner, &JobRunner::finished);
        QSemaphore bothRunning, release;
        auto blocking = [&](JobContext &) {
            bothRunning.release();
            release.acquire();
            return JobOutcome::done({});
        };
        runner.start(job(blocking), QStringLiteral("x"));
        runner.start(job(blocking), QStringLiteral("y"));
        bothRunning.acquire(2); // would hang if one waited for the other
        QCOMPARE(runner.running().size(), 2);
        release.release(2);
        QVERIFY(runner.waitForIdle(10000));
        QCOMPARE(finished.size(), 2);
    }

    void progressThrottled()
    {
        JobRunner runner;
        QSignalSpy progressed(&runner, &JobRunner::progressed);
        std::atomic<qint64> tookMs{0};
        runner.start(job([&](JobContext &c) {
            QElapsedTimer clock;
            clock.start();
            const int n = 10000;
            for (int i = 1; i <= n; ++i) {
                c.progress(i, n, QStringLiteral("step %1").arg(i));
                // Spread over about a second.
                while (clock.nsecsElapsed() < qint64(i) * 100000)
                    ;
            }
            tookMs = clock.elapsed();
            return JobOutcome::done({});
        }));
        QVERIFY(runner.waitForIdle(20000));
        // The first, one per 250 ms (a busy machine may stretch the second),
        // and the last: a handful, not 10,000.
        const qint64 allowed = 2 + tookMs.load() / 250;
        QVERIFY2(
            progressed.size() >= 3 && progressed.size() <= allowed,
            qPrintable(
                QStringLiteral("%1 reports in %2 ms").arg(progressed.size()).arg(tookMs.load())));
        const auto first = progressed.first().at(1).value<JobProgress>();
        const auto last = progressed.last().at(1).value<JobProgress>();
        QCOMPARE(first.done, qint64(1));
        QCOMPARE(last.done, qint64(10000));
        QCOMPARE(last.total, qint64(10000));
        QCOMPARE(last.fraction, 1.0);
    }

    void lastHeldBackReportArrivesBeforeFinished()
    {
        JobRunner runner;
        runner.setThrottleInterval(60000);
        QList<QString> order;
        connect(&runner, &JobRunner::progressed, this,
                [&](JobRunner::JobId, const JobProgress &p) { order.append(p.text); });
        connect(&runner, &JobRunner::partialResult, this,
                [&](JobRunner::JobId, const QVariant &v) { order.append(v.toString()); });
        connect(&runner, &JobRunner::finished, this,
                [&](JobRunner::JobId, const JobOutcome &) { order.append(QStringLiteral("end")); });
        runner.start(job([](JobContext &c) {
            c.progress(0.1, QStringLiteral("p1"));
            c.progress(0.2, QStringLiteral("p2"));
            c.progress(0.3, QStringLiteral("p3"));
            c.partial(QStringLiteral("v1"));
            c.partial(QStringLiteral("v2"));
            c.partial(QStringLiteral("epoch"), true);
            c.partial(QStringLiteral("v3"));
            return JobOutcome::done({});
        }));
        QVERIFY(runner.waitForIdle(10000));
        QCOMPARE(order, (QList<QString>{QStringLiteral("p1"), QStringLiteral("v1"),
                                        QStringLiteral("epoch"), QStringLiteral("v3"),
                                        QStringLiteral("p3"), QStringLiteral("end")}));
    }

    void runHereDeliversTheSame()
    {
        QList<JobProgress> progress;
        QList<QVariant> partials;
        QStringList logs;
        JobRunner::Sinks sinks;
        sinks.progress = [&](const JobProgress &p) { progress.append(p); };
        sinks.partial = [&](const QVariant &v) { partials.append(v); };
        sinks.log = [&](const QString &l) { logs.append(l); };
        LambdaJob j(QStringLiteral("here"), [](JobContext &c) {
            c.log(QStringLiteral("line"));
            for (int i = 1; i <= 1000; ++i)
                c.progress(i, 1000, {});
            c.partial(1, true);
            c.partial(2, true);
            return JobOutcome::done(QStringLiteral("ok"));
        });
        const auto o = JobRunner::runHere(j, sinks, {}, 60000);
        QVERIFY(o.isDone());
        QCOMPARE(o.result.toString(), QStringLiteral("ok"));
        QCOMPARE(logs, QStringList{QStringLiteral("line")});
        QCOMPARE(progress.size(), 2); // the first and the last
        QCOMPARE(progress.last().done, qint64(1000));
        QCOMPARE(partials.size(), 2);

        LambdaJob thrower(QStringLiteral("thrower"), [](JobContext &) -> JobOutcome {
            throw UserError(QStringLiteral("bad file"));
        });
        const auto f = JobRunner::runHere(thrower, {});
        QVERIFY(f.isFailed());
        QCOMPARE(f.message, QStringLiteral("bad file"));

        CancelToken token;
        token.cancel();
        LambdaJob obeys(QStringLiteral("obeys"), [](JobContext &c) {
            return c.isCancelled() ? JobOutcome::cancelled() : JobOutcome::done({});
        });
        QVERIFY(JobRunner::runHere(obeys, {}, token).isCancelled());
    }

    void destructorCancelsAndWaits()
    {
        std::atomic<bool> sawCancel{false};
        QSemaphore running;
        {
            JobRunner runner;
            runner.start(job([&](JobContext &c) {
                untilCancelled(c, running);
                sawCancel = true;
                return JobOutcome::cancelled();
            }));
            running.acquire();
        }
        QVERIFY(sawCancel.load());
    }
};

QTEST_GUILESS_MAIN(TestJobRunner)
#include "tst_jobrunner.moc"
