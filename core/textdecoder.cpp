#include "core/textdecoder.h"

#include "core/error.h"

#include <QStringDecoder>

namespace ms::core {

namespace {

const char16_t kWindows1252High[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

bool isWindows1252Name(const QString &name)
{
    QString n = name.toLower();
    n.remove(u'-');
    n.remove(u'_');
    return n == u"windows1252" || n == u"cp1252" || n == u"win1252";
}

bool startsWith(const QByteArray &b, std::initializer_list<unsigned char> prefix)
{
    if (b.size() < qsizetype(prefix.size()))
        return false;
    qsizetype i = 0;
    for (unsigned char c : prefix)
        if (static_cast<unsigned char>(b.at(i++)) != c)
            return false;
    return true;
}

// UTF-16 saved without a byte order mark (some Windows tools do) shows as
// ASCII with every other byte zero; the side of the zeros gives the order.
QStringConverter::Encoding utf16WithoutBom(const QByteArray &b)
{
    const qsizetype n = std::min<qsizetype>(b.size(), 4096) & ~qsizetype(1);
    if (n < 8)
        return QStringConverter::System;
    qsizetype evenZeros = 0, oddZeros = 0;
    for (qsizetype i = 0; i < n; i += 2) {
        evenZeros += b.at(i) == 0;
        oddZeros += b.at(i + 1) == 0;
    }
    const qsizetype pairs = n / 2;
    if (oddZeros * 10 > pairs * 7 && evenZeros * 20 < pairs)
        return QStringConverter::Utf16LE;
    if (evenZeros * 10 > pairs * 7 && oddZeros * 20 < pairs)
        return QStringConverter::Utf16BE;
    return QStringConverter::System;
}

} // namespace

QString TextDecoder::fromWindows1252(const QByteArray &bytes)
{
    QString s(bytes.size(), Qt::Uninitialized);
    QChar *out = s.data();
    for (char c : bytes) {
        const auto u = static_cast<unsigned char>(c);
        *out++ = (u >= 0x80 && u < 0xA0) ? QChar(kWindows1252High[u - 0x80]) : QChar(u);
    }
    return s;
}

TextDecoder::Result TextDecoder::decode(const QByteArray &bytes, const QString &encoding,
                                        const QString &fileForErrors)
{
    Result r;
    if (!encoding.isEmpty()) {
        // Stateless: a multi-byte sequence cut off at the end of the file must
        // count as an error, not wait for bytes that never come.
        QStringDecoder dec(encoding.toUtf8().constData(), QStringConverter::Flag::Stateless);
        if (!dec.isValid()) {
            if (!isWindows1252Name(encoding))
                throw UserError(QStringLiteral("%1: unknown encoding '%2'; use a name such as "
                                               "utf-8, windows-1252, latin1 or utf-16")
                                    .arg(fileForErrors, encoding));
            r.text = fromWindows1252(bytes);
            r.encoding = QStringLiteral("windows-1252");
            return r;
        }
        r.text = dec(bytes);
        r.hadInvalidBytes = dec.hasError();
        r.encoding = QString::fromLatin1(dec.name());
        return r;
    }

    // Byte order marks; UTF-32 first because its little-endian mark starts
    // like UTF-16's.
    struct Bom
    {
        std::initializer_list<unsigned char> bytes;
        QStringConverter::Encoding encoding;
    };
    const Bom boms[] = {{{0xEF, 0xBB, 0xBF}, QStringConverter::Utf8},
                        {{0xFF, 0xFE, 0x00, 0x00}, QStringConverter::Utf32LE},
                        {{0x00, 0x00, 0xFE, 0xFF}, QStringConverter::Utf32BE},
                        {{0xFF, 0xFE}, QStringConverter::Utf16LE},
                        {{0xFE, 0xFF}, QStringConverter::Utf16BE}};
    QStringConverter::Encoding enc = QStringConverter::System;
    for (const Bom &bom : boms) {
        if (startsWith(bytes, bom.bytes)) {
            enc = bom.encoding;
            r.hadByteOrderMark = true;
            break;
        }
    }
    if (enc == QStringConverter::System)
        enc = utf16WithoutBom(bytes);
    if (enc != QStringConverter::System) {
        QStringDecoder dec(enc, QStringConverter::Flag::Stateless); // drops the byte order mark
        r.text = dec(bytes);
        r.encoding = QString::fromLatin1(QStringConverter::nameForEncoding(enc));
        return r;
    }

    QStringDecoder utf8(QStringConverter::Utf8, QStringConverter::Flag::Stateless);
    r.text = utf8(bytes);
    if (!utf8.hasError()) {
        r.encoding = QStringLiteral("UTF-8");
        return r;
    }
    r.text = fromWindows1252(bytes);
    r.encoding = QStringLiteral("windows-1252");
    r.guessed = true;
    return r;
}

} // namespace ms::core
