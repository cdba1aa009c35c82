#include "core/krippendorffalpha.h"

#include "core/error.h"

#include <algorithm>
#include <vector>

namespace ms::core {

QString KrippendorffAlpha::metricName(AlphaMetric metric)
{
    switch (metric) {
    case AlphaMetric::Nominal:
        return QStringLiteral("nominal");
    case AlphaMetric::Ordinal:
        return QStringLiteral("ordinal");
    case AlphaMetric::Interval:
        return QStringLiteral("interval");
    }
    return {};
}

AlphaResult KrippendorffAlpha::compute(const ReliabilityData &data, AlphaMetric metric)
{
    if (data.coderCount() < 2)
        throw UserError(QStringLiteral("Krippendorff's alpha needs at least two annotators; the "
                                       "data has %1")
                            .arg(data.coderCount()));
    AlphaResult r;
    // The bootstrap calls this a thousand times per statistic: one buffer
    // for a unit's values rather than a vector per unit.
    std::vector<double> v;
    auto unitValues = [&](int u) {
        v.clear();
        for (int c = 0; c < data.coderCount(); ++c)
            if (const auto &x = data.value(u, c))
                v.push_back(*x);
    };
    // The distinct values of the pairable units, ranked: the rows and
    // columns of the coincidence matrix.
    std::vector<double> values;
    for (int u = 0; u < data.unitCount(); ++u) {
        unitValues(u);
        if (v.size() >= 2)
            values.insert(values.end(), v.begin(), v.end());
    }
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    const size_t k = values.size();
    auto indexOf = [&](double x) {
        return size_t(std::lower_bound(values.begin(), values.end(), x) - values.begin());
    };

    std::vector<double> o(k * k, 0.0);
    std::vector<int> counts(k, 0);
    std::vector<size_t> present;
    for (int u = 0; u < data.unitCount(); ++u) {
        unitValues(u);
        const int m = int(v.size());
        if (m < 2)
            continue;
        ++r.pairableUnits;
        r.pairableValues += m;
        for (size_t i : present)
            counts[i] = 0;
        present.clear();
        for (double x : v) {
            const size_t i = indexOf(x);
            if (counts[i]++ == 0)
                present.push_back(i);
        }
        // Each value pairs with the m - 1 values of the other coders; each
        // pair weighs 1 / (m - 1) so that every value counts once in total.
        for (size_t c : present)
            for (size_t kk : present) {
                const double pairs = double(counts[c]) * double(counts[kk] - (c == kk ? 1 : 0));
                o[c * k + kk] += pairs / double(m - 1);
            }
    }
    if (r.pairableUnits == 0) {
        r.undefinedReason = QStringLiteral("no unit has values from two or more annotators");
        return r;
    }
    if (k < 2) {
        r.undefinedReason = QStringLiteral("every value is the same, so agreement cannot be told "
                                           "from chance");
        return r;
    }

    std::vector<double> nc(k, 0.0);
    for (size_t c = 0; c < k; ++c)
        for (size_t kk = 0; kk < k; ++kk)
            nc[c] += o[c * k + kk];
    const double n = double(r.pairableValues);

    auto d2 = [&](size_t c, size_t kk) -> double {
        switch (metric) {
        case AlphaMetric::Nominal:
            return c == kk ? 0.0 : 1.0;
        case AlphaMetric::Ordinal: {
            const size_t lo = std::min(c, kk), hi = std::max(c, kk);
            double s = 0;
            for (size_t g = lo; g <= hi; ++g)
                s += nc[g];
            s -= (nc[lo] + nc[hi]) / 2.0;
            return s * s;
        }
        case AlphaMetric::Interval: {
            const double d = values[c] - values[kk];
            return d * d;
        }
        }
        return 0.0;
    };

    double observed = 0, expected = 0;
    for (size_t c = 0; c < k; ++c)
        for (size_t kk = 0; kk < k; ++kk) {
            const double d = d2(c, kk);
            observed += o[c * k + kk] * d;
            expected += nc[c] * nc[kk] * d;
        }
    r.observedDisagreement = observed / n;
    r.expectedDisagreement = expected / (n * (n - 1));
    r.alpha = 1.0 - r.observedDisagreement / r.expectedDisagreement;
    return r;
}

} // namespace ms::core
