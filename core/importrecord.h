#pragma once

#include "core/level.h"

#include <QString>
#include <QStringList>
#include <optional>

namespace ms::core {

// One row of an annotation table, read and checked, ready to be applied to a
// project. Readers of every format produce these; the database applies them.
struct ImportRecord
{
    int line = 0; // line in the source file, for messages
    QString clipId;
    QString movieId;
    bool hasTimes = false; // false: the format has no times, keep the project's
    std::optional<qint64> startMs;
    std::optional<qint64> endMs;
    std::optional<Level> level; // nullopt: the clip stays unannotated
    QString sourceLabel;        // the label as the file wrote it ("Not Sure")
    QStringList concepts;       // normalised names, in file order, no duplicates
    // Whose annotation this row is, when the table says so (an annotator
    // column); empty: the import's annotator (--annotator or the format's).
    QString annotator;
};

} // namespace ms::core
