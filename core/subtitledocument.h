#pragma once

#include "core/subtitlecue.h"

#include <QList>
#include <QString>

namespace ms::core {

// The cues read from one subtitle source (an SRT/WebVTT file or a stream
// inside a media file) and what went wrong on the way. Broken cues are not
// fatal: they are listed in `problems` with their line so the user can fix
// the file, and every other cue is kept.
struct SubtitleDocument
{
    struct Problem
    {
        int line = 0; // 1-based; 0 when the problem is not tied to a line
        QString message;
    };

    QString path;
    QString format;   // "srt", "webvtt", or FFmpeg's codec name for an embedded stream
    QString encoding; // the encoding the bytes were decoded with
    bool hadByteOrderMark = false;
    // True when the bytes were not valid UTF-8 and no encoding was given, so
    // Windows-1252 was assumed: the user should check accented letters.
    bool encodingGuessed = false;
    QList<SubtitleCue> cues;
    QList<Problem> problems;

    // Stable, so cues that start together keep the file's order (overlapping
    // cues are legitimate: two speakers, or a sign and a line of dialogue).
    void sortCues();
};

} // namespace ms::core
