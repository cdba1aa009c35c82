#pragma once

#include <QString>

namespace ms::core {

// One timed subtitle. `text` is what a viewer reads (markup, ASS codes and
// entities removed, lines joined by '\n') and what the textual modality is
// built from; `rawText` keeps the file's own markup so nothing is lost when a
// cue is shown styled or written back.
struct SubtitleCue
{
    qint64 startMs = 0;
    qint64 endMs = 0;
    QString text;
    QString rawText;
    QString identifier; // SRT index or WebVTT cue id, as written (may be wrong or empty)
    QString settings;   // WebVTT cue settings ("align:start position:10%"), as written
    int line = 0;       // 1-based line of the timing line; 0 for cues from a media stream
};

} // namespace ms::core
