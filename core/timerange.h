#pragma once

#include <QtGlobal>

namespace ms::core {

// A half-open span of a film, [startMs, endMs): what a proposed clip covers.
// Half-open so that consecutive clips share their boundary without overlapping.
struct TimeRange
{
    qint64 startMs = 0;
    qint64 endMs = 0;

    qint64 length() const { return endMs - startMs; }
    bool operator==(const TimeRange &) const = default;
};

} // namespace ms::core
