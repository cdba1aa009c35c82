#pragma once

#include "core/reliabilitydata.h"

#include <QString>
#include <optional>

namespace ms::core {

// How far apart two values are (Krippendorff's difference functions).
enum class AlphaMetric { Nominal, Ordinal, Interval };

struct AlphaResult
{
    std::optional<double> alpha; // nullopt when undefined (see reason)
    QString undefinedReason;
    double observedDisagreement = 0; // D_o
    double expectedDisagreement = 0; // D_e
    int pairableUnits = 0;           // units with two or more values
    int pairableValues = 0;          // n: the values in those units
};

// Krippendorff's alpha for any number of coders, missing values allowed:
//   alpha = 1 - D_o / D_e = 1 - (n - 1) * sum o_ck d2_ck / sum n_c n_k d2_ck
// with the coincidence matrix o_ck = sum over units u of (number of ordered
// c-k pairs of values from different coders in u) / (m_u - 1), n_c its
// marginals and n = sum n_c. Units with fewer than two values are not
// pairable and are left out. Difference functions d2_ck:
//   nominal  0 when c = k, else 1;
//   ordinal  (sum_{g=c..k} n_g - (n_c + n_k) / 2)^2 over the ranked values;
//   interval (c - k)^2.
// Source: K. Krippendorff, "Computing Krippendorff's Alpha-Reliability"
// (Annenberg School for Communication, 2011), sections C and E; the unit tests
// reproduce its worked examples.
class KrippendorffAlpha
{
public:
    // Throws UserError when the data has fewer than two coders: agreement
    // between one coder and nobody is not a number.
    static AlphaResult compute(const ReliabilityData &data, AlphaMetric metric);
    static QString metricName(AlphaMetric metric); // "nominal", "ordinal", "interval"
};

} // namespace ms::core
