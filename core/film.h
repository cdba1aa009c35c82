#pragma once

#include "core/mediaprobe.h"

#include <QString>

namespace ms::core {

// A film of the project, known by an IMDb-style id ("tt0108160").
struct Film
{
    qint64 id = 0; // database id
    QString movieId;
    QString title;
    QString mediaPath; // empty until media is attached; relative to the project folder when inside it
    QString mediaFingerprint; // FileFingerprint of the media when attached
    MediaInfo media; // what the probe said when the media was attached; empty without media
    QString subtitlesPath;    // an external subtitle file, same rule as mediaPath
    // The subtitles are the media's own text stream with this container
    // index instead (subtitlesPath is empty then); -1: not a stream.
    int subtitlesStream = -1;
};

} // namespace ms::core
