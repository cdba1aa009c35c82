#include "core/metrics.h"

#include "core/splitmix64.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace ms::core::metrics {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Indexes of the scores from the highest down; the order inside a tie does
// not matter because every caller groups equal scores.
std::vector<int> descending(const std::vector<float> &scores)
{
    std::vector<int> order(scores.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](int a, int b) { return scores[size_t(a)] > scores[size_t(b)]; });
    return order;
}

} // namespace

double averagePrecision(const std::vector<float> &scores, const std::vector<int> &targets)
{
    Q_ASSERT(scores.size() == targets.size());
    const auto positives = std::count_if(targets.begin(), targets.end(), [](int t) { return t != 0; });
    if (positives == 0)
        return kNaN;
    const std::vector<int> order = descending(scores);
    double ap = 0, previousRecall = 0;
    qint64 tp = 0, fp = 0;
    for (size_t i = 0; i < order.size();) {
        // One threshold per distinct score: the whole tie enters at once.
        const float s = scores[size_t(order[i])];
        for (; i < order.size() && scores[size_t(order[i])] == s; ++i)
            (targets[size_t(order[i])] ? tp : fp) += 1;
        const double recall = double(tp) / double(positives);
        const double precision = double(tp) / double(tp + fp);
        ap += (recall - previousRecall) * precision;
        previousRecall = recall;
    }
    return ap;
}

double rocAuc(const std::vector<float> &scores, const std::vector<int> &targets)
{
    Q_ASSERT(scores.size() == targets.size());
    const auto positives = std::count_if(targets.begin(), targets.end(), [](int t) { return t != 0; });
    const auto negatives = qint64(targets.size()) - positives;
    if (positives == 0 || negatives == 0)
        return kNaN;
    const std::vector<int> order = descending(scores);
    // Trapezoids between successive distinct thresholds of the ROC curve.
    double area = 0;
    qint64 tp = 0, fp = 0;
    for (size_t i = 0; i < order.size();) {
        const float s = scores[size_t(order[i])];
        qint64 dtp = 0, dfp = 0;
        for (; i < order.size() && scores[size_t(order[i])] == s; ++i)
            (targets[size_t(order[i])] ? dtp : dfp) += 1;
        area += double(dfp) * (double(tp) + 0.5 * double(dtp));
        tp += dtp;
        fp += dfp;
    }
    return area / (double(positives) * double(negatives));
}

PrecisionRecall atThreshold(const std::vector<float> &scores, const std::vector<int> &targets,
                            double threshold)
{
    PrecisionRecall r;
    for (size_t i = 0; i < scores.size(); ++i) {
        const bool predicted = double(scores[i]) >= threshold;
        if (predicted && targets[i])
            ++r.truePositives;
        else if (predicted)
            ++r.falsePositives;
        else if (targets[i])
            ++r.falseNegatives;
    }
    const int predicted = r.truePositives + r.falsePositives;
    const int positives = r.truePositives + r.falseNegatives;
    r.precision = predicted ? double(r.truePositives) / predicted : kNaN;
    r.recall = positives ? double(r.truePositives) / positives : kNaN;
    return r;
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return kNaN;
    std::sort(values.begin(), values.end());
    const double pos = std::clamp(p, 0.0, 100.0) / 100.0 * double(values.size() - 1);
    const size_t lo = size_t(std::floor(pos));
    const size_t hi = std::min(values.size() - 1, lo + 1);
    const double frac = pos - double(lo);
    return values[lo] + (values[hi] - values[lo]) * frac;
}

Interval bootstrapMean(const std::vector<double> &values, int resamples, double level,
                       quint64 seed)
{
    Interval r;
    if (values.empty()) {
        r.estimate = r.low = r.high = kNaN;
        return r;
    }
    r.estimate = std::accumulate(values.begin(), values.end(), 0.0) / double(values.size());
    SplitMix64 rng(seed);
    std::vector<double> means;
    means.reserve(size_t(resamples));
    for (int b = 0; b < resamples; ++b) {
        double sum = 0;
        for (size_t i = 0; i < values.size(); ++i)
            sum += values[size_t(rng.below(values.size()))];
        means.push_back(sum / double(values.size()));
    }
    const double tail = (1.0 - level) / 2.0 * 100.0;
    r.low = percentile(means, tail);
    r.high = percentile(means, 100.0 - tail);
    return r;
}

Interval bootstrapMetric(const std::vector<float> &scores, const std::vector<int> &targets,
                         const std::function<double(const std::vector<float> &,
                                                    const std::vector<int> &)> &metric,
                         int resamples, double level, quint64 seed)
{
    Interval r;
    r.estimate = metric(scores, targets);
    SplitMix64 rng(seed);
    std::vector<double> stats;
    std::vector<float> s(scores.size());
    std::vector<int> t(targets.size());
    for (int b = 0; b < resamples && !scores.empty(); ++b) {
        for (size_t i = 0; i < scores.size(); ++i) {
            const size_t j = size_t(rng.below(scores.size()));
            s[i] = scores[j];
            t[i] = targets[j];
        }
        const double v = metric(s, t);
        if (!std::isnan(v))
            stats.push_back(v);
    }
    const double tail = (1.0 - level) / 2.0 * 100.0;
    r.low = percentile(stats, tail);
    r.high = percentile(stats, 100.0 - tail);
    return r;
}

} // namespace ms::core::metrics
