#pragma once

#include "database/explanationrepository.h"
#include "database/runrepository.h"
#include "models/explainer.h"

#include <QList>
#include <QString>
#include <functional>
#include <memory>
#include <optional>

namespace ms::db {
class SqliteDatabase;
}

namespace ms::models {

// Explanations of a stored run: picks a result (an evaluated grid entry on
// one fold), rebuilds its component models from the stored weights, loads
// the features and the experts' annotations, explains the result's test
// clips with an Explainer, measures faithfulness against planted spans when
// the features are synthetic, and stores the explanation set in the project.
// Also the missing-modality ablation of a run.
//
// The mean and noise baselines use the training clips of the result's fold
// as reference (the films of its training folds, dealt again from the run's
// folds and seed); when the annotations changed since the run, every clip
// outside the result's test split.
class RunExplainer
{
public:
    struct Request
    {
        std::optional<qint64> resultId;
        std::optional<int> fold;
        Baseline baseline = Baseline::Mean;
        quint64 seed = 0;
        core::AttributionThresholds thresholds;
        bool store = true;
        int batchClips = 32;
        // Where the reopened models run: "cpu", "cuda", "cuda:N" or "auto".
        QString device = QStringLiteral("cpu");
    };
    // Evidence that the explanations mean something, on semi-synthetic data.
    struct Faithfulness
    {
        bool available = false; // the features carry planted spans
        // Pointing game over positive clips with a planted span among the
        // tokens the explaining model reads: the most relevant token lies in
        // a planted span (hits), against the share a uniformly drawn token
        // would get (the mean share of planted tokens).
        int pointingClips = 0, pointingHits = 0;
        double pointingUniform = 0;
        // Clips with a planted concept in a modality of the entry: the largest
        // Shapley value falls on such a modality, against the share a
        // uniformly drawn modality would get.
        int shapleyClips = 0, shapleyHits = 0;
        double shapleyUniform = 0;
    };
    struct Outcome
    {
        db::ExplanationSet set;
        std::vector<Explainer::Result> clips;
        std::vector<int> targets; // per clip, from the run's predictions
        Faithfulness faithfulness;
        double seconds = 0;
    };
    // A result's component models rebuilt from their stored weights.
    struct Models
    {
        std::vector<std::shared_ptr<TrainedModel>> owned;
        std::vector<const TrainedModel *> components;
    };
    struct AblationRow
    {
        db::RunResultRecord result;
        QString removed;  // "" (nothing removed), "V", "A", "T"
        QString baseline; // zeros, noise, mean ("" when nothing removed)
        double aucPr = 0;
    };
    using Log = std::function<void(const QString &)>;

    // Throws UserError naming the project when there is no such run.
    RunExplainer(db::SqliteDatabase &db, qint64 runId);

    const db::RunRecord &run() const { return m_run; }
    // The result `request` names, or by default the first AVT entry of the
    // run (else the one with most modalities) on the requested fold.
    db::RunResultRecord pick(const Request &request);

    // Throws UserError when a model is missing or was stored without weights.
    Models models(const db::RunResultRecord &result, const QString &device = QStringLiteral("cpu"));

    // `progress` hears (clips explained, clips in all) after every batch.
    Outcome explain(const Request &request, const Log &log = {},
                    const std::atomic<bool> *cancel = nullptr,
                    const Explainer::Progress &progress = {});
    // Every result of the run (or only request.resultId / request.fold):
    // AUC-PR with all modalities, then with each modality replaced by zeros,
    // Gaussian noise and the training mean.
    QList<AblationRow> ablation(const Request &request, const Log &log = {});

private:
    db::SqliteDatabase &m_db;
    db::RunRecord m_run;
};

} // namespace ms::models
