#include "core/error.h"
#include "core/jobs/jobrunner.h"
#include "ui/jobstatusview.h"

#include <QLabel>
#include <QProgressBar>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <QToolButton>

using namespace ms;

namespace {

// A job made of a function, so each test states its work in place.
class LambdaJob final : public core::Job
{
public:
    using Fn = std::function<core::JobOutcome(core::JobContext &)>;
    LambdaJob(QString kind, QString title, Fn fn)
        : m_kind(std::move(kind)), m_title(std::move(title)), m_fn(std::move(fn))
    {
    }
    QString kind() const override { return m_kind; }
    QString title() const override { return m_title; }
    core::JobOutcome run(core::JobContext &c) override { return m_fn(c); }

private:
    QString m_kind, m_title;
    Fn m_fn;
};

} // namespace

class TestJobStatusView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void followsAJobAndCancelsIt()
    {
        core::JobRunner runner;
        runner.setThrottleInterval(0);
        ui::JobStatusView view;
        view.setRunner(&runner);
        QVERIFY(view.isHidden()); // idle
        QSignalSpy messages(&view, &ui::JobStatusView::message);

        QSemaphore counted, cancelSeen;
        runner.start(std::make_unique<LambdaJob>(
            QStringLiteral("explanation"), QStringLiteral("Explaining run 7"),
            [&](core::JobContext &c) {
                c.progress(3, 40, QStringLiteral("explained 3/40 clips"));
                counted.release();
                while (!c.isCancelled())
                    QThread::msleep(1);
                cancelSeen.release();
                return core::JobOutcome::cancelled(QStringLiteral("nothing stored"));
            }));
        QCOMPARE(view.jobCount(), 1);
        QVERIFY(!view.isHidden());
        auto *title = view.findChild<QLabel *>(QStringLiteral("title-explanation"));
        QVERIFY(title);
        QCOMPARE(title->text(), QStringLiteral("Explaining run 7"));
        auto *bar = view.findChild<QProgressBar *>(QStringLiteral("progress-explanation"));
        QVERIFY(bar);
        QCOMPARE(bar->maximum(), 0); // busy before the first report
        counted.acquire();
        QTRY_COMPARE(bar->maximum(), 40);
        QCOMPARE(bar->value(), 3);
        QCOMPARE(bar->format(), QStringLiteral("%v/%m"));

        auto *cancel = view.findChild<QToolButton *>(QStringLiteral("cancel-explanation"));
        QVERIFY(cancel);
        QTest::mouseClick(cancel, Qt::LeftButton);
        QVERIFY(cancelSeen.tryAcquire(1, 10000)); // the job saw its token
        QVERIFY(runner.waitForIdle(10000));
        QCOMPARE(view.jobCount(), 0);
        QVERIFY(!view.findChild<QToolButton *>(QStringLiteral("cancel-explanation")));
        QCOMPARE(messages.size(), 1);
        QCOMPARE(messages.first().first().toString(),
                 QStringLiteral("Explaining run 7 cancelled: nothing stored"));
    }

    void fractionBusyAndDone()
    {
        core::JobRunner runner;
        runner.setThrottleInterval(0);
        ui::JobStatusView view;
        view.setMessageTimeout(0);
        view.setRunner(&runner);
        QSignalSpy messages(&view, &ui::JobStatusView::message);
        QSemaphore step, next;
        runner.start(std::make_unique<LambdaJob>(QStringLiteral("waveform"),
                                                 QStringLiteral("Waveform of a.mkv"),
                                                 [&](core::JobContext &c) {
                                                     c.progress(-1.0);
                                                     step.release();
                                                     next.acquire();
                                                     c.progress(0.25);
                                                     step.release();
                                                     next.acquire();
                                                     return core::JobOutcome::done({});
                                                 }));
        auto *bar = view.findChild<QProgressBar *>(QStringLiteral("progress-waveform"));
        QVERIFY(bar);
        step.acquire();
        QTest::qWait(20);
        QCOMPARE(bar->maximum(), 0);
        next.release();
        step.acquire();
        QTRY_COMPARE(bar->value(), 250);
        QCOMPARE(bar->maximum(), 1000);
        next.release();
        QVERIFY(runner.waitForIdle(10000));
        QCOMPARE(view.jobCount(), 0);
        QVERIFY(messages.isEmpty()); // done is not news for the status bar
        QTRY_VERIFY(view.isHidden());
    }

    // The superseded job of a slot never finishes for the view: it goes
    // when the new one starts.
    void supersededJobLeaves()
    {
        core::JobRunner runner;
        ui::JobStatusView view;
        view.setRunner(&runner);
        QSemaphore release;
        auto blocking = [&](core::JobContext &) {
            release.acquire();
            return core::JobOutcome::done({});
        };
        runner.start(std::make_unique<LambdaJob>(QStringLiteral("waveform"),
                                                 QStringLiteral("Waveform of a.mkv"), blocking),
                     QStringLiteral("waveform"));
        runner.start(std::make_unique<LambdaJob>(QStringLiteral("waveform"),
                                                 QStringLiteral("Waveform of b.mkv"), blocking),
                     QStringLiteral("waveform"));
        QCOMPARE(view.jobCount(), 1);
        QCOMPARE(view.findChild<QLabel *>(QStringLiteral("title-waveform"))->text(),
                 QStringLiteral("Waveform of b.mkv"));
        release.release(2);
        QVERIFY(runner.waitForIdle(10000));
        QCOMPARE(view.jobCount(), 0);
    }

    void failureMessageAndJobsAlreadyRunning()
    {
        core::JobRunner runner;
        QSemaphore release;
        runner.start(
            std::make_unique<LambdaJob>(QStringLiteral("training"), QStringLiteral("Training V"),
                                        [&](core::JobContext &) -> core::JobOutcome {
                                            release.acquire();
                                            throw core::UserError(QStringLiteral("no CUDA device"));
                                        }));
        ui::JobStatusView view; // follows a runner that is busy already
        view.setRunner(&runner);
        QSignalSpy messages(&view, &ui::JobStatusView::message);
        QCOMPARE(view.jobCount(), 1);
        QVERIFY(view.findChild<QToolButton *>(QStringLiteral("cancel-training")));
        release.release();
        QVERIFY(runner.waitForIdle(10000));
        QCOMPARE(view.jobCount(), 0);
        QCOMPARE(messages.size(), 1);
        QCOMPARE(messages.first().first().toString(),
                 QStringLiteral("Training V failed: no CUDA device"));
        auto *shown = view.findChild<QLabel *>(QStringLiteral("jobMessage"));
        QVERIFY(shown && !shown->isHidden());
    }
};

QTEST_MAIN(TestJobStatusView)
#include "tst_jobstatusview.moc"
