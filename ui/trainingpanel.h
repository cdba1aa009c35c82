#pragma once

#include "core/jobs/jobrunner.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QStringList>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableView;
class QPlainTextEdit;

namespace ms::ui {

class LabelRuleCombo;
class ProjectDocument;
class RunsTableModel;
class TrainingCurveChart;

// The training panel: choose modalities, fusion, training set, folds and
// device; start and cancel; a progress bar with the ETA, live loss and
// validation AUC-PR curves, the device in use, and the project's runs with
// their metrics. Training runs as a models::TrainingJob on a core::JobRunner
// (the window's, so the status bar shows it with Cancel, or the panel's own
// when none is given), with its own database connection; the panel only
// reads the runs registry (through the document, a RunsTableModel) and
// receives progress by queued signals, so the GUI stays responsive.
// Self-contained: dock it anywhere.
class TrainingPanel : public QWidget
{
    Q_OBJECT
public:
    // `document` (may be nullptr) is not owned; when it is destroyed the
    // panel has no project until setDocument().
    explicit TrainingPanel(ProjectDocument *document = nullptr, QWidget *parent = nullptr);
    ~TrainingPanel() override;

    // Another project (nullptr: none): refreshes the runs; refused (false)
    // while training.
    bool setDocument(ProjectDocument *document);
    ProjectDocument *document() const { return m_document; }
    // The document's project file; empty without one.
    QString projectPath() const;
    RunsTableModel *runsModel() const { return m_runsModel; }
    bool isTraining() const { return m_training; }
    // Runs training on `runner` from now on (the window's, so its job view
    // follows it); ignored while training. Null: the panel's own runner.
    void setJobRunner(core::JobRunner *runner);
    core::JobRunner *jobRunner() const { return m_jobs; }
    // The devices offered: "auto", "cpu" and "cuda:N" for each CUDA device
    // LibTorch sees (models::TorchRuntime::deviceChoices(), asked once at
    // construction); the choice is kept when it is still offered.
    void setDeviceChoices(const QStringList &devices);
    QStringList deviceChoices() const;
    QString deviceChoice() const; // "auto", "cpu" or "cuda:N"

public Q_SLOTS:
    void startTraining();
    void cancelTraining();
    void refreshRuns();

Q_SIGNALS:
    void trainingStarted();
    // The device the run trains on, as the worker resolved it.
    void deviceChanged(const QString &device);
    void progressed(int percent);
    void trainingFinished(qint64 runId);
    void trainingCancelled(qint64 runId);
    void trainingFailed(const QString &message);
    // A run double-clicked in the list (for explanations, reopening).
    void runActivated(qint64 runId);

private:
    void onEpoch(int model, int models, const QString &name, int epoch, int maxEpochs,
                 double loss, double validationAucPr, double etaSeconds);
    void setTraining(bool on);
    // The label rule chooser follows the document's view rule.
    void followLabelRule();

    void onJobFinished(core::JobRunner::JobId id, const core::JobOutcome &outcome);

    QPointer<ProjectDocument> m_document;
    core::JobRunner *m_ownJobs;
    QPointer<core::JobRunner> m_jobs;
    core::JobRunner::JobId m_job = 0;
    bool m_training = false;
    int m_currentModel = 0;

    QCheckBox *m_v, *m_a, *m_t;
    QComboBox *m_fusion, *m_trainSet, *m_device;
    LabelRuleCombo *m_labelRule;
    QSpinBox *m_folds, *m_epochs;
    QCheckBox *m_quick;
    QPushButton *m_start, *m_cancel;
    QProgressBar *m_progress;
    QLabel *m_status, *m_deviceLabel;
    TrainingCurveChart *m_chart;
    RunsTableModel *m_runsModel;
    QTableView *m_runs;
    QPlainTextEdit *m_log;
};

} // namespace ms::ui
