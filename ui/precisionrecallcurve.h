#pragma once

#include <QList>
#include <QPointF>
#include <vector>

namespace ms::ui {

// The precision-recall curve of a binary classifier as the runs view draws
// it: one point (recall, precision) per distinct score threshold, from the
// highest score down, ties entering together (the points whose areas
// core::metrics::averagePrecision sums), preceded by (0, 1) as scikit-learn
// does so that the first step is drawn. Empty when there is no positive.
// Points are thinned to at most `maxPoints` (keeping the first and last) so a
// chart of 10,000 clips stays light; thinning keeps every recall step's
// lowest precision, so the drawn curve never looks better than the real one.
QList<QPointF> precisionRecallCurve(const std::vector<float> &scores,
                                    const std::vector<int> &targets, int maxPoints = 400);

} // namespace ms::ui
