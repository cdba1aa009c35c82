#include "models/trainingjob.h"

#include "models/torchruntime.h"

#include <QMap>
#include <QThread>

namespace ms::models {

TrainingJob::TrainingJob(db::ProjectLocation location, ExperimentSpec spec)
    : m_location(std::move(location)), m_spec(std::move(spec))
{
    qRegisterMetaType<ms::models::ExperimentProgress>();
}

QString TrainingJob::title() const
{
    return m_spec.label.isEmpty() ? QStringLiteral("Training")
                                  : QStringLiteral("Training %1").arg(m_spec.label);
}

core::JobOutcome TrainingJob::run(core::JobContext &context)
{
    // Said before the first epoch, so the user sees where it runs; a
    // missing CUDA device fails here, before anything is loaded.
    const QString device = Trainer::resolveDevice(m_spec.train.device);
    const QString shown =
        device == u"cpu"
            ? QStringLiteral("CPU, %1 threads").arg(m_spec.train.threads > 0 ? m_spec.train.threads
                                                                            : QThread::idealThreadCount())
            : TorchRuntime::deviceLabel(device).replace(QStringLiteral("cuda"), QStringLiteral("CUDA")) +
                  (m_spec.train.amp == u"bf16" ? QStringLiteral(", bf16 autocast") : QString());
    context.log(devicePrefix() + shown);
    ExperimentRunner runner(m_location, m_spec);
    m_outcome = runner.run(
        [&](const ExperimentProgress &p) {
            context.partial(QVariant::fromValue(p), true);
            context.progress(core::JobProgress{
                p.models > 0
                    ? (p.model - 1 + double(p.epoch.epoch) / std::max(1, p.epoch.maxEpochs)) /
                          p.models
                    : -1.0,
                p.modelName});
        },
        context.cancelToken().flag(), [&](const QString &line) { context.log(line); });
    if (m_outcome.cancelled)
        return core::JobOutcome::cancelled(
            QStringLiteral("run %1 recorded as cancelled").arg(m_outcome.runId),
            QVariant::fromValue(m_outcome.runId));
    return core::JobOutcome::done(QVariant::fromValue(m_outcome.runId), summaryOf(m_outcome));
}

QString TrainingJob::summaryOf(const ExperimentRunner::Outcome &outcome)
{
    QMap<QString, QPair<double, int>> means;
    for (const auto &r : outcome.rows) {
        auto &m =
            means[QStringLiteral("%1 %2 on %3")
                      .arg(r.entry.modalities.letters(), fusionName(r.entry.fusion), r.trainSet)];
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
    return lines.join(u'\n');
}

} // namespace ms::models
