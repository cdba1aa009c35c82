// The status bar shows what it is told, in the words tst_mainwindow and the
// screenshots expect: counts with the annotator, the device, and long work
// with a Cancel button only while it runs.
#include "models/torchruntime.h"
#include "ui/mainstatusbar.h"

#include <QLabel>
#include <QProgressBar>
#include <QTest>
#include <QToolButton>

using namespace ms;

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

    void taskShowsWhileBusyAndCancels()
    {
        ui::MainStatusBar bar;
        bar.show();
        int cancels = 0;
        QProgressBar *task =
            bar.addTask(QStringLiteral("waveformProgress"), QStringLiteral("waveform %p%"),
                        QStringLiteral("Stop"), [&cancels] { ++cancels; });
        QCOMPARE(bar.findChild<QProgressBar *>(QStringLiteral("waveformProgress")), task);
        QToolButton *cancel = bar.findChild<QToolButton *>();
        QVERIFY(cancel);
        QVERIFY(!task->isVisible());
        QVERIFY(!cancel->isVisible());
        bar.setTaskBusy(task, true);
        QVERIFY(task->isVisible());
        QVERIFY(cancel->isVisible());
        task->setValue(700);
        QTest::mouseClick(cancel, Qt::LeftButton);
        QCOMPARE(cancels, 1);
        // Ended: hidden, the last value kept; busy again: from zero.
        bar.setTaskBusy(task, false);
        QVERIFY(!task->isVisible());
        QVERIFY(!cancel->isVisible());
        QCOMPARE(task->value(), 700);
        bar.setTaskBusy(task, true);
        QCOMPARE(task->value(), 0);
        // Tasks sit left of the counts.
        QTRY_VERIFY(task->x() < bar.findChild<QLabel *>()->x());
    }
};

QTEST_MAIN(TestMainStatusBar)
#include "tst_mainstatusbar.moc"
