#pragma once

#include "core/subtitledocument.h"

#include <QString>

namespace ms::core {

// Where a film's subtitles are read from: a subtitle file (SRT, WebVTT; a
// sidecar or one chosen by hand) or a text subtitle stream inside the film
// (mov_text in MP4, SubRip or ASS in MKV). The one place that turns a
// film's stored choice into cues, so the subtitles lane, the text features
// and segmentation by cues read the same thing.
struct SubtitleSource
{
    QString path;    // the subtitle file; for a stream, the film's media file; empty: none
    int stream = -1; // >= 0: that stream (its index in the container) of the file at `path`

    bool isEmpty() const { return path.isEmpty(); }
    bool isStream() const { return stream >= 0; }
    // The cues (SubtitleParser for a file, MediaSubtitleReader for a
    // stream); UserError naming the file when it cannot be read.
    SubtitleDocument read() const;
    // For people: "film.en.srt", "film.mkv, stream 2".
    QString displayName() const;

    bool operator==(const SubtitleSource &) const = default;
};

} // namespace ms::core
