#include "ui/precisionrecallcurve.h"

#include <algorithm>
#include <numeric>

namespace ms::ui {

QList<QPointF> precisionRecallCurve(const std::vector<float> &scores,
                                    const std::vector<int> &targets, int maxPoints)
{
    const size_t n = std::min(scores.size(), targets.size());
    const auto positives = std::count_if(targets.begin(), targets.begin() + qsizetype(n),
                                         [](int t) { return t != 0; });
    if (positives == 0)
        return {};
    std::vector<int> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](int a, int b) { return scores[size_t(a)] > scores[size_t(b)]; });
    QList<QPointF> points{QPointF(0.0, 1.0)};
    qint64 tp = 0, fp = 0;
    for (size_t i = 0; i < n;) {
        const float s = scores[size_t(order[i])];
        for (; i < n && scores[size_t(order[i])] == s; ++i)
            (targets[size_t(order[i])] ? tp : fp) += 1;
        points.append(QPointF(double(tp) / double(positives), double(tp) / double(tp + fp)));
    }
    maxPoints = std::max(maxPoints, 3);
    if (points.size() <= maxPoints)
        return points;
    // Buckets of equal recall width; each keeps its lowest-precision point.
    QList<QPointF> thin{points.first()};
    const int buckets = maxPoints - 2;
    int b = -1;
    for (qsizetype i = 1; i + 1 < points.size(); ++i) {
        const int bucket = std::min(buckets - 1, int(points[i].x() * buckets));
        if (bucket != b) {
            thin.append(points[i]);
            b = bucket;
        } else if (points[i].y() < thin.last().y()) {
            thin.last() = points[i];
        }
    }
    thin.append(points.last());
    return thin;
}

} // namespace ms::ui
