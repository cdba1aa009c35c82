#include "core/cohenkappa.h"

#include <map>

namespace ms::core {

KappaResult CohenKappa::compute(const ReliabilityData &data, int coderA, int coderB)
{
    KappaResult r;
    std::map<double, int> marginA, marginB;
    int agree = 0;
    for (int u = 0; u < data.unitCount(); ++u) {
        const auto &a = data.value(u, coderA);
        const auto &b = data.value(u, coderB);
        if (!a || !b)
            continue;
        ++r.units;
        ++marginA[*a];
        ++marginB[*b];
        agree += *a == *b ? 1 : 0;
    }
    if (r.units == 0) {
        r.reason = QStringLiteral("the two annotators coded no unit in common");
        return r;
    }
    const double n = r.units;
    r.observedAgreement = agree / n;
    for (const auto &[value, count] : marginA)
        if (const auto it = marginB.find(value); it != marginB.end())
            r.expectedAgreement += (count / n) * (it->second / n);
    if (r.expectedAgreement >= 1.0) {
        r.reason = QStringLiteral("both annotators gave one and the same value throughout, so "
                                  "agreement cannot be told from chance");
        return r;
    }
    r.kappa = (r.observedAgreement - r.expectedAgreement) / (1.0 - r.expectedAgreement);
    return r;
}

} // namespace ms::core
