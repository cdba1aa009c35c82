#include "core/subtitleparser.h"

#include "core/error.h"
#include "core/textdecoder.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStringList>

namespace ms::core {

namespace {

// Subtitle files are a few hundred KB; anything far larger is another kind
// of file given by mistake, and reading it whole would only waste memory.
constexpr qint64 kMaxFileBytes = 64LL * 1024 * 1024;

bool isBlank(const QString &line)
{
    return line.trimmed().isEmpty();
}

bool isAsciiDigits(QStringView s)
{
    if (s.isEmpty())
        return false;
    for (QChar c : s)
        if (c < u'0' || c > u'9')
            return false;
    return true;
}

bool isIndex(const QString &line)
{
    return isAsciiDigits(QStringView(line).trimmed());
}

// "->" is accepted only after something that looks like a time, so that
// dialogue such as "A -> B" is not taken for a timing line.
qsizetype arrowPosition(const QString &line)
{
    const qsizetype arrow = line.indexOf(u"->");
    if (arrow < 0)
        return -1;
    if (line.indexOf(u"-->") >= 0)
        return arrow;
    const QStringView left = QStringView(line).left(arrow).trimmed();
    if (left.isEmpty() || left.front() < u'0' || left.front() > u'9')
        return -1;
    for (QChar c : left)
        if (!(c.isDigit() || c == u':' || c == u'.' || c == u',' || c == u'-' || c.isSpace()))
            return -1;
    return arrow;
}

bool isTiming(const QString &line)
{
    return arrowPosition(line) >= 0;
}

bool isVttHeader(const QString &line)
{
    return line.startsWith(QLatin1String("WEBVTT"), Qt::CaseInsensitive) &&
           (line.size() == 6 || line.at(6).isSpace());
}

// NOTE, STYLE and REGION blocks carry no cue; the keyword stands alone or is
// followed by a space.
bool isVttNonCueBlock(const QString &line)
{
    for (QLatin1String keyword :
         {QLatin1String("NOTE"), QLatin1String("STYLE"), QLatin1String("REGION")})
        if (line.startsWith(keyword) &&
            (line.size() == keyword.size() || line.at(keyword.size()).isSpace()))
            return true;
    return false;
}

QString quoted(const QString &line)
{
    const QString t = line.trimmed();
    return u'\'' + (t.size() > 60 ? t.left(57) + QStringLiteral("...") : t) + u'\'';
}

QString decodeEntities(const QString &s)
{
    if (!s.contains(u'&'))
        return s;
    static const QRegularExpression entity(
        QStringLiteral("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z]{2,8});"));
    QString out;
    qsizetype last = 0;
    auto it = entity.globalMatch(s);
    while (it.hasNext()) {
        const auto m = it.next();
        const QString name = m.captured(1);
        QString replacement;
        if (name.startsWith(u'#')) {
            bool ok = false;
            const uint cp = (name.size() > 1 && (name.at(1) == u'x' || name.at(1) == u'X'))
                                ? name.mid(2).toUInt(&ok, 16)
                                : name.mid(1).toUInt(&ok, 10);
            if (ok && cp > 0 && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF)) {
                const char32_t c = cp;
                replacement = QString::fromUcs4(&c, 1);
            }
        } else {
            static const QHash<QString, QString> named{
                {QStringLiteral("amp"), QStringLiteral("&")},
                {QStringLiteral("lt"), QStringLiteral("<")},
                {QStringLiteral("gt"), QStringLiteral(">")},
                {QStringLiteral("quot"), QStringLiteral("\"")},
                {QStringLiteral("apos"), QStringLiteral("'")},
                {QStringLiteral("nbsp"), QString(QChar(0x00A0))},
                {QStringLiteral("lrm"), QString(QChar(0x200E))},
                {QStringLiteral("rlm"), QString(QChar(0x200F))}};
            replacement = named.value(name);
        }
        if (replacement.isEmpty())
            continue; // unknown: leave the text as written
        out += QStringView(s).mid(last, m.capturedStart() - last);
        out += replacement;
        last = m.capturedEnd();
    }
    out += QStringView(s).mid(last);
    return out;
}

struct Timing
{
    qint64 startMs = 0;
    qint64 endMs = 0;
    QString settings;
};

std::optional<Timing> parseTimingLine(const QString &line, bool vtt)
{
    const qsizetype arrow = arrowPosition(line);
    if (arrow < 0)
        return std::nullopt;
    QStringView left = QStringView(line).left(arrow);
    while (!left.isEmpty() && (left.back() == u'-' || left.back().isSpace()))
        left.chop(1);
    const QStringView right = QStringView(line).mid(arrow + 2).trimmed();
    qsizetype endOfTime = 0;
    while (endOfTime < right.size() && !right.at(endOfTime).isSpace())
        ++endOfTime;
    const auto parse = vtt ? &SubtitleParser::parseWebVttTimestamp : &SubtitleParser::parseTimestamp;
    const auto start = parse(left);
    const auto end = parse(right.left(endOfTime));
    if (!start || !end)
        return std::nullopt;
    return Timing{*start, *end, right.mid(endOfTime).trimmed().toString()};
}

QString formatMs(qint64 ms)
{
    return QStringLiteral("%1:%2:%3.%4")
        .arg(ms / 3600000, 2, 10, QLatin1Char('0'))
        .arg(ms / 60000 % 60, 2, 10, QLatin1Char('0'))
        .arg(ms / 1000 % 60, 2, 10, QLatin1Char('0'))
        .arg(ms % 1000, 3, 10, QLatin1Char('0'));
}

// One pass over the lines serves both formats: they differ only in the
// WebVTT header and non-cue blocks, and in what may stand before a timing
// line when a blank line is missing (SRT: a number; WebVTT: any cue id).
void parseLines(const QStringList &lines, bool vtt, SubtitleDocument &doc)
{
    const qsizetype n = lines.size();
    auto problem = [&doc](qsizetype index, const QString &message) {
        doc.problems.append({int(index + 1), message});
    };
    qsizetype i = 0;
    if (vtt) {
        if (n > 0 && isVttHeader(lines.first())) {
            while (i < n && !isBlank(lines.at(i)) && (i == 0 || !isTiming(lines.at(i))))
                ++i;
        } else {
            doc.problems.append({1, QStringLiteral("no WEBVTT header; read as WebVTT anyway")});
        }
    }
    auto startsCue = [&](qsizetype k) {
        return k + 1 < n && isTiming(lines.at(k + 1)) && (vtt || isIndex(lines.at(k)));
    };
    while (i < n) {
        const QString &line = lines.at(i);
        if (isBlank(line)) {
            ++i;
            continue;
        }
        if (vtt && isVttNonCueBlock(line) && !isTiming(line)) {
            while (i < n && !isBlank(lines.at(i)))
                ++i;
            continue;
        }
        qsizetype timing = -1;
        QString identifier;
        if (isTiming(line)) {
            timing = i;
        } else if (i + 1 < n && isTiming(lines.at(i + 1))) {
            // Any single line before the timing line is the index or cue id;
            // SRT indexes are often wrong or renumbered, and nothing needs them.
            identifier = line.trimmed();
            timing = i + 1;
        } else {
            problem(i, QStringLiteral("text outside any cue ignored: expected a cue number or "
                                      "a timing line, found %1")
                           .arg(quoted(line)));
            while (i < n && !isBlank(lines.at(i)) && !isTiming(lines.at(i)) && !startsCue(i))
                ++i;
            continue;
        }
        qsizetype j = timing + 1;
        QStringList text;
        while (j < n && !isBlank(lines.at(j)) && !isTiming(lines.at(j)) && !startsCue(j))
            text.append(lines.at(j++));
        i = j;

        const auto t = parseTimingLine(lines.at(timing), vtt);
        if (!t) {
            problem(timing, QStringLiteral("bad timing line %1 (expected like "
                                           "%2); cue skipped")
                                .arg(quoted(lines.at(timing)),
                                     vtt ? QStringLiteral("00:01:02.500 --> 00:01:04.000")
                                         : QStringLiteral("00:01:02,500 --> 00:01:04,000")));
            continue;
        }
        if (t->endMs < t->startMs) {
            problem(timing, QStringLiteral("cue ends before it starts (%1 --> %2); cue skipped")
                                .arg(formatMs(t->startMs), formatMs(t->endMs)));
            continue;
        }
        SubtitleCue cue;
        cue.startMs = t->startMs;
        cue.endMs = t->endMs;
        cue.settings = t->settings;
        cue.identifier = identifier;
        cue.rawText = text.join(u'\n');
        cue.text = SubtitleParser::stripMarkup(
            cue.rawText, vtt ? SubtitleParser::Markup::WebVtt : SubtitleParser::Markup::Srt);
        cue.line = int(timing + 1);
        doc.cues.append(cue);
    }
}

} // namespace

std::optional<qint64> SubtitleParser::parseTimestamp(QStringView s)
{
    s = s.trimmed();
    const auto parts = s.split(u':');
    if (parts.size() < 2 || parts.size() > 3)
        return std::nullopt;
    QStringView seconds = parts.last();
    QStringView fraction;
    const qsizetype sep = std::max(seconds.indexOf(u','), seconds.indexOf(u'.'));
    if (sep >= 0) {
        fraction = seconds.mid(sep + 1);
        seconds = seconds.left(sep);
        if (!isAsciiDigits(fraction) || fraction.size() > 9)
            return std::nullopt;
    }
    const QStringView minutes = parts.at(parts.size() - 2);
    const QStringView hours = parts.size() == 3 ? parts.first() : QStringView(u"0");
    if (!isAsciiDigits(seconds) || seconds.size() > 2 || !isAsciiDigits(minutes) ||
        minutes.size() > 2 || !isAsciiDigits(hours) || hours.size() > 4)
        return std::nullopt;
    const qint64 h = hours.toLongLong(), m = minutes.toLongLong(), sec = seconds.toLongLong();
    if (m >= 60 || sec >= 60)
        return std::nullopt;
    qint64 ms = 0;
    if (!fraction.isEmpty()) {
        // "5" is half a second; digits beyond the millisecond are rounded.
        const qint64 value = fraction.toLongLong();
        qint64 scale = 1;
        for (qsizetype k = fraction.size(); k < 3; ++k)
            scale *= 10;
        qint64 divisor = 1;
        for (qsizetype k = 3; k < fraction.size(); ++k)
            divisor *= 10;
        ms = (value * scale + divisor / 2) / divisor;
    }
    return ((h * 60 + m) * 60 + sec) * 1000 + ms;
}

std::optional<qint64> SubtitleParser::parseWebVttTimestamp(QStringView s)
{
    s = s.trimmed();
    const auto parts = s.split(u':');
    if (parts.size() < 2 || parts.size() > 3)
        return std::nullopt;
    const qsizetype dot = parts.last().indexOf(u'.');
    if (dot < 0)
        return std::nullopt;
    const QStringView seconds = parts.last().left(dot), fraction = parts.last().mid(dot + 1);
    const QStringView first = parts.first();
    if (!isAsciiDigits(first) || first.size() > 9 || !isAsciiDigits(seconds) ||
        seconds.size() != 2 || !isAsciiDigits(fraction) || fraction.size() != 3)
        return std::nullopt;
    qint64 h = 0, m = 0;
    if (parts.size() == 3) {
        if (!isAsciiDigits(parts.at(1)) || parts.at(1).size() != 2)
            return std::nullopt;
        h = first.toLongLong();
        m = parts.at(1).toLongLong();
    } else if (first.size() == 2) {
        m = first.toLongLong();
    } else if (first.toLongLong() > 59) {
        // vtt.js: "120:00.000" is hours and minutes, as the first field
        // cannot be minutes; "000:00.000" is refused.
        h = first.toLongLong();
        m = seconds.toLongLong();
        return ((h * 60 + m) * 60) * 1000 + fraction.toLongLong();
    } else {
        return std::nullopt;
    }
    const qint64 sec = seconds.toLongLong();
    if (m >= 60 || sec >= 60)
        return std::nullopt;
    return ((h * 60 + m) * 60 + sec) * 1000 + fraction.toLongLong();
}

namespace {

bool isFormattingTag(QStringView name)
{
    for (QLatin1String t : {QLatin1String("b"), QLatin1String("i"), QLatin1String("u"),
                            QLatin1String("s"), QLatin1String("font")})
        if (name.compare(t, Qt::CaseInsensitive) == 0)
            return true;
    return false;
}

// SRT as players show it: a formatting tag (b, i, u, s, font) is hidden
// when it opens and when it closes something open; any other tag is hidden
// only as a pair opened and closed in the cue; everything else that looks
// like a tag is text. A tag starts with a letter, so "2<3,5>1" is text.
QString removeSrtTags(const QString &s)
{
    static const QRegularExpression tag(
        QStringLiteral("<(/?)([A-Za-z][A-Za-z0-9_-]*)((?:[.\\s][^<>]*)?)>"));
    struct Tag
    {
        qsizetype start, length;
        bool closing;
        QString name;
        bool hidden = false;
    };
    QList<Tag> tags;
    auto it = tag.globalMatch(s);
    while (it.hasNext()) {
        const auto m = it.next();
        tags.append({m.capturedStart(), m.capturedLength(), !m.capturedView(1).isEmpty(),
                     m.captured(2).toLower()});
    }
    if (tags.isEmpty())
        return s;
    QHash<QString, QList<qsizetype>> open; // per name, the unmatched openings
    for (qsizetype k = 0; k < tags.size(); ++k) {
        Tag &t = tags[k];
        if (!t.closing) {
            open[t.name].append(k);
            t.hidden = isFormattingTag(t.name);
            continue;
        }
        auto &stack = open[t.name];
        if (!stack.isEmpty()) {
            tags[stack.takeLast()].hidden = true;
            t.hidden = true;
        }
    }
    QString out;
    qsizetype last = 0;
    for (const Tag &t : tags) {
        if (!t.hidden)
            continue;
        out += QStringView(s).mid(last, t.start - last);
        last = t.start + t.length;
    }
    out += QStringView(s).mid(last);
    return out;
}

bool isTrimmedSpace(QChar c)
{
    // Hard spaces (\h, U+00A0) are meant to stay at the ends of a line.
    return c.isSpace() && c != QChar(0x00A0);
}

QString trimSpaces(QStringView s)
{
    qsizetype b = 0, e = s.size();
    while (b < e && isTrimmedSpace(s.at(b)))
        ++b;
    while (e > b && isTrimmedSpace(s.at(e - 1)))
        --e;
    return s.mid(b, e - b).toString();
}

} // namespace

QString SubtitleParser::stripMarkup(const QString &raw, Markup markup)
{
    static const QRegularExpression lineBreakTag(QStringLiteral("<br\\s*/?>"),
                                                 QRegularExpression::CaseInsensitiveOption);
    // WebVTT: '<' always opens a tag, which ends at '>' or with the cue.
    static const QRegularExpression vttTag(QStringLiteral("<[^>]*>?"));
    // SRT: ASS override blocks ({\an8}) and MicroDVD codes ({Y:i}), not
    // braces around words ("{laughs}").
    static const QRegularExpression codeInSrt(QStringLiteral("\\{(?:\\\\|[A-Za-z]:)[^}]*\\}"));
    static const QRegularExpression assBlock(QStringLiteral("\\{[^}]*\\}"));
    QString s = raw;
    switch (markup) {
    case Markup::WebVtt:
        s.remove(vttTag);
        break;
    case Markup::Ass:
        s.remove(assBlock); // in ASS every brace block is an override or a comment
        s.replace(QLatin1String("\\n"), QLatin1String("\\N"));
        s = removeSrtTags(s);
        break;
    case Markup::Srt:
        s.remove(codeInSrt);
        s.replace(lineBreakTag, QStringLiteral("\n"));
        s = removeSrtTags(s);
        break;
    }
    s = decodeEntities(s);
    QStringList kept;
    for (const QString &line : s.split(u'\n')) {
        QString t = trimSpaces(line);
        if (t.isEmpty())
            continue;
        if (markup != Markup::WebVtt) {
            // Forced breaks and hard spaces stay even where they leave an
            // empty line or spaces at an end: they were asked for.
            t.replace(QLatin1String("\\N"), QLatin1String("\n"));
            t.replace(QLatin1String("\\h"), QString(QChar(0x00A0)));
        }
        kept.append(t);
    }
    return kept.join(u'\n');
}

SubtitleDocument SubtitleParser::parseText(const QString &input, const QString &sourceName,
                                           Format format)
{
    QString text = input;
    text.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    text.replace(u'\r', u'\n'); // old Mac files
    text.remove(QChar(0xFEFF)); // byte order marks left by concatenated files
    const QStringList lines = text.split(u'\n');

    if (format == Format::Auto) {
        QString first;
        for (const QString &l : lines)
            if (!isBlank(l)) {
                first = l.trimmed();
                break;
            }
        const QString suffix = QFileInfo(sourceName).suffix().toLower();
        format = isVttHeader(first) || suffix == u"vtt" || suffix == u"webvtt" ? Format::WebVtt
                                                                               : Format::Srt;
    }
    SubtitleDocument doc;
    doc.path = sourceName;
    doc.format = format == Format::WebVtt ? QStringLiteral("webvtt") : QStringLiteral("srt");
    doc.encoding = QStringLiteral("UTF-8");
    parseLines(lines, format == Format::WebVtt, doc);
    doc.sortCues();

    if (doc.cues.isEmpty()) {
        if (text.contains(QChar(0)))
            throw UserError(QStringLiteral("%1: binary data, not an SRT or WebVTT file; to read "
                                           "subtitles inside a video, read its subtitle stream")
                                .arg(sourceName));
        QString why;
        for (const auto &p : doc.problems)
            if (p.line > 0) {
                why = QStringLiteral("; line %1: %2").arg(p.line).arg(p.message);
                break;
            }
        throw UserError(
            QStringLiteral("%1: no subtitle cue could be read (expected SRT or WebVTT)%2")
                .arg(sourceName, why));
    }
    return doc;
}

SubtitleDocument SubtitleParser::parse(const QByteArray &bytes, const QString &sourceName,
                                       const QString &encoding, Format format)
{
    const TextDecoder::Result decoded = TextDecoder::decode(bytes, encoding, sourceName);
    if (decoded.text.trimmed().isEmpty())
        throw UserError(QStringLiteral("%1: the file is empty; there is no subtitle cue to read")
                            .arg(sourceName));
    SubtitleDocument doc = parseText(decoded.text, sourceName, format);
    doc.encoding = decoded.encoding;
    doc.hadByteOrderMark = decoded.hadByteOrderMark;
    doc.encodingGuessed = decoded.guessed;
    if (decoded.hadInvalidBytes)
        doc.problems.prepend(
            {0, QStringLiteral("some bytes are not valid %1 and were replaced; is another "
                               "encoding right?")
                    .arg(decoded.encoding)});
    return doc;
}

SubtitleDocument SubtitleParser::readFile(const QString &path, const QString &encoding,
                                          Format format)
{
    const QFileInfo info(path);
    if (!info.exists())
        throw UserError(QStringLiteral("%1: no such file").arg(path));
    if (info.isDir())
        throw UserError(QStringLiteral("%1: is a folder, not a subtitle file").arg(path));
    if (info.size() > kMaxFileBytes)
        throw UserError(QStringLiteral("%1: %2 MB is far too large for an SRT or WebVTT file")
                            .arg(path)
                            .arg(info.size() / (1024 * 1024)));
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        throw UserError(QStringLiteral("%1: cannot read it: %2").arg(path, f.errorString()));
    return parse(f.readAll(), path, encoding, format);
}

} // namespace ms::core
