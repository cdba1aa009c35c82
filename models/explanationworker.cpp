#include "models/explanationworker.h"

#include "core/error.h"
#include "database/projectdatabase.h"
#include "models/runexplainer.h"

#include <QElapsedTimer>
#include <QMetaObject>

namespace ms::models {

ExplanationWorker::ExplanationWorker(QObject *parent) : QObject(parent) {}

void ExplanationWorker::start(const QString &projectPath, qint64 runId, const QString &baseline)
{
    m_cancel.store(false);
    m_running.store(true);
    QMetaObject::invokeMethod(
        this, [this, projectPath, runId, baseline] { run(projectPath, runId, baseline); },
        Qt::QueuedConnection);
}

void ExplanationWorker::run(const QString &projectPath, qint64 runId, const QString &baseline)
{
    try {
        RunExplainer::Request request;
        const auto b = parseBaseline(baseline);
        if (!b)
            throw core::UserError(QStringLiteral("'%1' is not a baseline: mean, zeros, noise or drop")
                                      .arg(baseline));
        request.baseline = *b;
        request.store = true;
        db::ProjectDatabase project(projectPath, db::ProjectDatabase::Mode::OpenExisting);
        RunExplainer explainer(project.sql(), runId);
        // Progress after every batch; the window hears of it at most every
        // 250 ms (and always of the last).
        QElapsedTimer clock;
        clock.start();
        const auto outcome = explainer.explain(request, {}, &m_cancel, [&](int done, int total) {
            if (done == total || clock.elapsed() > 250) {
                Q_EMIT progress(done, total);
                clock.restart();
            }
        });
        m_running.store(false);
        if (m_cancel.load() || outcome.set.id == 0) {
            Q_EMIT cancelled();
            return;
        }
        int spurious = 0, missed = 0;
        for (const auto &c : outcome.clips) {
            spurious += !c.stored.spurious.isEmpty();
            missed += !c.stored.missed.isEmpty();
        }
        QStringList lines{QStringLiteral("%1 clips of %2 (%3 fusion, fold %4) explained in %5 s, "
                                         "baseline %6")
                              .arg(outcome.clips.size())
                              .arg(outcome.set.modalities.letters(), outcome.set.fusion)
                              .arg(outcome.set.fold)
                              .arg(outcome.seconds, 0, 'f', 1)
                              .arg(outcome.set.baseline),
                          QStringLiteral("attribution errors: %1 spurious, %2 missed").arg(spurious).arg(missed)};
        const auto &f = outcome.faithfulness;
        if (f.available && f.pointingClips > 0)
            lines.append(QStringLiteral("SYNTHETIC features: pointing game %1/%2 (uniform %3)")
                             .arg(f.pointingHits)
                             .arg(f.pointingClips)
                             .arg(f.pointingUniform, 0, 'f', 3));
        Q_EMIT finished(outcome.set.id, lines.join(u'\n'));
    } catch (const std::exception &e) {
        m_running.store(false);
        Q_EMIT failed(core::messageOf(e));
    }
}

} // namespace ms::models
