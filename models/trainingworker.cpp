#include "models/trainingworker.h"

#include "core/error.h"
#include "models/experimentrunner.h"

#include <QMap>
#include <QMetaObject>
#include <QThread>

namespace ms::models {

TrainingWorker::TrainingWorker(QObject *parent) : QObject(parent) {}

void TrainingWorker::start(const QString &projectPath, const ExperimentSpec &spec)
{
    m_cancel.store(false);
    m_running.store(true);
    QMetaObject::invokeMethod(this, [this, projectPath, spec] { run(projectPath, spec); },
                              Qt::QueuedConnection);
}

void TrainingWorker::run(const QString &projectPath, const ExperimentSpec &spec)
{
    try {
        // Said before the first epoch, so the user sees where it runs; a
        // missing CUDA device fails here, before anything is loaded.
        const QString device = Trainer::resolveDevice(spec.train.device);
        Q_EMIT runStarted(device == u"cpu"
                              ? QStringLiteral("CPU, %1 threads").arg(QThread::idealThreadCount())
                              : QStringLiteral("CUDA"));
        ExperimentRunner runner(projectPath, spec);
        const auto outcome = runner.run(
            [&](const ExperimentProgress &p) {
                Q_EMIT epochFinished(p.model, p.models, p.modelName, p.epoch.epoch, p.epoch.maxEpochs,
                                     p.epoch.loss, p.epoch.validationAucPr, p.etaSeconds);
            },
            &m_cancel,
            [&](const QString &line) { Q_EMIT logLine(line); });
        m_running.store(false);
        if (outcome.cancelled) {
            Q_EMIT cancelled(outcome.runId);
            return;
        }
        QMap<QString, QPair<double, int>> means;
        for (const auto &r : outcome.rows) {
            auto &m = means[QStringLiteral("%1 %2 on %3").arg(r.entry.modalities.letters(),
                                                                fusionName(r.entry.fusion), r.trainSet)];
            m.first += r.aucPr;
            m.second += 1;
        }
        QStringList lines;
        if (outcome.synthetic)
            lines.append(QStringLiteral("SYNTHETIC features"));
        for (auto it = means.cbegin(); it != means.cend(); ++it)
            lines.append(QStringLiteral("%1: test AUC-PR %2")
                             .arg(it.key())
                             .arg(it.value().first / it.value().second, 0, 'f', 3));
        Q_EMIT finished(outcome.runId, lines.join(u'\n'));
    } catch (const std::exception &e) {
        m_running.store(false);
        Q_EMIT failed(core::messageOf(e));
    }
}

} // namespace ms::models
