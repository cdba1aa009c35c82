#pragma once

#include "core/subtitledocument.h"

#include <QByteArray>
#include <QString>
#include <QStringView>
#include <optional>

namespace ms::core {

// Reads SRT and WebVTT as they are found in the wild rather than as the
// specs describe them: any mix of line endings, missing or wrong indexes,
// missing blank lines between cues, comma or dot before the milliseconds,
// hours optional, and HTML, WebVTT and ASS markup inside the text. The
// format comes from the content (a WEBVTT header), then the extension.
// A cue that cannot be read is reported with its line and skipped; a source
// with no readable cue at all is a UserError naming the file.
class SubtitleParser
{
public:
    enum class Format { Auto, Srt, WebVtt };

    // Throws UserError naming the file when it cannot be read, the encoding
    // is unknown, or no cue can be read.
    static SubtitleDocument readFile(const QString &path, const QString &encoding = {},
                                     Format format = Format::Auto);
    // `sourceName` names the source in errors and picks the format by its
    // extension when the content does not.
    static SubtitleDocument parse(const QByteArray &bytes, const QString &sourceName,
                                  const QString &encoding = {}, Format format = Format::Auto);
    static SubtitleDocument parseText(const QString &text, const QString &sourceName,
                                      Format format = Format::Auto);

    // "01:02:03,456", "01:02:03.456", "02:03.456", "0:01:02,5", "00:00:01".
    static std::optional<qint64> parseTimestamp(QStringView s);
    // Markup rules differ by source: what SRT players (VLC, MPC-HC) show,
    // what browsers show for WebVTT, and ASS events from a media stream.
    enum class Markup { Srt, WebVtt, Ass };

    // "01:02:03.456", "02:03.456", "120:00.000" (over 59: hours), as browsers
    // read WebVTT: two-digit minutes and seconds, three-digit fraction, a dot.
    static std::optional<qint64> parseWebVttTimestamp(QStringView s);

    // What a viewer reads. Srt (pysrt's capability_tester.srt): b, i, u, s
    // and font tags hidden, any other tag only when opened and closed in the
    // cue, a closing tag never opened and "2<3,5>1" shown as text; {\an8}
    // and {Y:i} codes hidden; \N a forced break, \h a hard space. WebVtt
    // (mozilla/vtt.js): every '<' opens a tag that runs to the next '>' or the
    // end, and is hidden. Ass: every brace block hidden, \N and \n breaks.
    // Then entities decoded, lines trimmed of spaces (not of hard spaces) and
    // lines left empty by the removal dropped.
    static QString stripMarkup(const QString &raw, Markup markup = Markup::Srt);
};

} // namespace ms::core
