#pragma once

#include "core/featurematrix.h"

namespace ms::core {

// The tokens of a film's time-ordered token sequence (video windows, audio
// chunks) that overlap [startMs, endMs); at least the nearest one when none
// overlaps, so a clip shorter than a token, or past the end of a damaged
// film, still gets a token.
FeatureMatrix sliceTokens(const FeatureMatrix &film, qint64 startMs, qint64 endMs);

} // namespace ms::core
