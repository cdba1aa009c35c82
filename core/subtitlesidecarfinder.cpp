#include "core/subtitlesidecarfinder.h"

#include "core/mediasubtitlereader.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <algorithm>

namespace ms::core {

namespace {

// The formats SubtitleParser reads.
const QStringList kSidecarSuffixes = {QStringLiteral("srt"), QStringLiteral("vtt")};
// Films that may sit beside this one and own sidecars of their own.
const QStringList kFilmSuffixes = {"mkv", "mp4",  "m4v", "mov", "avi", "webm", "mpg", "mpeg",
                                   "ts",  "m2ts", "wmv", "flv", "ogv", "mxf",  "3gp", "vob"};

// Name tags that say what kind of subtitles these are, not their language
// ("sdh" and "cc" would pass for three- and two-letter codes). "hi" is left
// out: alone it is Hindi, after a language (film.en.hi.srt) it is "hearing
// impaired" and becomes a flag because the language is already known.
bool isFlag(const QString &tag)
{
    static const QStringList flags = {"forced", "sdh", "cc", "default", "full", "sub", "subs"};
    return flags.contains(tag.toLower());
}

// "EN" -> "en", "pt_br" -> "pt-BR"; empty when `tag` is no language code.
QString languageOf(const QString &tag)
{
    static const QRegularExpression code(
        QStringLiteral("^([A-Za-z]{2,3})(?:[-_]([A-Za-z]{2}|[0-9]{3}))?$"));
    const QRegularExpressionMatch m = code.match(tag);
    if (!m.hasMatch())
        return {};
    const QString region = m.captured(2);
    return region.isEmpty() ? m.captured(1).toLower()
                            : m.captured(1).toLower() + u'-' + region.toUpper();
}

} // namespace

QString SubtitleSidecarFinder::Candidate::label() const
{
    QStringList details;
    if (!language.isEmpty())
        details.append(language);
    details += flags;
    if (kind == Kind::Stream) {
        QStringList parts{format};
        parts += details;
        return QStringLiteral("stream %1: %2")
            .arg(streamIndex)
            .arg(parts.join(QStringLiteral(", ")));
    }
    const QString name = QFileInfo(path).fileName();
    return details.isEmpty()
               ? name
               : QStringLiteral("%1 (%2)").arg(name, details.join(QStringLiteral(", ")));
}

QList<SubtitleSidecarFinder::Candidate> SubtitleSidecarFinder::find(const QString &filmPath)
{
    return sidecars(filmPath) + streams(filmPath);
}

QList<SubtitleSidecarFinder::Candidate> SubtitleSidecarFinder::sidecars(const QString &filmPath)
{
    const QFileInfo film(filmPath);
    const QString base = film.completeBaseName();
    QList<Candidate> out;
    if (base.isEmpty())
        return out;
    const QFileInfoList entries = film.dir().entryInfoList(QDir::Files | QDir::Readable);
    // Other media beside the film ("film.2.mkv" beside "film.mkv"): a sidecar
    // named after one of them ("film.2.srt") is that film's, not this one's.
    QStringList otherBases;
    for (const QFileInfo &entry : entries)
        if (kFilmSuffixes.contains(entry.suffix().toLower()) && entry.fileName() != film.fileName())
            otherBases.append(entry.completeBaseName().toLower());
    for (const QFileInfo &entry : entries) {
        const QString name = entry.fileName();
        // "<base>." then tags, then the suffix; compared without case, as a
        // sidecar made on Windows may well be FILM.EN.SRT.
        if (name.size() <= base.size() + 1 || !name.startsWith(base, Qt::CaseInsensitive) ||
            name.at(base.size()) != u'.')
            continue;
        const QString suffix = entry.suffix().toLower();
        if (!kSidecarSuffixes.contains(suffix))
            continue;
        const QString stem = name.left(name.size() - entry.suffix().size() - 1);
        const QString middle = stem.mid(base.size() + 1); // the tags; empty for "film.srt"
        Candidate c;
        c.kind = Candidate::Kind::Sidecar;
        c.path = entry.filePath();
        c.format = suffix;
        bool another = false;
        QString prefix = base.toLower();
        const QStringList tags = middle.split(u'.', Qt::SkipEmptyParts);
        for (const QString &tag : tags) {
            prefix += u'.' + tag.toLower();
            another |= otherBases.contains(prefix);
        }
        if (another)
            continue;
        for (const QString &tag : tags) {
            // "film.mkv.srt", as some tools name it: the film's own suffix says nothing.
            if (tag.compare(film.suffix(), Qt::CaseInsensitive) == 0)
                continue;
            const QString language = languageOf(tag);
            if (c.language.isEmpty() && !language.isEmpty() && !isFlag(tag))
                c.language = language;
            else
                c.flags.append(tag.toLower());
        }
        out.append(c);
    }
    std::sort(out.begin(), out.end(), [](const Candidate &a, const Candidate &b) {
        // Untagged first, then by language; a language's plain file before
        // its forced or SDH one; SRT before WebVTT; the name settles the rest.
        const bool aPlain = a.language.isEmpty() && a.flags.isEmpty();
        const bool bPlain = b.language.isEmpty() && b.flags.isEmpty();
        if (aPlain != bPlain)
            return aPlain;
        const auto key = [](const Candidate &c) {
            return std::make_tuple(c.language.isEmpty(), c.language.toLower(), c.flags.size(),
                                   c.flags.join(u'.'), kSidecarSuffixes.indexOf(c.format),
                                   QFileInfo(c.path).fileName());
        };
        return key(a) < key(b);
    });
    return out;
}

QList<SubtitleSidecarFinder::Candidate> SubtitleSidecarFinder::streams(const QString &filmPath)
{
    QList<Candidate> out;
    for (const MediaSubtitleReader::Stream &s : MediaSubtitleReader::subtitleStreams(filmPath)) {
        if (!s.textBased)
            continue;
        Candidate c;
        c.kind = Candidate::Kind::Stream;
        c.path = filmPath;
        c.streamIndex = s.index;
        c.language = s.language;
        if (!s.title.isEmpty())
            c.flags.append(s.title);
        c.format = s.codec;
        out.append(c);
    }
    return out;
}

} // namespace ms::core
