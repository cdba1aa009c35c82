#pragma once

#include <QByteArray>
#include <QString>

namespace ms::core {

// Turns the bytes of a text file found in the wild into a QString. Subtitle
// and annotation files come from many tools: UTF-8 with or without a byte
// order mark, UTF-16 with one, and old Windows files in Windows-1252. Without
// an explicit encoding, a byte order mark wins, then strict UTF-8, and only
// bytes that are not valid UTF-8 are read as Windows-1252 (every byte decodes,
// so the fallback never fails; `guessed` tells the caller to say so).
class TextDecoder
{
public:
    struct Result
    {
        QString text;
        QString encoding; // "UTF-8", "UTF-16LE", "windows-1252", or the given name
        bool hadByteOrderMark = false;
        bool guessed = false;         // fell back to Windows-1252
        bool hadInvalidBytes = false; // only with an explicit encoding
    };

    // `encoding` empty: detect. Otherwise any name QStringDecoder knows
    // ("latin1", "windows-1252", "utf-8", ...); an unknown name throws
    // UserError naming `fileForErrors` and the option.
    static Result decode(const QByteArray &bytes, const QString &encoding = {},
                         const QString &fileForErrors = {});

    // Windows-1252 without ICU: Latin-1 except 0x80-0x9F. The five bytes
    // Windows leaves undefined map to the C1 controls, as browsers do.
    static QString fromWindows1252(const QByteArray &bytes);
};

} // namespace ms::core
