#include "core/jobs/jobrunner.h"
#include "models/openmppolicy.h"
#include "models/torchruntime.h"
#include "database/runrepository.h"
#include "tests/models/modelfixtures.h"
#include "ui/mainwindow.h"
#include "ui/jobstatusview.h"
#include "ui/projectdocument.h"
#include "ui/runsview.h"
#include "ui/trainingcurvechart.h"
#include "ui/trainingpanel.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>

using namespace ms;

class TestTrainingPanel : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_project;

    template<typename T>
    static T *child(QWidget &w, const char *name)
    {
        auto *c = w.findChild<T *>(QLatin1String(name));
        if (!c)
            qFatal("no child %s", name);
        return c;
    }

    // The text of the runs list's cell.
    static QString runsCell(QWidget &panel, int row, int column)
    {
        return child<QTableView>(panel, "runs")->model()->index(row, column).data().toString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_project = m_dir.filePath(QStringLiteral("p.msproj"));
        test::makeProject(m_project);
    }

    void withoutProjectNothingStarts()
    {
        ui::TrainingPanel panel;
        QVERIFY(!child<QPushButton>(panel, "start")->isEnabled());
        QVERIFY(!child<QPushButton>(panel, "cancel")->isEnabled());
        // Fusion is only a choice with several modalities.
        QVERIFY(!child<QComboBox>(panel, "fusion")->isEnabled());
        child<QCheckBox>(panel, "modalityA")->setChecked(true);
        QVERIFY(child<QComboBox>(panel, "fusion")->isEnabled());
    }

    void trainsWithProgressAndStaysResponsive()
    {
        ui::ProjectDocument doc(m_project, ui::ProjectDocument::OpenMode::OpenExisting);
        ui::TrainingPanel panel(&doc);
        QCOMPARE(panel.projectPath(), doc.path());
        panel.show();
        child<QCheckBox>(panel, "quick")->setChecked(true);
        child<QSpinBox>(panel, "folds")->setValue(3);
        child<QSpinBox>(panel, "epochs")->setValue(4);
        child<QComboBox>(panel, "device")->setCurrentIndex(1); // CPU
        QSignalSpy progressed(&panel, &ui::TrainingPanel::progressed);
        QSignalSpy finished(&panel, &ui::TrainingPanel::trainingFinished);
        QSignalSpy device(&panel, &ui::TrainingPanel::deviceChanged);

        // Event-loop latency while the worker trains: the longest gap
        // between ticks of a 5 ms timer.
        QElapsedTimer clock;
        qint64 last = 0, worst = 0;
        QTimer tick;
        tick.setInterval(5);
        connect(&tick, &QTimer::timeout, this, [&] {
            const qint64 now = clock.elapsed();
            worst = std::max(worst, now - last);
            last = now;
        });
        QTest::mouseClick(child<QPushButton>(panel, "start"), Qt::LeftButton);
        QVERIFY(panel.isTraining());
        QVERIFY(child<QPushButton>(panel, "cancel")->isEnabled());
        clock.start();
        tick.start();
        QVERIFY(finished.wait(120000));
        tick.stop();
        qInfo("worst event-loop gap while training: %lld ms", worst);
        QVERIFY2(worst < 50, qPrintable(QStringLiteral("the GUI stalled for %1 ms").arg(worst)));
        QVERIFY(progressed.size() >= 3);
        QCOMPARE(child<QProgressBar>(panel, "progress")->value(), 100);
        QVERIFY(child<QLabel>(panel, "deviceInUse")->text().contains(QStringLiteral("CPU")));
        QCOMPARE(device.size(), 1);
        QVERIFY(device.first().first().toString().startsWith(QStringLiteral("CPU")));
        QVERIFY(child<ui::TrainingCurveChart>(panel, "curves")->points() >= 1);
        auto *runs = child<QTableView>(panel, "runs");
        QVERIFY(runs->model()->rowCount() >= 1);
        QCOMPARE(runsCell(panel, 0, 0), QString::number(finished.first().first().toLongLong()));
        QCOMPARE(runsCell(panel, 0, 2), QStringLiteral("finished"));
        QVERIFY(runsCell(panel, 0, 3).contains(QStringLiteral("SYNTHETIC")));
        QVERIFY(!panel.isTraining());
    }

    // The device list is LibTorch's: auto, cpu and each CUDA device it sees.
    // On a machine without one only auto and cpu are offered; a cuda:N
    // choice is passed on to the run as it is (and refused there in words
    // when the device is not there).
    void deviceChoicesComeFromLibTorch()
    {
        ui::ProjectDocument doc(m_project, ui::ProjectDocument::OpenMode::OpenExisting);
        ui::TrainingPanel panel(&doc);
        const QStringList seen = models::TorchRuntime::deviceChoices();
        QCOMPARE(panel.deviceChoices(), seen);
        QCOMPARE(seen.mid(0, 2), (QStringList{QStringLiteral("auto"), QStringLiteral("cpu")}));
        for (const QString &d : seen.mid(2))
            QVERIFY2(d.startsWith(QStringLiteral("cuda:")), qPrintable(d));
        auto *box = child<QComboBox>(panel, "device");
        QCOMPARE(box->count(), seen.size());
        QCOMPARE(box->currentData().toString(), QStringLiteral("auto"));
        if (seen.size() == 2)
            qInfo("no CUDA device here: the list is auto and CPU");

        panel.setDeviceChoices({QStringLiteral("auto"), QStringLiteral("cpu"),
                                QStringLiteral("cuda:0"), QStringLiteral("cuda:7")});
        QCOMPARE(box->count(), 4);
        QVERIFY(box->itemText(3).startsWith(QStringLiteral("cuda:7")));
        box->setCurrentIndex(3);
        QCOMPARE(panel.deviceChoice(), QStringLiteral("cuda:7"));
        // The choice stays when the list is offered again with it.
        panel.setDeviceChoices({QStringLiteral("auto"), QStringLiteral("cpu"),
                                QStringLiteral("cuda:7")});
        QCOMPARE(panel.deviceChoice(), QStringLiteral("cuda:7"));

        child<QCheckBox>(panel, "quick")->setChecked(true);
        child<QSpinBox>(panel, "folds")->setValue(3);
        child<QSpinBox>(panel, "epochs")->setValue(1);
        QSignalSpy failed(&panel, &ui::TrainingPanel::trainingFailed);
        QSignalSpy finished(&panel, &ui::TrainingPanel::trainingFinished);
        panel.startTraining();
        QVERIFY(failed.wait(60000) || !finished.isEmpty());
        if (seen.contains(QStringLiteral("cuda:7"))) {
            QCOMPARE(finished.size(), 1); // a machine with eight GPUs
        } else {
            QCOMPARE(failed.size(), 1);
            const QString message = failed.first().first().toString();
            QVERIFY2(message.contains(QStringLiteral("cuda:7")), qPrintable(message));
        }
        QVERIFY(!panel.isTraining());
    }

    // Docked in the main window: a run trained there shows its device in
    // the status bar and lands in the runs view.
    void dockedRunReachesStatusBarAndRunsView()
    {
        QTemporaryDir scratch;
        ui::MainWindow window(ui::Settings(scratch.filePath(QStringLiteral("s.ini"))));
        window.show();
        QVERIFY2(window.openProject(m_project), qPrintable(window.lastError()));
        window.showRuns();
        const int before = int(window.runsView()->runs().size());
        ui::TrainingPanel *panel = window.trainingPanel();
        QCOMPARE(panel->projectPath(), m_project);
        child<QCheckBox>(*panel, "quick")->setChecked(true);
        child<QSpinBox>(*panel, "folds")->setValue(3);
        child<QSpinBox>(*panel, "epochs")->setValue(2);
        child<QComboBox>(*panel, "device")->setCurrentIndex(1); // CPU
        QSignalSpy finished(panel, &ui::TrainingPanel::trainingFinished);
        panel->startTraining();
        QVERIFY(finished.wait(120000));
        auto *status = window.statusBar()->findChild<QLabel *>(QStringLiteral("deviceStatus"));
        QVERIFY(status);
        QVERIFY2(status->text().startsWith(QStringLiteral("Device: CPU")), qPrintable(status->text()));
        QCOMPARE(window.runsView()->runs().size(), before + 1);
        QCOMPARE(window.runsView()->runs().first().id, finished.first().first().toLongLong());
        // The run records the device chosen and the one it ran on.
        db::RunRecord run;
        for (const db::RunRecord &r : window.document()->runs())
            if (r.id == finished.first().first().toLongLong())
                run = r;
        QVERIFY(run.id > 0);
        QCOMPARE(run.config.training.value(QStringLiteral("device")).toString(),
                 QStringLiteral("cpu"));
        QVERIFY2(run.device.startsWith(QStringLiteral("cpu")), qPrintable(run.device));

        // The run explained from the window, in the background: progress and
        // Cancel in the status bar, one at a time, the set stored and shown.
        const qint64 runId = finished.first().first().toLongLong();
        QSignalSpy explained(&window, &ui::MainWindow::explanationDone);
        QSignalSpy progress(window.jobRunner(), &core::JobRunner::progressed);
        QSignalSpy started(window.jobRunner(), &core::JobRunner::started);
        QVERIFY2(window.explainRun(runId), qPrintable(window.lastError()));
        QPointer<QProgressBar> bar =
            window.statusBar()->findChild<QProgressBar *>(QStringLiteral("progress-explanation"));
        QVERIFY(bar && bar->isVisible());
        QVERIFY(!window.explainRun(runId));
        QVERIFY(window.lastError().contains(QStringLiteral("already")));
        QVERIFY(explained.wait(120000));
        const qint64 setId = explained.first().first().toLongLong();
        QVERIFY2(setId > 0, qPrintable(window.lastError()));
        QVERIFY(!bar); // the row left with the job
        // The status bar heard of every clip: the job's last progress is (total, total).
        QCOMPARE(started.size(), 1);
        const auto job = started.first().first().value<core::JobRunner::JobId>();
        core::JobProgress last;
        for (const QList<QVariant> &p : std::as_const(progress))
            if (p.first().value<core::JobRunner::JobId>() == job)
                last = p.at(1).value<core::JobProgress>();
        QVERIFY2(last.total > 1, qPrintable(QString::number(last.total)));
        QCOMPARE(last.done, last.total);
        QCOMPARE(window.currentExplanationSet(), setId);
        QVERIFY(window.runChooser()->findData(setId) > 0);
        // An unknown run fails in words, and the shown set stays.
        QVERIFY(window.explainRun(999999));
        QVERIFY(explained.wait(60000));
        QCOMPARE(explained.last().first().toLongLong(), qint64(0));
        QVERIFY2(window.lastError().contains(QStringLiteral("999999")), qPrintable(window.lastError()));
        QCOMPARE(window.currentExplanationSet(), setId);
    }

    void cancelIsHonouredWithinASecond()
    {
        ui::ProjectDocument doc(m_project, ui::ProjectDocument::OpenMode::OpenExisting);
        ui::TrainingPanel panel(&doc);
        child<QCheckBox>(panel, "quick")->setChecked(true);
        child<QSpinBox>(panel, "folds")->setValue(3);
        child<QSpinBox>(panel, "epochs")->setValue(1000);
        child<QComboBox>(panel, "trainSet")->setCurrentIndex(2); // both: many models
        QSignalSpy progressed(&panel, &ui::TrainingPanel::progressed);
        QSignalSpy cancelled(&panel, &ui::TrainingPanel::trainingCancelled);
        panel.startTraining();
        QVERIFY(progressed.wait(60000));
        QElapsedTimer t;
        t.start();
        QTest::mouseClick(child<QPushButton>(panel, "cancel"), Qt::LeftButton);
        QVERIFY(cancelled.wait(5000));
        QVERIFY2(t.elapsed() < 1000, qPrintable(QStringLiteral("cancel took %1 ms").arg(t.elapsed())));
        QVERIFY(!panel.isTraining());
        QVERIFY(child<QPushButton>(panel, "start")->isEnabled());
        QCOMPARE(runsCell(panel, 0, 2), QStringLiteral("cancelled"));
    }

    // Given the window's runner, training is one of its jobs: the status
    // bar's view shows it and its Cancel stops the panel's run.
    void runsOnAGivenRunner()
    {
        core::JobRunner runner;
        ui::JobStatusView view;
        view.setRunner(&runner);
        ui::ProjectDocument doc(m_project, ui::ProjectDocument::OpenMode::OpenExisting);
        ui::TrainingPanel panel(&doc);
        panel.setJobRunner(&runner);
        QCOMPARE(panel.jobRunner(), &runner);
        child<QCheckBox>(panel, "quick")->setChecked(true);
        child<QSpinBox>(panel, "folds")->setValue(3);
        child<QSpinBox>(panel, "epochs")->setValue(100);
        child<QComboBox>(panel, "device")->setCurrentIndex(1); // CPU
        QSignalSpy progressed(&panel, &ui::TrainingPanel::progressed);
        QSignalSpy cancelled(&panel, &ui::TrainingPanel::trainingCancelled);
        QTest::mouseClick(child<QPushButton>(panel, "start"), Qt::LeftButton);
        QCOMPARE(runner.running().size(), 1);
        QCOMPARE(runner.running().first().kind, QStringLiteral("training"));
        QVERIFY(progressed.wait(30000));
        QTest::mouseClick(child<QToolButton>(view, "cancel-training"), Qt::LeftButton);
        QVERIFY(cancelled.wait(5000));
        QVERIFY(!panel.isTraining());
        QCOMPARE(view.jobCount(), 0);
    }
};

int main(int argc, char **argv)
{
    ms::models::ensurePassiveOpenMp(argv); // see models/openmppolicy.h
    QApplication app(argc, argv);
    TestTrainingPanel t;
    return QTest::qExec(&t, argc, argv);
}
#include "tst_trainingpanel.moc"
