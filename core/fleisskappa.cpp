#include "core/fleisskappa.h"

#include <algorithm>
#include <map>

namespace ms::core {

KappaResult FleissKappa::compute(const ReliabilityData &data)
{
    KappaResult r;
    int raters = 0, fewest = 0, most = 0;
    for (int u = 0; u < data.unitCount(); ++u) {
        const int m = data.valueCount(u);
        if (m == 0)
            continue;
        fewest = r.units == 0 ? m : std::min(fewest, m);
        most = std::max(most, m);
        raters = m;
        ++r.units;
    }
    if (r.units == 0) {
        r.applicable = false;
        r.reason = QStringLiteral("no unit has a value");
        return r;
    }
    if (fewest != most) {
        r.applicable = false;
        r.reason = QStringLiteral("not applicable: units have %1 to %2 values, Fleiss' kappa "
                                  "needs the same number for every unit")
                       .arg(fewest)
                       .arg(most);
        return r;
    }
    if (raters < 2) {
        r.applicable = false;
        r.reason = QStringLiteral("not applicable: every unit has a single value");
        return r;
    }
    const double n = raters;
    std::map<double, double> totals; // sum over units of n_ij, per category j
    double sumP = 0;
    for (int u = 0; u < data.unitCount(); ++u) {
        if (data.valueCount(u) == 0)
            continue;
        std::map<double, int> nij;
        for (double v : data.unitValues(u))
            ++nij[v];
        double squares = 0;
        for (const auto &[category, count] : nij) {
            squares += double(count) * count;
            totals[category] += count;
        }
        sumP += (squares - n) / (n * (n - 1));
    }
    r.observedAgreement = sumP / r.units;
    for (const auto &[category, total] : totals) {
        const double pj = total / (r.units * n);
        r.expectedAgreement += pj * pj;
    }
    if (r.expectedAgreement >= 1.0) {
        r.reason = QStringLiteral("every value is the same, so agreement cannot be told from "
                                  "chance");
        return r;
    }
    r.kappa = (r.observedAgreement - r.expectedAgreement) / (1.0 - r.expectedAgreement);
    return r;
}

} // namespace ms::core
