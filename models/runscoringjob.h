#pragma once

#include "core/jobs/job.h"
#include "database/projectlocation.h"

#include <QStringList>

namespace ms::models {

// models::RunScorer in the background (the window's Annotate Next queue):
// scores `clips`, which the run never tested, with its stored fold models.
// Ends Done with a QVariantMap {"scores": QVariantHash clip -> double,
// "folds": int}; opens its own database connection.
class RunScoringJob final : public core::Job
{
public:
    RunScoringJob(db::ProjectLocation location, qint64 runId, QStringList clips);

    QString kind() const override { return QStringLiteral("scoring"); }
    QString title() const override;
    core::JobOutcome run(core::JobContext &context) override;

private:
    db::ProjectLocation m_location;
    qint64 m_runId;
    QStringList m_clips;
};

} // namespace ms::models
