#include "core/formats/elaneafformat.h"

#include "core/clipnamepattern.h"
#include "core/error.h"
#include "core/level.h"
#include "core/modality.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>
#include <algorithm>
#include <array>

namespace ms::core {

namespace {

const QString kMovieProperty = QStringLiteral("modalscope:movie");
// A fixed date: the same records always give the same bytes, so exports can
// be compared and diffed; ELAN puts its own date in when it saves.
const QString kWrittenDate = QStringLiteral("2000-01-01T00:00:00+00:00");

struct Slot
{
    QString id;
    std::optional<qint64> value; // nullopt: unaligned (subdivisions)
    int line = 0;
};

struct Annotation
{
    QString id;
    int line = 0;
    int tier = -1;
    bool alignable = false;
    QString slot1, slot2; // alignable
    QString ref;          // reference annotation
    QString value;
};

struct Tier
{
    QString id;
    QString parent; // PARENT_REF: the tier a dependent tier hangs on
    int line = 0;
    QList<int> annotations;
};

// What the file says, before the tier convention gives it a meaning.
struct EafDocument
{
    QString movieProperty;
    QString mediaName;
    QList<Slot> timeSlots;
    QHash<QString, int> slotIndex;
    QList<qint64> slotTimes; // every slot's time, unaligned ones spread between neighbours
    QList<Tier> tiers;
    QHash<QString, int> tierIndex;
    QList<Annotation> annotations;
    QHash<QString, int> annotationIndex;
};

[[noreturn]] void fail(const QString &origin, qint64 line, const QString &why)
{
    throw UserError(QStringLiteral("%1: line %2: %3").arg(origin).arg(line).arg(why));
}

QByteArray readFileBytes(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        throw UserError(QStringLiteral("%1: no such file").arg(path));
    if (info.isDir())
        throw UserError(QStringLiteral("%1: is a folder, not an ELAN file").arg(path));
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        throw UserError(QStringLiteral("%1: cannot read it: %2").arg(path, f.errorString()));
    return f.readAll();
}

// The id an element at `line` declares: present (else `missing`) and not
// declared before among `items`, the time slots, tiers or annotations (else
// `twice`, given the id and the first one's line).
template <typename Item>
QString declaredId(const QString &origin, qint64 line, const QString &id, const QString &missing,
                   const QHash<QString, int> &index, const QList<Item> &items, const QString &twice)
{
    if (id.isEmpty())
        fail(origin, line, missing);
    if (index.contains(id))
        fail(origin, line, twice.arg(id).arg(items[index.value(id)].line));
    return id;
}

QString mediaBaseName(const QString &url)
{
    const QUrl u(url);
    const QString path = u.isValid() && !u.path().isEmpty() ? u.path() : url;
    return QFileInfo(path).completeBaseName();
}

EafDocument readDocument(const QByteArray &eaf, const QString &origin)
{
    if (eaf.trimmed().isEmpty())
        throw UserError(QStringLiteral("%1: the file is empty; an ELAN file is XML with an "
                                       "ANNOTATION_DOCUMENT")
                            .arg(origin));
    QXmlStreamReader xml(eaf);
    EafDocument doc;
    bool sawRoot = false;
    int tier = -1;
    int annotation = -1;
    QString videoMedia, anyMedia;
    while (!xml.atEnd()) {
        const QXmlStreamReader::TokenType token = xml.readNext();
        if (token == QXmlStreamReader::EndElement) {
            if (xml.name() == u"TIER")
                tier = -1;
            else if (xml.name() == u"ALIGNABLE_ANNOTATION" || xml.name() == u"REF_ANNOTATION")
                annotation = -1;
            continue;
        }
        if (token != QXmlStreamReader::StartElement)
            continue;
        const int line = int(xml.lineNumber());
        const QString name = xml.name().toString();
        const QXmlStreamAttributes attrs = xml.attributes();
        auto attr = [&attrs](const char *key) {
            return attrs.value(QLatin1String(key)).toString().trimmed();
        };
        if (!sawRoot) {
            if (name != u"ANNOTATION_DOCUMENT")
                fail(origin, line,
                     QStringLiteral("not an ELAN annotation file: the document is <%1>, not "
                                    "<ANNOTATION_DOCUMENT>")
                         .arg(name));
            sawRoot = true;
        } else if (name == u"HEADER") {
            const QString units = attr("TIME_UNITS");
            if (!units.isEmpty() && units != u"milliseconds")
                fail(origin, line,
                     QStringLiteral("the time units are '%1'; Modalscope reads ELAN files "
                                    "timed in milliseconds")
                         .arg(units));
        } else if (name == u"MEDIA_DESCRIPTOR") {
            QString url = attr("MEDIA_URL");
            if (url.isEmpty())
                url = attr("RELATIVE_MEDIA_URL");
            const QString base = mediaBaseName(url);
            if (!base.isEmpty()) {
                if (anyMedia.isEmpty())
                    anyMedia = base;
                if (videoMedia.isEmpty() && attr("MIME_TYPE").startsWith(u"video"))
                    videoMedia = base;
            }
        } else if (name == u"PROPERTY") {
            if (attr("NAME") == kMovieProperty)
                doc.movieProperty = xml.readElementText().trimmed();
        } else if (name == u"TIME_SLOT") {
            Slot s;
            s.id = declaredId(
                origin, line, attr("TIME_SLOT_ID"),
                QStringLiteral("a TIME_SLOT has no TIME_SLOT_ID"), doc.slotIndex, doc.timeSlots,
                QStringLiteral("time slot '%1' is declared twice (first at line %2)"));
            s.line = line;
            if (attrs.hasAttribute(QLatin1String("TIME_VALUE"))) {
                bool ok = false;
                const qint64 v = attr("TIME_VALUE").toLongLong(&ok);
                if (!ok || v < 0)
                    fail(origin, line,
                         QStringLiteral("time slot '%1' has the time '%2', not a number of "
                                        "milliseconds")
                             .arg(s.id, attr("TIME_VALUE")));
                s.value = v;
            }
            doc.slotIndex.insert(s.id, int(doc.timeSlots.size()));
            doc.timeSlots.append(s);
        } else if (name == u"TIER") {
            Tier t;
            t.id = declaredId(origin, line, attr("TIER_ID"),
                              QStringLiteral("a TIER has no TIER_ID"), doc.tierIndex, doc.tiers,
                              QStringLiteral("tier '%1' is declared twice (first at line %2)"));
            t.line = line;
            t.parent = attr("PARENT_REF");
            tier = int(doc.tiers.size());
            doc.tierIndex.insert(t.id, tier);
            doc.tiers.append(t);
        } else if (name == u"ALIGNABLE_ANNOTATION" || name == u"REF_ANNOTATION") {
            if (tier < 0)
                fail(origin, line, QStringLiteral("<%1> outside a TIER").arg(name));
            const QString &tierId = doc.tiers[tier].id;
            Annotation a;
            a.id = declaredId(
                origin, line, attr("ANNOTATION_ID"),
                QStringLiteral("an annotation of tier '%1' has no ANNOTATION_ID").arg(tierId),
                doc.annotationIndex, doc.annotations,
                QStringLiteral("annotation id '%1' is used twice (first at line %2)"));
            a.line = line;
            a.tier = tier;
            a.alignable = name == u"ALIGNABLE_ANNOTATION";
            if (a.alignable) {
                a.slot1 = attr("TIME_SLOT_REF1");
                a.slot2 = attr("TIME_SLOT_REF2");
                if (a.slot1.isEmpty() || a.slot2.isEmpty())
                    fail(origin, line,
                         QStringLiteral("annotation '%1' of tier '%2' lacks its time timeSlots "
                                        "(TIME_SLOT_REF1 and TIME_SLOT_REF2)")
                             .arg(a.id, tierId));
            } else {
                a.ref = attr("ANNOTATION_REF");
                if (a.ref.isEmpty())
                    fail(origin, line,
                         QStringLiteral("reference annotation '%1' of tier '%2' has no "
                                        "ANNOTATION_REF")
                             .arg(a.id, tierId));
            }
            annotation = int(doc.annotations.size());
            doc.annotationIndex.insert(a.id, annotation);
            doc.tiers[tier].annotations.append(annotation);
            doc.annotations.append(a);
        } else if (name == u"ANNOTATION_VALUE" && annotation >= 0) {
            doc.annotations[annotation].value = xml.readElementText();
        }
    }
    if (xml.hasError()) {
        if (xml.error() == QXmlStreamReader::PrematureEndOfDocumentError)
            fail(origin, xml.lineNumber(),
                 QStringLiteral("the file ends before its ELAN document does (cut short?)"));
        fail(origin, xml.lineNumber(),
             QStringLiteral("not well-formed XML: %1").arg(xml.errorString()));
    }
    doc.mediaName = videoMedia.isEmpty() ? anyMedia : videoMedia;

    // ELAN keeps TIME_ORDER in time order, with the timeSlots it leaves unaligned
    // (inside subdivisions) in their place; like ELAN, spread them evenly
    // between their aligned neighbours.
    const qsizetype n = doc.timeSlots.size();
    doc.slotTimes.resize(n);
    qsizetype previous = -1;
    for (qsizetype i = 0; i <= n; ++i) {
        if (i < n && !doc.timeSlots[i].value)
            continue;
        const qint64 before = previous >= 0 ? *doc.timeSlots[previous].value : 0;
        const qint64 after = i < n ? *doc.timeSlots[i].value : before;
        const qint64 from = previous >= 0 ? before : after;
        for (qsizetype j = previous + 1; j < i; ++j)
            doc.slotTimes[j] = from + (after - from) * (j - previous) / (i - previous);
        if (i < n)
            doc.slotTimes[i] = *doc.timeSlots[i].value;
        previous = i;
    }
    return doc;
}

// Turns the document into clips following the tier convention.
class EafInterpreter
{
public:
    using TierRole = ElanEafFormat::TierRole;

    EafInterpreter(const EafDocument &doc, QString origin,
                   const ElanEafFormat::ReadOptions &options)
        : m_doc(doc), m_origin(std::move(origin)), m_levelValues(options.levelValues)
    {
        const QString defaultFilm =
            !options.movieId.trimmed().isEmpty()
                ? options.movieId.trimmed()
                : (!doc.movieProperty.isEmpty() ? doc.movieProperty : doc.mediaName);
        for (const Tier &t : doc.tiers) {
            TierInfo info;
            info.role = options.tierRoles.value(t.id, ElanEafFormat::roleByName(t.id));
            const qsizetype at = t.id.indexOf(u'@');
            info.film = at >= 0 ? t.id.mid(at + 1).trimmed() : defaultFilm;
            m_tiers.append(info);
        }
    }

    QList<ImportRecord> records()
    {
        bool anyRole = false;
        for (qsizetype t = 0; t < m_tiers.size(); ++t) {
            if (m_tiers[t].role == TierRole::Ignored)
                continue;
            anyRole = true;
            if (m_tiers[t].film.isEmpty())
                fail(m_origin, m_doc.tiers[t].line,
                     QStringLiteral("tier '%1' belongs to no film: the file links no media "
                                    "(MEDIA_DESCRIPTOR) and has no '%2' property; link the film "
                                    "in ELAN, name the tier '%1@<film id>' or name the film when "
                                    "importing")
                         .arg(m_doc.tiers[t].id, kMovieProperty));
            if (m_tiers[t].role == TierRole::Clips)
                m_filmsWithClipTier.insert(m_tiers[t].film);
        }
        // A file without any tier (what an export of no clip writes) holds no clip;
        // a file whose tiers all have other names is more likely a mistake.
        if (!anyRole && !m_doc.tiers.isEmpty()) {
            QStringList names;
            for (const Tier &t : m_doc.tiers)
                names.append(QLatin1Char('\'') + t.id + QLatin1Char('\''));
            throw UserError(
                QStringLiteral("%1: no tier is named clips, level or concepts (its tiers: %2); "
                               "rename the tiers in ELAN, or say which tier is which when "
                               "importing")
                    .arg(m_origin, names.join(QStringLiteral(", "))));
        }

        for (qsizetype t = 0; t < m_tiers.size(); ++t)
            if (m_tiers[t].role == TierRole::Clips)
                for (int a : m_doc.tiers[t].annotations)
                    clipFor(a, /*named=*/true);
        // A film without a clips tier: what its level annotations stand on are its clips.
        for (qsizetype t = 0; t < m_tiers.size(); ++t)
            if (m_tiers[t].role == TierRole::Level &&
                !m_filmsWithClipTier.contains(m_tiers[t].film))
                for (int a : m_doc.tiers[t].annotations)
                    clipFor(root(a), /*named=*/false);

        for (qsizetype t = 0; t < m_tiers.size(); ++t) {
            if (m_tiers[t].role == TierRole::Level)
                for (int a : m_doc.tiers[t].annotations)
                    applyLevel(a);
            else if (m_tiers[t].role == TierRole::Concepts)
                for (int a : m_doc.tiers[t].annotations)
                    applyConcepts(a);
        }
        return finished();
    }

private:
    struct TierInfo
    {
        TierRole role = TierRole::Ignored;
        QString film;
    };
    struct Draft
    {
        ImportRecord record;
        int order = 0;
        int levelLine = 0;
    };

    const Annotation &ann(int a) const { return m_doc.annotations[a]; }
    const QString &tierOf(int a) const { return m_doc.tiers[ann(a).tier].id; }
    const QString &filmOf(int a) const { return m_tiers[ann(a).tier].film; }

    // The time-aligned annotation a chain of references ends at.
    int root(int a) const
    {
        int current = a;
        for (qsizetype steps = 0; !ann(current).alignable; ++steps) {
            const auto next = m_doc.annotationIndex.find(ann(current).ref);
            if (next == m_doc.annotationIndex.end())
                fail(m_origin, ann(current).line,
                     QStringLiteral("annotation '%1' of tier '%2' refers to annotation '%3', "
                                    "which the file does not have")
                         .arg(ann(current).id, tierOf(current), ann(current).ref));
            if (steps > m_doc.annotations.size())
                fail(m_origin, ann(a).line,
                     QStringLiteral("annotation '%1' of tier '%2' refers back to itself through "
                                    "other annotations")
                         .arg(ann(a).id, tierOf(a)));
            current = next.value();
        }
        return current;
    }

    int slotOf(int a, const QString &slot) const
    {
        const auto it = m_doc.slotIndex.find(slot);
        if (it == m_doc.slotIndex.end())
            fail(m_origin, ann(a).line,
                 QStringLiteral("annotation '%1' of tier '%2' refers to time slot '%3', which "
                                "TIME_ORDER does not declare")
                     .arg(ann(a).id, tierOf(a), slot));
        return it.value();
    }

    // An alignable annotation's times; unaligned timeSlots are spread (see above).
    std::pair<qint64, qint64> times(int a) const
    {
        const qint64 start = m_doc.slotTimes[slotOf(a, ann(a).slot1)];
        const qint64 end = m_doc.slotTimes[slotOf(a, ann(a).slot2)];
        if (end < start)
            fail(m_origin, ann(a).line,
                 QStringLiteral("annotation '%1' of tier '%2' ends (%3 ms) before it starts "
                                "(%4 ms)")
                     .arg(ann(a).id, tierOf(a))
                     .arg(end)
                     .arg(start));
        return {start, end};
    }

    // The clip the alignable annotation `a` makes, made when first asked.
    int clipFor(int a, bool named)
    {
        if (const auto it = m_clipOf.find(a); it != m_clipOf.end())
            return it.value();
        if (!ann(a).alignable)
            fail(m_origin, ann(a).line,
                 QStringLiteral("tier '%1' holds reference annotations; the tier of clips needs "
                                "time-aligned ones")
                     .arg(tierOf(a)));
        for (const QString &slot : {ann(a).slot1, ann(a).slot2})
            if (!m_doc.timeSlots[slotOf(a, slot)].value)
                fail(m_origin, ann(a).line,
                     QStringLiteral("clip annotation '%1' of tier '%2' has no time at time slot "
                                    "'%3' (unaligned); align it in ELAN")
                         .arg(ann(a).id, tierOf(a), slot));
        const auto [start, end] = times(a);
        if (end == start)
            fail(m_origin, ann(a).line,
                 QStringLiteral("clip annotation '%1' of tier '%2' lasts no time (%3 ms to %3 "
                                "ms)")
                     .arg(ann(a).id, tierOf(a))
                     .arg(start));
        Draft d;
        d.order = int(m_drafts.size());
        d.record.line = ann(a).line;
        d.record.clipId = named ? ann(a).value.trimmed() : QString();
        d.record.movieId = filmOf(a);
        d.record.hasTimes = true;
        d.record.startMs = start;
        d.record.endMs = end;
        m_clipOf.insert(a, int(m_drafts.size()));
        m_drafts.append(d);
        return m_clipOf.value(a);
    }

    // The clip an annotation of a level or concepts tier speaks about.
    int targetOf(int a)
    {
        const int r = root(a);
        if (const auto it = m_clipOf.find(r); it != m_clipOf.end())
            return it.value();
        const QString &film = filmOf(a);
        if (!m_filmsWithClipTier.contains(film) && m_tiers[ann(a).tier].role != TierRole::Level) {
            bool hasLevelTier = false;
            for (const TierInfo &t : m_tiers)
                hasLevelTier |= t.role == TierRole::Level && t.film == film;
            if (!hasLevelTier)
                fail(m_origin, ann(a).line,
                     QStringLiteral("tier '%1' gives concepts for film '%2', which has no tier "
                                    "of clips (clips or level)")
                         .arg(tierOf(a), film));
        }
        const auto [start, end] = times(r);
        const qint64 middle = start + (end - start) / 2;
        int best = -1;
        qint64 bestOverlap = -1;
        for (qsizetype i = 0; i < m_drafts.size(); ++i) {
            const ImportRecord &c = m_drafts[i].record;
            if (c.movieId != film)
                continue;
            if (*c.startMs == start && *c.endMs == end)
                return int(i);
            if (*c.startMs <= middle && middle < *c.endMs) {
                const qint64 overlap = std::min(end, *c.endMs) - std::max(start, *c.startMs);
                if (overlap > bestOverlap) {
                    best = int(i);
                    bestOverlap = overlap;
                }
            }
        }
        if (best < 0)
            fail(m_origin, ann(a).line,
                 QStringLiteral("annotation '%1' of tier '%2' (%3 ms to %4 ms) lies in no clip of "
                                "film '%5'")
                     .arg(ann(a).id, tierOf(a))
                     .arg(start)
                     .arg(end)
                     .arg(film));
        return best;
    }

    void applyLevel(int a)
    {
        const QString text = ann(a).value.simplified();
        if (text.isEmpty())
            return;
        const auto mapped = m_levelValues.constFind(text.toLower());
        const std::optional<Level> level =
            mapped != m_levelValues.cend() ? std::optional<Level>(*mapped) : parseLevel(text);
        if (!level)
            fail(m_origin, ann(a).line,
                 QStringLiteral("'%1' on tier '%2' is no level; use EN, HN or S (or Easy "
                                "Negative, Hard Negative, Sure), or say what it means when "
                                "importing ('%1=S')")
                     .arg(text, tierOf(a)));
        Draft &d = m_drafts[targetOf(a)];
        if (d.record.level && *d.record.level != *level)
            fail(m_origin, ann(a).line,
                 QStringLiteral("a second level, %1, for the clip at %2 ms to %3 ms, which has "
                                "%4 from line %5")
                     .arg(levelCode(*level))
                     .arg(*d.record.startMs)
                     .arg(*d.record.endMs)
                     .arg(levelCode(*d.record.level))
                     .arg(d.levelLine));
        d.record.level = level;
        // The file's own word for the level is worth keeping; the code
        // Modalscope writes itself is not (an export read back changes nothing).
        if (text.trimmed() != levelCode(*level))
            d.record.sourceLabel = text;
        d.levelLine = ann(a).line;
    }

    void applyConcepts(int a)
    {
        static const QRegularExpression separators(QStringLiteral("[;,\\n]"));
        const QStringList parts = ann(a).value.split(separators);
        QStringList names;
        for (const QString &p : parts)
            if (const QString n = Taxonomy::normaliseName(p); !n.isEmpty())
                names.append(n);
        if (names.isEmpty())
            return;
        QStringList &concepts = m_drafts[targetOf(a)].record.concepts;
        for (const QString &n : names)
            if (!concepts.contains(n))
                concepts.append(n);
    }

    QList<ImportRecord> finished()
    {
        // Films in the order their clips first appear, each film's clips by time.
        QStringList films;
        for (const Draft &d : m_drafts)
            if (!films.contains(d.record.movieId))
                films.append(d.record.movieId);
        std::stable_sort(m_drafts.begin(), m_drafts.end(),
                         [&films](const Draft &x, const Draft &y) {
                             const qsizetype fx = films.indexOf(x.record.movieId);
                             const qsizetype fy = films.indexOf(y.record.movieId);
                             if (fx != fy)
                                 return fx < fy;
                             if (*x.record.startMs != *y.record.startMs)
                                 return *x.record.startMs < *y.record.startMs;
                             return *x.record.endMs < *y.record.endMs;
                         });
        QHash<QString, int> lineOfName;
        for (const Draft &d : m_drafts) {
            if (d.record.clipId.isEmpty())
                continue;
            if (lineOfName.contains(d.record.clipId))
                fail(m_origin, d.record.line,
                     QStringLiteral("a second clip is named '%1' (the first at line %2)")
                         .arg(d.record.clipId)
                         .arg(lineOfName.value(d.record.clipId)));
            lineOfName.insert(d.record.clipId, d.record.line);
        }
        QList<ImportRecord> out;
        QHash<QString, int> counter;
        const ClipNamePattern pattern; // the default, as new clips are named elsewhere
        for (Draft &d : m_drafts) {
            int &n = counter[d.record.movieId];
            ++n;
            if (d.record.clipId.isEmpty()) {
                QString name;
                do
                    name = pattern.name(d.record.movieId, n++);
                while (lineOfName.contains(name));
                --n;
                d.record.clipId = name;
                lineOfName.insert(name, d.record.line);
            }
            out.append(d.record);
        }
        return out;
    }

    const EafDocument &m_doc;
    QString m_origin;
    QList<TierInfo> m_tiers;
    QSet<QString> m_filmsWithClipTier;
    QList<Draft> m_drafts;
    QHash<int, int> m_clipOf; // alignable annotation -> draft
    QHash<QString, Level> m_levelValues;
};

// One concept tier of the written file: a modality's, or the unknown concepts'.
struct ConceptTier
{
    QString name; // tier, linguistic type and vocabulary name
    std::optional<Modality> modality;
    QStringList vocabulary;
};

QString tierName(const QString &role, const QString &film, bool severalFilms)
{
    return severalFilms ? role + QLatin1Char('@') + film : role;
}

} // namespace

QString ElanEafFormat::label() const
{
    return QStringLiteral("ELAN annotation file (EAF 2.7 to 3.0)");
}

QString ElanEafFormat::description() const
{
    return QStringLiteral("ELAN .eaf: tiers 'clips' (clip names), 'level' (EN/HN/S) and "
                          "'concepts-<modality>'");
}

QString ElanEafFormat::fileFilter() const
{
    return QStringLiteral("ELAN files (*.eaf)");
}

ElanEafFormat::TierRole ElanEafFormat::roleByName(const QString &tierId)
{
    const QString base = tierId.section(u'@', 0, 0).simplified().toLower();
    if (base == u"clips" || base == u"clip" || base == u"segments" || base == u"segment")
        return TierRole::Clips;
    if (base == u"level" || base == u"levels" || base == u"objectification")
        return TierRole::Level;
    if (base.startsWith(u"concept"))
        return TierRole::Concepts;
    // Whole words only: a tier "A" is a speaker far more often than audio.
    if (base.size() > 1 && parseModality(base))
        return TierRole::Concepts;
    return TierRole::Ignored;
}

QMap<QString, QString> ElanEafFormat::parameters() const
{
    return {{QStringLiteral("movie"),
             QStringLiteral("the film of tiers without an '@<film>' suffix (default: the file's "
                            "media)")},
            {QStringLiteral("tier"),
             QStringLiteral("a tier's role, T=clips, T=level, T=concepts or T=ignore (repeat "
                            "for several tiers); overrides the tier-name convention")},
            {QStringLiteral("level-value"),
             QStringLiteral("what a word on a level tier means, VALUE=EN, VALUE=HN or VALUE=S "
                            "(repeat for several words; EN, HN, S and their names need none)")}};
}

QString ElanEafFormat::roleValue(TierRole role)
{
    switch (role) {
    case TierRole::Clips:
        return QStringLiteral("clips");
    case TierRole::Level:
        return QStringLiteral("level");
    case TierRole::Concepts:
        return QStringLiteral("concepts");
    case TierRole::Ignored:
        break;
    }
    return QStringLiteral("ignore");
}

QList<FormatOption::Choice> ElanEafFormat::partRoles() const
{
    return {{QStringLiteral("ignore"), QStringLiteral("Ignore")},
            {QStringLiteral("clips"), QStringLiteral("Clips (one per annotation)")},
            {QStringLiteral("level"), QStringLiteral("Level (EN, HN, S)")},
            {QStringLiteral("concepts"), QStringLiteral("Concepts")}};
}

QList<FormatPart> ElanEafFormat::tiers(const QByteArray &eaf, const QString &origin)
{
    const EafDocument doc = readDocument(eaf, origin);
    QList<FormatPart> out;
    for (const Tier &t : doc.tiers) {
        FormatPart part;
        part.id = t.id;
        part.role = roleValue(roleByName(t.id));
        part.parent = t.parent;
        part.annotations = int(t.annotations.size());
        QSet<QString> seen;
        for (int a : t.annotations) {
            const Annotation &ann = doc.annotations[a];
            part.timeAligned = part.timeAligned || ann.alignable;
            const QString value = ann.value.simplified();
            if (value.isEmpty() || seen.contains(value))
                continue;
            seen.insert(value);
            if (part.values.size() < FormatPart::kMaxValues)
                part.values.append(value);
            else
                part.moreValues = true;
        }
        out.append(part);
    }
    return out;
}

QList<FormatPart> ElanEafFormat::parts(const QString &path) const
{
    return tiers(readFileBytes(path), path);
}

ElanEafFormat::ReadOptions ElanEafFormat::readOptions(const FormatOptionValues &values)
{
    ReadOptions o;
    o.movieId = values.value(QStringLiteral("movie")).trimmed();
    static const QHash<QString, TierRole> roles = {
        {QStringLiteral("clips"), TierRole::Clips},
        {QStringLiteral("clip"), TierRole::Clips},
        {QStringLiteral("level"), TierRole::Level},
        {QStringLiteral("levels"), TierRole::Level},
        {QStringLiteral("concepts"), TierRole::Concepts},
        {QStringLiteral("concept"), TierRole::Concepts},
        {QStringLiteral("ignore"), TierRole::Ignored},
        {QStringLiteral("ignored"), TierRole::Ignored}};
    for (const QString &line : values.value(QStringLiteral("tier")).split(u'\n', Qt::SkipEmptyParts)) {
        const qsizetype eq = line.lastIndexOf(u'=');
        const QString tier = eq > 0 ? line.left(eq).trimmed() : QString();
        const QString role = eq > 0 ? line.mid(eq + 1).trimmed().toLower() : QString();
        if (tier.isEmpty() || !roles.contains(role))
            throw UserError(QStringLiteral("tier role '%1' must be TIER=clips, TIER=level, "
                                           "TIER=concepts or TIER=ignore")
                                .arg(line.trimmed()));
        o.tierRoles.insert(tier, roles.value(role));
    }
    for (const QString &line :
         values.value(QStringLiteral("level-value")).split(u'\n', Qt::SkipEmptyParts)) {
        const qsizetype eq = line.lastIndexOf(u'=');
        const QString word = eq > 0 ? line.left(eq).simplified().toLower() : QString();
        const std::optional<Level> level =
            eq > 0 ? parseLevel(line.mid(eq + 1).trimmed()) : std::nullopt;
        if (word.isEmpty() || !level)
            throw UserError(QStringLiteral("level value '%1' must be VALUE=EN, VALUE=HN or VALUE=S")
                                .arg(line.trimmed()));
        o.levelValues.insert(word, *level);
    }
    return o;
}

QList<ImportRecord> ElanEafFormat::read(const QString &path, const FormatOptionValues &options) const
{
    return read(path, readOptions(options));
}

QList<ImportRecord> ElanEafFormat::read(const QString &path, const ReadOptions &options)
{
    return parse(readFileBytes(path), path, options);
}

QList<ImportRecord> ElanEafFormat::parse(const QByteArray &eaf, const QString &origin,
                                         const ReadOptions &options)
{
    const EafDocument doc = readDocument(eaf, origin);
    for (auto it = options.tierRoles.cbegin(); it != options.tierRoles.cend(); ++it)
        if (!doc.tierIndex.contains(it.key())) {
            QStringList ids;
            for (const Tier &t : doc.tiers)
                ids.append(t.id);
            throw UserError(QStringLiteral("%1: no tier named '%2' (its tiers: %3)")
                                .arg(origin, it.key(), ids.join(QStringLiteral(", "))));
        }
    return EafInterpreter(doc, origin, options).records();
}

QByteArray ElanEafFormat::write(const QList<ImportRecord> &records) const
{
    QStringList untimed;
    for (const ImportRecord &r : records)
        if (!r.startMs || !r.endMs)
            untimed.append(QLatin1Char('\'') + r.clipId + QLatin1Char('\''));
    if (!untimed.isEmpty())
        throw UserError(QStringLiteral("ELAN places every annotation on the film's timeline, but "
                                       "%1 clip(s) have no times (%2); give them times or export "
                                       "a Modalscope table")
                            .arg(untimed.size())
                            .arg(untimed.mid(0, 5).join(QStringLiteral(", ")) +
                                 (untimed.size() > 5 ? QStringLiteral(", ...") : QString())));

    // Films in order of appearance, each film's clips by time.
    QStringList films;
    QHash<QString, QList<const ImportRecord *>> clipsOf;
    for (const ImportRecord &r : records) {
        if (r.movieId.trimmed().isEmpty())
            throw UserError(QStringLiteral("clip '%1' belongs to no film; ELAN needs the film's "
                                           "media for it")
                                .arg(r.clipId));
        if (*r.endMs <= *r.startMs)
            throw UserError(QStringLiteral("clip '%1' ends at %2 ms, not after its start at %3 "
                                           "ms; ELAN cannot hold it")
                                .arg(r.clipId)
                                .arg(*r.endMs)
                                .arg(*r.startMs));
        for (const QString &c : r.concepts)
            if (c.contains(u';') || c.contains(u',') || c.contains(u'\n'))
                throw UserError(QStringLiteral("concept '%1' of clip '%2' holds ';' or ',', "
                                               "which separate concepts in ELAN tiers; rename it "
                                               "in the taxonomy first")
                                    .arg(c, r.clipId));
        if (!films.contains(r.movieId))
            films.append(r.movieId);
        clipsOf[r.movieId].append(&r);
    }
    for (const QString &film : films) {
        auto &clips = clipsOf[film];
        std::stable_sort(
            clips.begin(), clips.end(),
            [](const ImportRecord *a, const ImportRecord *b) { return *a->startMs < *b->startMs; });
        for (qsizetype i = 1; i < clips.size(); ++i)
            if (*clips[i]->startMs < *clips[i - 1]->endMs)
                throw UserError(QStringLiteral("clips '%1' and '%2' of film '%3' overlap; an ELAN "
                                               "tier cannot hold overlapping annotations")
                                    .arg(clips[i - 1]->clipId, clips[i]->clipId, film));
    }

    const Taxonomy taxonomy = m_taxonomy ? *m_taxonomy : Taxonomy::defaultTaxonomy();
    QList<ConceptTier> conceptTiers;
    for (Modality m : kAllModalities) {
        ConceptTier t{QStringLiteral("concepts-") + modalityName(m), m, {}};
        for (const Concept &c : taxonomy.concepts())
            if (c.modality == m && !c.retired)
                t.vocabulary.append(c.name);
        conceptTiers.append(t);
    }
    ConceptTier unknown{QStringLiteral("concepts"), std::nullopt, {}};
    // Modality tiers are numbered as kAllModalities; the unknown tier comes last.
    const qsizetype unknownIndex = qsizetype(kAllModalities.size());
    auto tierIndexOf = [&](const QString &name) -> qsizetype {
        const Concept *c = taxonomy.find(name);
        return c && c->modality ? qsizetype(*c->modality) : unknownIndex;
    };
    for (const ImportRecord &r : records)
        for (const QString &c : r.concepts) {
            const qsizetype t = tierIndexOf(c);
            QStringList &vocabulary =
                t < unknownIndex ? conceptTiers[t].vocabulary : unknown.vocabulary;
            if (!vocabulary.contains(c))
                vocabulary.append(c);
        }
    if (!unknown.vocabulary.isEmpty())
        conceptTiers.append(unknown);

    // Two time timeSlots per clip, numbered in time order as ELAN keeps them.
    QList<const ImportRecord *> allClips;
    for (const QString &film : films)
        allClips.append(clipsOf.value(film));
    QList<std::pair<qint64, qsizetype>> slotOrder; // (time, 2 * clip + end)
    for (qsizetype i = 0; i < allClips.size(); ++i) {
        slotOrder.append({*allClips[i]->startMs, 2 * i});
        slotOrder.append({*allClips[i]->endMs, 2 * i + 1});
    }
    std::sort(slotOrder.begin(), slotOrder.end());
    QList<QString> slotId(slotOrder.size());
    for (qsizetype rank = 0; rank < slotOrder.size(); ++rank)
        slotId[slotOrder[rank].second] = QStringLiteral("ts%1").arg(rank + 1);

    // Annotation ids: first every clip, so each ref tier can name its parent.
    QHash<const ImportRecord *, QString> clipAnnotation;
    int lastId = 0;
    for (const ImportRecord *r : allClips)
        clipAnnotation.insert(r, QStringLiteral("a%1").arg(++lastId));
    int totalIds = lastId;
    for (const ImportRecord *r : allClips)
        totalIds += (r->level ? 1 : 0) + int(r->concepts.size());

    QByteArray out;
    QXmlStreamWriter xml(&out);
    xml.setAutoFormatting(true);
    xml.setAutoFormattingIndent(4);
    xml.writeStartDocument();
    xml.writeStartElement(QStringLiteral("ANNOTATION_DOCUMENT"));
    const QString xsi = QStringLiteral("http://www.w3.org/2001/XMLSchema-instance");
    xml.writeNamespace(xsi, QStringLiteral("xsi"));
    xml.writeAttribute(QStringLiteral("AUTHOR"), QStringLiteral("Modalscope"));
    xml.writeAttribute(QStringLiteral("DATE"), kWrittenDate);
    xml.writeAttribute(QStringLiteral("FORMAT"), QStringLiteral("3.0"));
    xml.writeAttribute(QStringLiteral("VERSION"), QStringLiteral("3.0"));
    xml.writeAttribute(xsi, QStringLiteral("noNamespaceSchemaLocation"),
                       QStringLiteral("http://www.mpi.nl/tools/elan/EAFv3.0.xsd"));

    xml.writeStartElement(QStringLiteral("HEADER"));
    xml.writeAttribute(QStringLiteral("MEDIA_FILE"), QString());
    xml.writeAttribute(QStringLiteral("TIME_UNITS"), QStringLiteral("milliseconds"));
    for (const QString &film : films) {
        // Only the film's id is known here; ELAN asks the user to locate the
        // media, and the reader finds the film again from the name.
        xml.writeEmptyElement(QStringLiteral("MEDIA_DESCRIPTOR"));
        xml.writeAttribute(
            QStringLiteral("MEDIA_URL"),
            QUrl::fromLocalFile(QLatin1Char('/') + film).toString(QUrl::FullyEncoded));
        xml.writeAttribute(QStringLiteral("MIME_TYPE"), QStringLiteral("video/*"));
    }
    if (films.size() == 1) {
        xml.writeStartElement(QStringLiteral("PROPERTY"));
        xml.writeAttribute(QStringLiteral("NAME"), kMovieProperty);
        xml.writeCharacters(films.first());
        xml.writeEndElement();
    }
    xml.writeStartElement(QStringLiteral("PROPERTY"));
    xml.writeAttribute(QStringLiteral("NAME"), QStringLiteral("lastUsedAnnotationId"));
    xml.writeCharacters(QString::number(totalIds));
    xml.writeEndElement();
    xml.writeEndElement(); // HEADER

    xml.writeStartElement(QStringLiteral("TIME_ORDER"));
    for (qsizetype rank = 0; rank < slotOrder.size(); ++rank) {
        xml.writeEmptyElement(QStringLiteral("TIME_SLOT"));
        xml.writeAttribute(QStringLiteral("TIME_SLOT_ID"), QStringLiteral("ts%1").arg(rank + 1));
        xml.writeAttribute(QStringLiteral("TIME_VALUE"), QString::number(slotOrder[rank].first));
    }
    xml.writeEndElement();

    const bool severalFilms = films.size() > 1;
    auto startTier = [&](const QString &id, const QString &type, const QString &parent) {
        xml.writeStartElement(QStringLiteral("TIER"));
        xml.writeAttribute(QStringLiteral("LINGUISTIC_TYPE_REF"), type);
        if (!parent.isEmpty())
            xml.writeAttribute(QStringLiteral("PARENT_REF"), parent);
        xml.writeAttribute(QStringLiteral("TIER_ID"), id);
    };
    auto refAnnotation = [&](const QString &id, const QString &ref, const QString &previous,
                             const QString &value) {
        xml.writeStartElement(QStringLiteral("ANNOTATION"));
        xml.writeStartElement(QStringLiteral("REF_ANNOTATION"));
        xml.writeAttribute(QStringLiteral("ANNOTATION_ID"), id);
        xml.writeAttribute(QStringLiteral("ANNOTATION_REF"), ref);
        if (!previous.isEmpty())
            xml.writeAttribute(QStringLiteral("PREVIOUS_ANNOTATION"), previous);
        xml.writeTextElement(QStringLiteral("ANNOTATION_VALUE"), value);
        xml.writeEndElement();
        xml.writeEndElement();
    };
    qsizetype clipIndex = 0;
    for (const QString &film : films) {
        const QList<const ImportRecord *> &clips = clipsOf[film];
        const QString clipsTier = tierName(QStringLiteral("clips"), film, severalFilms);
        startTier(clipsTier, QStringLiteral("clip"), {});
        for (const ImportRecord *r : clips) {
            xml.writeStartElement(QStringLiteral("ANNOTATION"));
            xml.writeStartElement(QStringLiteral("ALIGNABLE_ANNOTATION"));
            xml.writeAttribute(QStringLiteral("ANNOTATION_ID"), clipAnnotation.value(r));
            xml.writeAttribute(QStringLiteral("TIME_SLOT_REF1"), slotId[2 * clipIndex]);
            xml.writeAttribute(QStringLiteral("TIME_SLOT_REF2"), slotId[2 * clipIndex + 1]);
            xml.writeTextElement(QStringLiteral("ANNOTATION_VALUE"), r->clipId);
            xml.writeEndElement();
            xml.writeEndElement();
            ++clipIndex;
        }
        xml.writeEndElement();

        startTier(tierName(QStringLiteral("level"), film, severalFilms), QStringLiteral("level"),
                  clipsTier);
        for (const ImportRecord *r : clips)
            if (r->level)
                refAnnotation(QStringLiteral("a%1").arg(++lastId), clipAnnotation.value(r), {},
                              levelCode(*r->level));
        xml.writeEndElement();

        for (qsizetype t = 0; t < conceptTiers.size(); ++t) {
            startTier(tierName(conceptTiers[t].name, film, severalFilms), conceptTiers[t].name,
                      clipsTier);
            for (const ImportRecord *r : clips) {
                QString previous;
                for (const QString &c : r->concepts) {
                    if (tierIndexOf(c) != t)
                        continue;
                    const QString id = QStringLiteral("a%1").arg(++lastId);
                    refAnnotation(id, clipAnnotation.value(r), previous, c);
                    previous = id;
                }
            }
            xml.writeEndElement();
        }
    }

    auto linguisticType = [&](const QString &id, const QString &constraint, const QString &cv) {
        xml.writeEmptyElement(QStringLiteral("LINGUISTIC_TYPE"));
        if (!constraint.isEmpty())
            xml.writeAttribute(QStringLiteral("CONSTRAINTS"), constraint);
        if (!cv.isEmpty())
            xml.writeAttribute(QStringLiteral("CONTROLLED_VOCABULARY_REF"), cv);
        xml.writeAttribute(QStringLiteral("GRAPHIC_REFERENCES"), QStringLiteral("false"));
        xml.writeAttribute(QStringLiteral("LINGUISTIC_TYPE_ID"), id);
        xml.writeAttribute(QStringLiteral("TIME_ALIGNABLE"),
                           constraint.isEmpty() ? QStringLiteral("true") : QStringLiteral("false"));
    };
    linguisticType(QStringLiteral("clip"), {}, {});
    linguisticType(QStringLiteral("level"), QStringLiteral("Symbolic_Association"),
                   QStringLiteral("levels"));
    for (const ConceptTier &t : conceptTiers)
        linguisticType(t.name, QStringLiteral("Symbolic_Subdivision"), t.name);

    xml.writeEmptyElement(QStringLiteral("LANGUAGE"));
    xml.writeAttribute(QStringLiteral("LANG_DEF"),
                       QStringLiteral("http://cdb.iso.org/lg/CDB-00130975-001"));
    xml.writeAttribute(QStringLiteral("LANG_ID"), QStringLiteral("und"));
    xml.writeAttribute(QStringLiteral("LANG_LABEL"), QStringLiteral("undetermined (und)"));

    // The four stereotypes, as ELAN writes them in every file.
    const std::array<std::pair<const char *, const char *>, 4> constraints = {{
        {"Time_Subdivision", "Time subdivision of parent annotation's time interval, no time "
                             "gaps allowed within this interval"},
        {"Symbolic_Subdivision", "Symbolic subdivision of a parent annotation. Annotations "
                                 "refering to the same parent are ordered"},
        {"Symbolic_Association", "1-1 association with a parent annotation"},
        {"Included_In", "Time alignable annotations within the parent annotation's time "
                        "interval, gaps are allowed"},
    }};
    for (const auto &[stereotype, description] : constraints) {
        xml.writeEmptyElement(QStringLiteral("CONSTRAINT"));
        xml.writeAttribute(QStringLiteral("DESCRIPTION"), QString::fromLatin1(description));
        xml.writeAttribute(QStringLiteral("STEREOTYPE"), QString::fromLatin1(stereotype));
    }

    auto vocabulary = [&](const QString &id, const QString &description,
                          const QList<std::pair<QString, QString>> &entries) {
        xml.writeStartElement(QStringLiteral("CONTROLLED_VOCABULARY"));
        xml.writeAttribute(QStringLiteral("CV_ID"), id);
        xml.writeStartElement(QStringLiteral("DESCRIPTION"));
        xml.writeAttribute(QStringLiteral("LANG_REF"), QStringLiteral("und"));
        xml.writeCharacters(description);
        xml.writeEndElement();
        for (qsizetype i = 0; i < entries.size(); ++i) {
            xml.writeStartElement(QStringLiteral("CV_ENTRY_ML"));
            xml.writeAttribute(QStringLiteral("CVE_ID"),
                               QStringLiteral("cveid_%1_%2").arg(id).arg(i + 1));
            xml.writeStartElement(QStringLiteral("CVE_VALUE"));
            xml.writeAttribute(QStringLiteral("DESCRIPTION"), entries[i].second);
            xml.writeAttribute(QStringLiteral("LANG_REF"), QStringLiteral("und"));
            xml.writeCharacters(entries[i].first);
            xml.writeEndElement();
            xml.writeEndElement();
        }
        xml.writeEndElement();
    };
    QList<std::pair<QString, QString>> levels;
    for (Level l : {Level::EasyNegative, Level::HardNegative, Level::Sure})
        levels.append({levelCode(l), levelName(l)});
    vocabulary(QStringLiteral("levels"), QStringLiteral("Objectification level of a clip"), levels);
    for (const ConceptTier &t : conceptTiers) {
        QList<std::pair<QString, QString>> entries;
        for (const QString &name : t.vocabulary) {
            const Concept *c = taxonomy.find(name);
            entries.append({name, c ? c->description : QString()});
        }
        vocabulary(
            t.name,
            t.modality
                ? QStringLiteral("Concepts of the %1 modality").arg(modalityName(*t.modality))
                : QStringLiteral("Concepts the taxonomy does not know"),
            entries);
    }
    xml.writeEndElement(); // ANNOTATION_DOCUMENT
    xml.writeEndDocument();
    return out;
}

} // namespace ms::core
