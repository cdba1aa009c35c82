#pragma once

#include "ui/timescale.h"

#include <QList>
#include <algorithm>
#include <vector>

// The two look-ups every lane over a list of timed items needs. Items have
// startMs/endMs and are sorted by start (TimelineData keeps them so).
namespace ms::ui {

// Index of the first item that may be visible at `fromMs`: items may overlap,
// so the search starts from fromMs - the longest item.
template <typename T> int firstVisible(const QList<T> &items, double fromMs, qint64 longest)
{
    const double key = fromMs - double(longest);
    auto it = std::lower_bound(items.cbegin(), items.cend(), key,
                               [](const T &item, double k) { return double(item.startMs) < k; });
    return int(it - items.cbegin());
}

// columns[c] = the largest value(item) of the items over pixel column c of
// the scale's view (-1 where none), for `cols` columns: dense lanes merge the
// items narrower than a pixel this way.
template <typename T, typename Value>
void maxPerColumn(std::vector<float> &columns, const QList<T> &items, qint64 longest,
                  const TimeScale &scale, int cols, Value value)
{
    columns.assign(size_t(std::max(0, cols)), -1.0f);
    if (cols <= 0)
        return;
    // Thousands of items per lane: multiply instead of divide, and truncate
    // instead of floor (x is clamped to >= 0 first).
    const double from = scale.startMs(), to = scale.endMs();
    const double inv = 1.0 / scale.msPerPixel();
    float *col = columns.data();
    const int n = int(items.size());
    for (int i = firstVisible(items, from, longest); i < n; ++i) {
        const T &s = items[i];
        if (double(s.startMs) > to)
            break;
        if (double(s.endMs) < from)
            continue;
        const double x0 = std::max(0.0, (double(s.startMs) - from) * inv);
        const double x1 = (double(s.endMs) - from) * inv;
        const int c0 = std::min(cols - 1, int(x0));
        int c1 = int(x1);
        c1 += double(c1) < x1; // ceil
        c1 = std::min(cols, std::max(c0 + 1, c1));
        const float v = value(s);
        for (int c = c0; c < c1; ++c)
            col[c] = std::max(col[c], v);
    }
}

} // namespace ms::ui
