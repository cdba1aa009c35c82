#pragma once

#include "core/featurematrix.h"

#include <QStringList>

namespace ms::core {

// What one modality read from a whole film: its token sequence, to be cut
// into clips, and what the user should hear about the reading.
struct FilmTokens
{
    FeatureMatrix tokens;
    qint64 framesDecoded = 0; // video frames; 0 for the other modalities
    // false: the film has nothing of this modality (a silent film); its clips
    // get no features of it, and `warnings` says so.
    bool usable = true;
    QStringList warnings;
};

} // namespace ms::core
