// The status bar shows what it is told, in the words tst_mainwindow and the
// screenshots expect: counts with the annotator, the device, and the jobs
// of a runner with Cancel only while they run.
#include "core/jobs/jobrunner.h"
#include "models/torchruntime.h"
#include "ui/jobstatusview.h"
#include "ui/mainstatusbar.h"

#include <QLabel>
#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <QToolButton>

using namespace ms;

namespace {

// Runs until cancelled.
class UntilCancelled final : public core::Job
{
public:
    QString kind() const override { return QStringLiteral("test"); }
    QString title() const override { return QStringLiteral("Waiting"); }
    core::JobOutcome run(core::JobContext &context) override
    {
        while (!context.isCancelled())
            QThread::msleep(5);
        return core::JobOutcome::cancelled(QStringLiteral("nothing kept"));
    }
};

} // namespace

class TestMainStatusBar : public QObject
{
    Q_OBJECT

private slots:
    void counts_data()
    {
        QTest::addColumn<bool>("open");
        QTest::addColumn<int>("clips");
        QTest::addColumn<int>("annotated");
        QTest::addColumn<int>("shown");
        QTest::addColumn<QString>("annotator");
        QTest::addColumn<QString>("text");
        QTest::newRow("no project") << false << 0 << 0 << 0 << "alice"
                                    << "annotator: alice";
        QTest::newRow("no name") << false << 0 << 0 << 0 << ""
                                 << "annotator not set";
        QTest::newRow("all shown") << true << 5 << 3 << 5 << "alice"
                                   << "5 clips \u00b7 3 annotated \u00b7 annotator: alice";
        QTest::newRow("filtered")
            << true << 1914 << 1200 << 160 << ""
            << "1,914 clips \u00b7 1,200 annotated \u00b7 160 shown \u00b7 annotator not set";
    }
    void counts()
    {
        QFETCH(bool, open);
        QFETCH(int, clips);
        QFETCH(int, annotated);
        QFETCH(int, shown);
        QFETCH(QString, annotator);
        QFETCH(QString, text);
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        ui::MainStatusBar bar;
        std::optional<ui::MainStatusBar::Counts> counts;
        if (open)
            counts = ui::MainStatusBar::Counts{clips, annotated, shown};
        bar.showCounts(counts, annotator);
        QCOMPARE(bar.countsText(), text);
        // The window test reads the counts as the status bar's first label.
        QCOMPARE(bar.findChild<QLabel *>()->text(), text);
    }

    void device()
    {
        ui::MainStatusBar bar;
        models::TorchRuntime cpu;
        cpu.device = QStringLiteral("cpu");
        cpu.threads = 8;
        bar.showRuntime(cpu);
        QCOMPARE(bar.deviceText(), QStringLiteral("Device: CPU, 8 threads"));
        auto *label = bar.findChild<QLabel *>(QStringLiteral("deviceStatus"));
        QVERIFY(label);
        QVERIFY(label->toolTip().startsWith(QStringLiteral("Training runs on: ")));
        models::TorchRuntime cuda = cpu;
        cuda.device = QStringLiteral("cuda:0 (H100)");
        bar.showRuntime(cuda);
        QCOMPARE(bar.deviceText(), QStringLiteral("Device: CUDA"));
        bar.showDevice(QStringLiteral("CPU"));
        QCOMPARE(label->text(), QStringLiteral("Device: CPU"));
    }

    void followsJobsWithCancel()
    {
        ui::MainStatusBar bar;
        bar.show();
        core::JobRunner runner;
        bar.followJobs(&runner);
        QVERIFY(!bar.jobView()->isVisible()); // nothing runs
        QTest::qWait(50);
        const int height = bar.sizeHint().height();
        QSignalSpy finished(&runner, &core::JobRunner::finished);
        runner.start(std::make_unique<UntilCancelled>());
        QTRY_VERIFY(bar.jobView()->isVisible());
        // Left of the counts.
        QTRY_VERIFY(bar.jobView()->x() < bar.findChild<QLabel *>()->x());
        // The window does not shift when a job starts.
        QCOMPARE(bar.sizeHint().height(), height);
        auto *cancel = bar.findChild<QToolButton *>(QStringLiteral("cancel-test"));
        QVERIFY(cancel);
        QTest::mouseClick(cancel, Qt::LeftButton);
        QVERIFY(finished.wait(10000));
        QVERIFY(finished.first().at(1).value<core::JobOutcome>().isCancelled());
        // Why it ended is said in the status bar.
        QVERIFY2(bar.currentMessage().contains(QStringLiteral("Waiting cancelled: nothing kept")),
                 qPrintable(bar.currentMessage()));
        QVERIFY(!bar.findChild<QToolButton *>(QStringLiteral("cancel-test")));
    }

    // A film switched away from supersedes its waveform in the "waveform"
    // slot; the runner never reports that job's end, and its row goes.
    void supersededJobLeavesTheView()
    {
        ui::MainStatusBar bar;
        core::JobRunner runner;
        bar.followJobs(&runner);
        runner.start(std::make_unique<UntilCancelled>(), QStringLiteral("waveform"));
        QCOMPARE(bar.jobView()->jobCount(), 1);
        runner.start(std::make_unique<UntilCancelled>(), QStringLiteral("waveform"));
        QCOMPARE(bar.jobView()->jobCount(), 1);
        runner.cancelAll();
        QVERIFY(runner.waitForIdle(10000));
        QCOMPARE(bar.jobView()->jobCount(), 0);
    }
};

QTEST_MAIN(TestMainStatusBar)
#include "tst_mainstatusbar.moc"
