#pragma once

#include "core/reliabilitydata.h"

#include <QtGlobal>
#include <functional>
#include <optional>

namespace ms::core {

struct BootstrapInterval
{
    double low = 0;
    double high = 0;
    double level = 0.95;
    int draws = 0;      // draws asked for
    int validDraws = 0; // draws on which the statistic was defined
};

// Percentile bootstrap of an agreement statistic over units: each draw takes
// unitCount() units with replacement (a SplitMix64 seeded with `seed`, so a
// seed reproduces the interval on every platform), the statistic is computed
// on the draw, and the interval is the (1 - level)/2 and (1 + level)/2
// percentiles (linear interpolation, as metrics::percentile) of the draws on
// which it is defined. Units, not values, are resampled because one clip's
// annotations are not independent of each other (a cluster bootstrap; see
// B. Efron and R. Tibshirani, "An Introduction to the Bootstrap", 1993,
// ch. 13, for the percentile interval). Callers pass only the units the
// statistic uses (pairable units, units both coders coded), so every draw has
// the sample's size.
class UnitBootstrap
{
public:
    using Statistic = std::function<std::optional<double>(const ReliabilityData &)>;

    // nullopt when draws < 1, the data has no unit, or no draw was defined.
    static std::optional<BootstrapInterval> interval(const ReliabilityData &data,
                                                     const Statistic &statistic, int draws,
                                                     quint64 seed, double level = 0.95);
};

} // namespace ms::core
