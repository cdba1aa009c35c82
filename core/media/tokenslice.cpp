#include "core/media/tokenslice.h"

#include <cstdlib>
#include <limits>

namespace ms::core {

FeatureMatrix sliceTokens(const FeatureMatrix &film, qint64 startMs, qint64 endMs)
{
    FeatureMatrix out;
    out.dim = film.dim;
    int first = -1, last = -1;
    for (int t = 0; t < film.tokens; ++t) {
        const TokenSpan &s = film.spans[size_t(t)];
        if (s.endMs > startMs && s.startMs < endMs) {
            if (first < 0)
                first = t;
            last = t;
        }
    }
    if (first < 0 && film.tokens > 0) {
        // Shorter than a token, or past the end: the nearest token stands in.
        qint64 best = std::numeric_limits<qint64>::max();
        for (int t = 0; t < film.tokens; ++t) {
            const TokenSpan &s = film.spans[size_t(t)];
            const qint64 d = std::min(std::abs(s.startMs - startMs), std::abs(s.endMs - endMs));
            if (d < best) {
                best = d;
                first = last = t;
            }
        }
    }
    if (first < 0)
        return out;
    out.tokens = last - first + 1;
    out.data.assign(film.data.begin() + qsizetype(first) * film.dim,
                    film.data.begin() + qsizetype(last + 1) * film.dim);
    out.spans.assign(film.spans.begin() + first, film.spans.begin() + last + 1);
    return out;
}

} // namespace ms::core
