#pragma once

#include "core/subtitledocument.h"

#include <QList>
#include <QString>

namespace ms::core {

// Reads the text subtitle streams muxed into a film (SubRip, ASS/SSA,
// mov_text, WebVTT in MKV or MP4) with libavformat/libavcodec. FFmpeg hands
// every text codec back as ASS events, so one path strips the event fields and
// override codes whatever the stream's codec. Bitmap subtitles (DVD, PGS)
// would need OCR and are refused with a UserError that says so.
class MediaSubtitleReader
{
public:
    struct Stream
    {
        int index = 0; // index in the container, as FFmpeg and MediaInfo number it
        QString codec; // "subrip", "ass", "mov_text", "webvtt", "hdmv_pgs_subtitle", ...
        QString language;
        QString title;
        bool textBased = false;
    };

    // The subtitle streams of a media file (maybe none); UserError naming the
    // file when FFmpeg cannot open it.
    static QList<Stream> subtitleStreams(const QString &path);
    // Decodes one stream to cues (line numbers are 0); `streamIndex` -1 takes
    // the first text subtitle stream. UserError naming the file when the
    // stream is missing, not a subtitle, bitmap-based, or holds no cue.
    static SubtitleDocument read(const QString &path, int streamIndex = -1);
    // The Text field of an ASS event, with or without the "Dialogue:" prefix
    // and timing fields, markup removed.
    static QString assEventText(const QString &event);
};

} // namespace ms::core
