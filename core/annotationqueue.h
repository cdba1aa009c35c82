#pragma once

#include "core/attributionerrors.h"
#include "core/level.h"
#include "core/modality.h"

#include <QList>
#include <QString>
#include <array>
#include <optional>
#include <vector>

namespace ms::core {

// "Annotate next" (issue 16): the clips still to annotate (or to adjudicate)
// ordered so that the expert's next judgement teaches the model most.
//
//  uncertainty        the model's test score closest to the decision
//                     threshold first (key |score - threshold|, ascending);
//  attribution-error  the largest attribution error first: how far past its
//                     threshold the model attributes to a modality without an
//                     annotated concept (phi - spurious threshold), plus how
//                     far below the missed threshold it leaves a modality the
//                     experts named on a HN/S clip (missed - phi), summed over
//                     the modalities (descending; clips without error: 0);
//  disagreement       the largest gap first between the annotators' labels
//                     and the model: the largest of the annotators' level
//                     spread (EN 0, HN 0.5, S 1) and the model score's
//                     distance to an annotator's target (EN 0, HN/S 1).
//
// Clips the order cannot rank (no test prediction, no explanation, no
// annotation to compare) come last, in the order given, with ranked false.
// Ties keep the order given (film, then clip).
enum class QueueOrder { Uncertainty, AttributionError, Disagreement };

// "uncertainty", "attribution-error", "disagreement".
QString queueOrderName(QueueOrder order);
// The name or a unique prefix, case-insensitive.
std::optional<QueueOrder> parseQueueOrder(const QString &text);

// What the queue knows of one clip.
struct QueueCandidate
{
    qint64 clipId = 0;
    QString clip;    // name
    QString movieId; // film
    // The model's probability (the run's test prediction); nullopt: none.
    std::optional<double> score;
    // False when the score is not a test prediction but the mean of the
    // run's fold models over a clip the run never tested (not annotated
    // when it trained; see models::RunScorer).
    bool tested = true;
    // The explanation's Shapley values by Modality (nullopt: unused), with
    // explained false when the clip has none in the explanation set.
    bool explained = false;
    std::array<std::optional<double>, 3> phi;
    // The effective annotation (the run's label rule): its level (nullopt:
    // not annotated) and the modalities of its concepts.
    std::optional<Level> level;
    ModalitySet annotated;
    // Every annotator's level (the consensus left out).
    QList<Level> annotatorLevels;
};

struct QueueEntry
{
    QueueCandidate candidate;
    bool ranked = false; // false: the order has no key for this clip
    double key = 0;
    QString reason; // in words, e.g. "score 0.52, 0.02 from the threshold 0.50"
};

struct QueueOptions
{
    QueueOrder order = QueueOrder::Uncertainty;
    double threshold = 0.5; // the model's decision threshold
    AttributionThresholds attribution;
    int limit = 0; // 0: every clip
};

// The attribution error's size (see above) of phi against the annotation.
double attributionErrorSize(const std::array<std::optional<double>, 3> &phi, ModalitySet annotated,
                            std::optional<Level> level, const AttributionThresholds &t);

std::vector<QueueEntry> orderQueue(const std::vector<QueueCandidate> &candidates,
                                   const QueueOptions &options);

} // namespace ms::core
