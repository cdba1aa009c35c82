#pragma once

#include "core/attributionerrors.h"
#include "core/featurematrix.h"
#include "core/level.h"
#include "core/modality.h"
#include "database/explanationrepository.h"

#include <QHash>
#include <QString>
#include <array>
#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace ms::models {

class FeatureSet;
class TrainedModel;

// What stands in for an absent modality when a coalition is evaluated.
//  - Mean: every token of the modality becomes the mean token of the
//    reference (training) clips of that modality;
//  - Zeros: every token becomes the zero vector;
//  - Noise: every token becomes a Gaussian draw with the reference tokens'
//    per-dimension mean and standard deviation, seeded per clip and modality
//    (the same draw in every coalition, so v stays one game);
//  - Drop: the modality's tokens are masked out of the token set. The empty
//    coalition then has no token at all: the model reads only its latents
//    (PerceiverNet gives such a row no cross-attention input).
// Mean, Zeros and Noise keep the clip's token count and time codes.
enum class Baseline { Mean, Zeros, Noise, Drop };
QString baselineName(Baseline b); // "mean", "zeros", "noise", "drop"
std::optional<Baseline> parseBaseline(const QString &text);

// Where a token lies in its film. Synthetic features (and features of clips
// without times) carry spans relative to the clip start; extracted ones
// carry film time already.
core::TokenSpan filmSpan(const core::TokenSpan &span, std::optional<qint64> clipStartMs,
                         bool relativeSpans);

// What the experts said about a clip, and where the clip lies in its film.
struct ClipContext
{
    std::optional<core::Level> level;
    core::ModalitySet annotated; // modalities of the clip's concepts
    std::optional<qint64> startMs;
};

// Explains a fused classifier over a small set of modalities (the players).
// The classifier is one model or several combined by the maximum of their
// probabilities (late fusion: one branch per modality; the paper's AVT early
// fusion: the VT and AV pair models). The value of a coalition S is the
// fused probability with the modalities outside S replaced by the baseline.
//
// Per batch of clips each component model runs ONE forward pass over all
// its coalitions stacked along the batch dimension (2^k rows per clip for a
// model of k inputs; a coalition of the players only matters through its
// intersection with the model's inputs). The full coalition's attention is
// captured in the same pass and rolled out to one relevance per token.
//
// From the 2^M values (M = players) per clip:
//  - phi: exact Shapley values (core::shapley::values); they sum to
//    v(all) - v(none) by construction (efficiency);
//  - pairwise Shapley interaction indices I_ij and, for three players, the
//    Harsanyi dividend of {V, A, T} (the pure three-way interaction);
//  - interaction share, InterSHAP-style (core::shapley::interactionShare):
//    with Phi_ij = I_ij / 2 (i != j) and Phi_ii = phi_i - sum_j Phi_ij,
//    share = sum_{i != j} |Phi_ij| / sum_{i,j} |Phi_ij| in [0, 1];
//  - per-modality scores: a late-fusion branch's own probability, otherwise
//    v({m}) (only that modality present);
//  - attribution errors (core::attributionErrors on phi).
class Explainer
{
public:
    struct Options
    {
        Baseline baseline = Baseline::Mean;
        quint64 seed = 0;    // of the noise baseline
        int batchClips = 32; // clips per forward pass (x 2^k coalitions)
        bool attention = true;
        bool lateFusion = false; // scores are the branches' probabilities
        core::AttributionThresholds thresholds;
        // By Modality: spans relative to the clip start (see filmSpan).
        std::array<bool, 3> relativeSpans{};
    };
    struct Result
    {
        db::ClipExplanation stored;
        std::vector<double> coalitions; // v by mask over the players (bit i: player i)
        // Rollout relevance by token index, by Modality; empty for a modality
        // the max-giving model does not read.
        std::array<std::vector<float>, 3> relevance;
        int winner = 0; // index of the component that gave the fused maximum
    };
    using Progress = std::function<void(int done, int total)>;

    // `components` must outlive the explainer and read only modalities of
    // `modalities`; `referenceClips` (FeatureSet indexes, the training
    // clips) give the mean and noise baselines. Throws UserError when a
    // component does not fit the features.
    Explainer(const FeatureSet &features, core::ModalitySet modalities,
              std::vector<const TrainedModel *> components, const std::vector<int> &referenceClips,
              Options options);
    ~Explainer();

    core::ModalitySet modalities() const;
    // The players in V, A, T order.
    std::vector<core::Modality> players() const;

    // Plain inference: the fused probability with every modality present,
    // batched like explain() (the benchmark's reference).
    std::vector<float> predict(const std::vector<int> &clips) const;
    // The fused probability with the modalities of `absent` replaced by
    // `baseline` (missing-modality ablation).
    std::vector<float> predictWithout(const std::vector<int> &clips, core::ModalitySet absent,
                                      Baseline baseline) const;
    // `context` by clip name; clips without one get no attribution errors.
    std::vector<Result> explain(const std::vector<int> &clips,
                                const QHash<QString, ClipContext> &context,
                                const Progress &progress = {},
                                const std::atomic<bool> *cancel = nullptr) const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace ms::models
