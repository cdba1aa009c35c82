#pragma once

#include "core/jobs/job.h"
#include "database/projectlocation.h"
#include "models/experimentrunner.h"
#include "models/experimentspec.h"

namespace ms::models {

// Runs an ExperimentSpec (one model, or a grid) on a project. Its first log
// line names the device it trains on ("device: CPU, 8 threads"), so the user
// sees it before the first epoch; each epoch is an `important` partial
// (models::ExperimentProgress), so no epoch is lost to the throttle. Ends
// Done with the run id (qint64) and a summary (mean test AUC-PR per grid
// entry), or Cancelled with the run id, the run recorded as cancelled. The
// token is honoured after the current batch. A missing CUDA device fails
// before anything is loaded. It opens its own database connection.
class TrainingJob final : public core::Job
{
public:
    TrainingJob(db::ProjectLocation location, ExperimentSpec spec);

    QString kind() const override { return QStringLiteral("training"); }
    QString title() const override;
    core::JobOutcome run(core::JobContext &context) override;

    // After run(): everything the runner measured (rows, runtime, models).
    const ExperimentRunner::Outcome &outcome() const { return m_outcome; }

    static QString summaryOf(const ExperimentRunner::Outcome &outcome);
    // What the device log line starts with, so a reader can tell it apart.
    static QString devicePrefix() { return QStringLiteral("device: "); }

private:
    db::ProjectLocation m_location;
    ExperimentSpec m_spec;
    ExperimentRunner::Outcome m_outcome;
};

} // namespace ms::models
