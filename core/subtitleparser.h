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
    // What a viewer reads: tags (<i>, <font ...>, <c.x>, <v Name>, <00:01.000>),
    // {\an8}-style ASS codes and HTML entities removed, lines trimmed, lines
    // left empty by the removal dropped. `ass` also turns ASS's \N, \n and \h
    // into a line break and a space (for ASS events, not for SRT text).
    static QString stripMarkup(const QString &raw, bool ass = false);
};

} // namespace ms::core
