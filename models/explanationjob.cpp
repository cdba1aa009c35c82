#include "models/explanationjob.h"

#include "core/error.h"
#include "database/explanationrepository.h"
#include "database/projectdatabase.h"

namespace ms::models {

ExplanationJob::ExplanationJob(db::ProjectLocation location, qint64 runId, QString baseline)
    : m_location(std::move(location)), m_runId(runId), m_baselineText(std::move(baseline))
{
}

ExplanationJob::ExplanationJob(db::ProjectLocation location, qint64 runId,
                               RunExplainer::Request request)
    : m_location(std::move(location)), m_runId(runId), m_request(std::move(request))
{
}

QString ExplanationJob::title() const
{
    return QStringLiteral("Explaining run %1").arg(m_runId);
}

core::JobOutcome ExplanationJob::run(core::JobContext &context)
{
    RunExplainer::Request request;
    if (m_request) {
        request = *m_request;
    } else {
        const auto b = parseBaseline(m_baselineText);
        if (!b)
            throw core::UserError(
                QStringLiteral("'%1' is not a baseline: mean, zeros, noise or drop")
                    .arg(m_baselineText));
        request.baseline = *b;
    }
    const bool store = request.store;
    // Stored here, after the hook, so a failing hook leaves the project as it was.
    request.store = false;
    const auto project =
        db::ProjectDatabase::open(m_location, db::ProjectDatabase::Mode::OpenExisting);
    RunExplainer explainer(project->sql(), m_runId);
    m_outcome = explainer.explain(
        request, [&](const QString &line) { context.log(line); }, context.cancelToken().flag(),
        [&](int done, int total) {
            context.progress(done, total,
                             QStringLiteral("explained %1/%2 clips").arg(done).arg(total));
        });
    if (context.isCancelled())
        return core::JobOutcome::cancelled(QStringLiteral("nothing stored"));
    if (m_outcome.clips.empty())
        return core::JobOutcome::failed(
            QStringLiteral("%1: run %2 has no test clip to explain; nothing stored")
                .arg(m_location.toString())
                .arg(m_runId));
    if (m_beforeStore)
        m_beforeStore(m_outcome);
    if (store) {
        std::vector<db::ClipExplanation> stored;
        stored.reserve(m_outcome.clips.size());
        for (const auto &r : m_outcome.clips)
            stored.push_back(r.stored);
        m_outcome.set.id = db::ExplanationRepository(project->sql()).store(m_outcome.set, stored);
    }
    return core::JobOutcome::done(QVariant::fromValue(m_outcome.set.id), summaryOf(m_outcome));
}

QString ExplanationJob::summaryOf(const RunExplainer::Outcome &outcome)
{
    int spurious = 0, missed = 0;
    for (const auto &c : outcome.clips) {
        spurious += !c.stored.spurious.isEmpty();
        missed += !c.stored.missed.isEmpty();
    }
    QStringList lines{
        QStringLiteral("%1 clips of %2 (%3 fusion, fold %4) explained in %5 s, "
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
    return lines.join(u'\n');
}

} // namespace ms::models
