#pragma once

#include <QList>
#include <QtGlobal>
#include <functional>
#include <vector>

namespace ms::core {

// Ranking metrics of binary classifiers, as pure functions over parallel
// arrays of scores and 0/1 targets. Definitions follow scikit-learn so that
// numbers reported here can be compared with the paper's:
//  - averagePrecision: sum over distinct score thresholds, from the highest,
//    of (R_n - R_{n-1}) * P_n; no interpolation; equal scores form one
//    threshold (ties grouped).
//  - rocAuc: area under the ROC curve with ties grouped (trapezoids), equal
//    to the Mann-Whitney probability with ties counted one half.
// Both are NaN when the targets lack positives (and, for ROC-AUC, negatives).
namespace metrics {

double averagePrecision(const std::vector<float> &scores, const std::vector<int> &targets);
double rocAuc(const std::vector<float> &scores, const std::vector<int> &targets);

struct PrecisionRecall
{
    double precision = 0; // NaN when nothing reaches the threshold
    double recall = 0;    // NaN without positives
    int truePositives = 0;
    int falsePositives = 0;
    int falseNegatives = 0;
};
// A clip is predicted positive when its score is >= threshold.
PrecisionRecall atThreshold(const std::vector<float> &scores, const std::vector<int> &targets,
                            double threshold);

struct Interval
{
    double estimate = 0; // the statistic on the original sample
    double low = 0;
    double high = 0;
};

// Linear interpolation between order statistics, as numpy's default
// percentile; p in [0, 100]. `values` need not be sorted.
double percentile(std::vector<double> values, double p);

// Percentile bootstrap of the mean of `values` (e.g. one metric per fold):
// `resamples` draws with replacement from a SplitMix64 seeded with `seed`,
// interval at `level` (0.95 gives the 2.5th and 97.5th percentiles).
Interval bootstrapMean(const std::vector<double> &values, int resamples, double level,
                       quint64 seed);

// Percentile bootstrap of a metric over clips: resamples (score, target)
// pairs; resamples whose metric is NaN (no positive drawn) are skipped.
Interval bootstrapMetric(const std::vector<float> &scores, const std::vector<int> &targets,
                         const std::function<double(const std::vector<float> &,
                                                    const std::vector<int> &)> &metric,
                         int resamples, double level, quint64 seed);

} // namespace metrics
} // namespace ms::core
