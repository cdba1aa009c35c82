#pragma once

#include "core/level.h"
#include "core/modality.h"

#include <QString>
#include <array>
#include <optional>

namespace ms::core {

// Modality-attribution errors: the model attributes objectification to a
// modality in which the experts annotated no concept (a "spurious"
// attribution, also on Easy Negatives), or it ignores a modality the experts
// named on a Hard Negative or Sure clip (a "missed" one).
struct AttributionThresholds
{
    double spurious = 0.10; // phi_m >= this with no concept of m: spurious
    double missed = 0.02;   // phi_m < this with a concept of m on an HN/S clip: missed
};

struct AttributionErrors
{
    ModalitySet spurious;
    ModalitySet missed;
    bool any() const { return !spurious.isEmpty() || !missed.isEmpty(); }
    // "T" or "V|A": the spurious modalities, for CSV columns.
    QString spuriousCode() const;
    // In words, e.g. "text attribution 0.31 without any annotated text
    // concept (experts annotated visual concepts only)".
    QString describe(const std::array<std::optional<double>, 3> &phi, ModalitySet annotated) const;
};

// `phi`: per modality (indexed by Modality) the attribution, nullopt when the
// model does not use that modality; `annotated`: modalities of the clip's
// concepts; `level`: the clip's expert level (nullopt when not annotated).
AttributionErrors attributionErrors(const std::array<std::optional<double>, 3> &phi,
                                    ModalitySet annotated, std::optional<Level> level,
                                    const AttributionThresholds &t = {});

} // namespace ms::core
