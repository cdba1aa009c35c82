#include "models/runscoringjob.h"

#include "database/projectdatabase.h"
#include "models/runscorer.h"

#include <QVariantHash>
#include <QVariantMap>

namespace ms::models {

RunScoringJob::RunScoringJob(db::ProjectLocation location, qint64 runId, QStringList clips)
    : m_location(std::move(location)), m_runId(runId), m_clips(std::move(clips))
{
}

QString RunScoringJob::title() const
{
    return QStringLiteral("Scoring %1 clips with run %2").arg(m_clips.size()).arg(m_runId);
}

core::JobOutcome RunScoringJob::run(core::JobContext &context)
{
    const auto project =
        db::ProjectDatabase::open(m_location, db::ProjectDatabase::Mode::OpenExisting);
    context.progress(-1.0, title());
    const RunScorer::Outcome out =
        RunScorer::score(project->sql(), m_runId, m_clips, context.cancelToken().flag());
    if (context.isCancelled())
        return core::JobOutcome::cancelled(QStringLiteral("no clip scored"));
    QVariantHash scores;
    for (auto it = out.scores.cbegin(); it != out.scores.cend(); ++it)
        scores.insert(it.key(), it.value());
    return core::JobOutcome::done(
        QVariantMap{{QStringLiteral("scores"), scores}, {QStringLiteral("folds"), out.folds}},
        QStringLiteral("%1 clips scored by run %2 (mean over %3 folds)")
            .arg(out.scores.size())
            .arg(m_runId)
            .arg(out.folds));
}

} // namespace ms::models
