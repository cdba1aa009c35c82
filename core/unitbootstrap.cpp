#include "core/unitbootstrap.h"

#include "core/metrics.h"
#include "core/splitmix64.h"

#include <vector>

namespace ms::core {

std::optional<BootstrapInterval> UnitBootstrap::interval(const ReliabilityData &data,
                                                         const Statistic &statistic, int draws,
                                                         quint64 seed, double level)
{
    if (draws < 1 || data.unitCount() == 0)
        return std::nullopt;
    SplitMix64 rng(seed);
    std::vector<double> estimates;
    estimates.reserve(size_t(draws));
    std::vector<int> units(size_t(data.unitCount()));
    for (int d = 0; d < draws; ++d) {
        for (int &u : units)
            u = int(rng.below(quint64(data.unitCount())));
        if (const auto v = statistic(data.withUnits(units)))
            estimates.push_back(*v);
    }
    if (estimates.empty())
        return std::nullopt;
    BootstrapInterval r;
    r.level = level;
    r.draws = draws;
    r.validDraws = int(estimates.size());
    r.low = metrics::percentile(estimates, (1.0 - level) / 2.0 * 100.0);
    r.high = metrics::percentile(estimates, (1.0 + level) / 2.0 * 100.0);
    return r;
}

} // namespace ms::core
