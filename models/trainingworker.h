#pragma once

#include "models/experimentspec.h"

#include <QObject>
#include <QString>
#include <atomic>

namespace ms::models {

// Runs an ExperimentSpec (one model, or a grid) on a project in the thread
// it lives in: move it to a QThread and call start() from anywhere. It opens
// its own database connection there. Progress comes once per epoch through
// queued signals; cancel() is thread-safe and is honoured after the current
// batch (well within a second), leaving the run recorded as cancelled.
class TrainingWorker : public QObject
{
    Q_OBJECT
public:
    explicit TrainingWorker(QObject *parent = nullptr);

    // Queues the run in the worker's thread; returns at once.
    void start(const QString &projectPath, const ExperimentSpec &spec);
    void cancel() { m_cancel.store(true); }
    bool isRunning() const { return m_running.load(); }

Q_SIGNALS:
    void runStarted(const QString &device);
    // `model` of `models` (1-based), its epoch of at most maxEpochs.
    void epochFinished(int model, int models, const QString &modelName, int epoch, int maxEpochs,
                       double loss, double validationAucPr, double etaSeconds);
    void logLine(const QString &line);
    // `summary`: mean test AUC-PR per grid entry, for people.
    void finished(qint64 runId, const QString &summary);
    void cancelled(qint64 runId);
    void failed(const QString &message);

private:
    void run(const QString &projectPath, const ExperimentSpec &spec);
    std::atomic<bool> m_cancel{false};
    std::atomic<bool> m_running{false};
};

} // namespace ms::models
