#pragma once

#include "core/kapparesult.h"
#include "core/reliabilitydata.h"

namespace ms::core {

// Cohen's kappa of two coders on the units both coded (nominal categories):
//   P_o = share of those units where the two agree,
//   P_e = sum over categories c of p_a(c) * p_b(c), each coder's own share,
//   kappa = (P_o - P_e) / (1 - P_e).
// Source: J. Cohen, "A coefficient of agreement for nominal scales",
// Educational and Psychological Measurement 20(1), 1960. Undefined when
// P_e = 1 (both coders used one and the same category throughout).
class CohenKappa
{
public:
    static KappaResult compute(const ReliabilityData &data, int coderA, int coderB);
};

} // namespace ms::core
