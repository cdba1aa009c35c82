#pragma once

#include "core/kapparesult.h"
#include "core/reliabilitydata.h"

namespace ms::core {

// Fleiss' kappa: every unit rated by the same number n >= 2 of raters (not
// necessarily the same raters), N units, n_ij raters putting unit i in
// category j:
//   P_i = (sum_j n_ij^2 - n) / (n (n - 1)),   P-bar = mean of P_i,
//   p_j = sum_i n_ij / (N n),                 P-bar_e = sum_j p_j^2,
//   kappa = (P-bar - P-bar_e) / (1 - P-bar_e).
// Source: J. L. Fleiss, "Measuring nominal scale agreement among many
// raters", Psychological Bulletin 76(5), 1971. Units without any value are
// not rated and are left out; when the others have different numbers of
// values, kappa is not applicable (Krippendorff's alpha is, then).
class FleissKappa
{
public:
    static KappaResult compute(const ReliabilityData &data);
};

} // namespace ms::core
