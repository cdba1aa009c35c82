#pragma once

#include <QString>
#include <optional>

namespace ms::core {

// A clip: a named part of a film. Times are optional: ObyGaze12 rows name
// MovieGraphs scenes without times and stay valid, annotation-only.
struct Clip
{
    qint64 id = 0; // database id
    qint64 filmId = 0;
    QString name; // the clip id users see ("tt0108160-001")
    QString movieId;
    std::optional<qint64> startMs;
    std::optional<qint64> endMs;
};

} // namespace ms::core
