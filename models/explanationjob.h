#pragma once

#include "core/jobs/job.h"
#include "database/projectlocation.h"
#include "models/runexplainer.h"

#include <functional>

namespace ms::models {

// Explains a stored run (models::RunExplainer) and stores the explanation
// set in the project; ends Done with the set's id (qint64) and a summary for
// people (clips explained, attribution errors, faithfulness when the features
// are synthetic), the same text in the window and the CLI. Progress is clips
// explained out of clips; the token is honoured after the current batch, and
// then nothing is stored. It opens its own database connection.
class ExplanationJob final : public core::Job
{
public:
    // Called on the job's thread with the explanations before they are
    // stored; throwing (a CSV that cannot be written) stores nothing.
    using BeforeStore = std::function<void(const RunExplainer::Outcome &)>;

    // `baseline`: mean, zeros, noise or drop.
    ExplanationJob(db::ProjectLocation location, qint64 runId, QString baseline);
    // Every choice of RunExplainer (result, fold, thresholds, seed); nothing
    // is stored when `request.store` is false.
    ExplanationJob(db::ProjectLocation location, qint64 runId, RunExplainer::Request request);

    void setBeforeStore(BeforeStore fn) { m_beforeStore = std::move(fn); }

    QString kind() const override { return QStringLiteral("explanation"); }
    QString title() const override;
    core::JobOutcome run(core::JobContext &context) override;

    // After a Done run(): everything RunExplainer found, with the stored
    // set's id in `set.id`.
    const RunExplainer::Outcome &outcome() const { return m_outcome; }

    static QString summaryOf(const RunExplainer::Outcome &outcome);

private:
    db::ProjectLocation m_location;
    qint64 m_runId;
    QString m_baselineText; // parsed in run(), so a bad one fails the job in words
    std::optional<RunExplainer::Request> m_request;
    BeforeStore m_beforeStore;
    RunExplainer::Outcome m_outcome;
};

} // namespace ms::models
