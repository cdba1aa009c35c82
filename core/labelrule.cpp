#include "core/labelrule.h"

#include "core/clipdisagreement.h"

#include <QHash>
#include <algorithm>
#include <array>

namespace ms::core {

const QString &LabelRule::consensusAnnotator()
{
    static const QString name = QStringLiteral("consensus");
    return name;
}

std::optional<LabelRule> LabelRule::parse(const QString &text)
{
    const QString t = text.trimmed();
    const QString lower = t.toLower();
    if (lower == u"latest")
        return latest();
    if (lower == u"majority")
        return majority();
    if (lower == u"consensus")
        return consensus();
    static const QString prefix = QStringLiteral("annotator:");
    if (lower.startsWith(prefix)) {
        const QString name = t.mid(prefix.size()).trimmed();
        if (!name.isEmpty())
            return annotator(name);
    }
    return std::nullopt;
}

QString LabelRule::syntax()
{
    return QStringLiteral("latest, majority, consensus or annotator:NAME");
}

QString LabelRule::toString() const
{
    switch (m_kind) {
    case Kind::Latest:
        return QStringLiteral("latest");
    case Kind::Majority:
        return QStringLiteral("majority");
    case Kind::Consensus:
        return QStringLiteral("consensus");
    case Kind::Annotator:
        return QStringLiteral("annotator:") + m_annotator;
    }
    return {};
}

QString LabelRule::description() const
{
    switch (m_kind) {
    case Kind::Latest:
        return QStringLiteral("each clip's most recently changed annotation, whoever made it");
    case Kind::Majority:
        return QStringLiteral("the level most of the clip's annotators gave (a tie goes to HN) "
                              "and the concepts at least half of them ticked; the annotator "
                              "'consensus' does not vote");
    case Kind::Consensus:
        return QStringLiteral("the adjudicated annotation (annotator 'consensus'); a clip whose "
                              "annotators agree, or that one annotator annotated, keeps their "
                              "annotation; a clip with an unresolved disagreement has no label");
    case Kind::Annotator:
        return QStringLiteral("%1's annotations only; clips %1 did not annotate have no label")
            .arg(m_annotator);
    }
    return {};
}

namespace {

// The newest of `clip`'s annotations that `keep` admits: the later listed of
// equal times.
template <typename Keep> const Annotation *newest(const QList<Annotation> &clip, Keep keep)
{
    const Annotation *best = nullptr;
    for (const Annotation &a : clip)
        if (keep(a) && (!best || a.changedAt >= best->changedAt))
            best = &a;
    return best;
}

} // namespace

std::optional<Annotation> LabelRule::label(const QList<Annotation> &clip,
                                           const QStringList &conceptOrder, bool *tie,
                                           bool *unresolved) const
{
    if (tie)
        *tie = false;
    if (unresolved)
        *unresolved = false;
    const QString &consensusName = consensusAnnotator();
    auto voter = [&](const Annotation &a) { return a.annotator != consensusName; };
    const Annotation *found = nullptr;
    switch (m_kind) {
    case Kind::Latest:
        found = newest(clip, [](const Annotation &) { return true; });
        break;
    case Kind::Annotator:
        found = newest(clip, [&](const Annotation &a) { return a.annotator == m_annotator; });
        break;
    case Kind::Consensus: {
        found = newest(clip, [&](const Annotation &a) { return a.annotator == consensusName; });
        if (found)
            break;
        const ClipDisagreement d = ClipDisagreement::of(clip);
        if (d.any()) {
            if (unresolved)
                *unresolved = true;
            return std::nullopt;
        }
        found = newest(clip, voter);
        break;
    }
    case Kind::Majority: {
        std::array<int, 3> votes{};
        int voters = 0;
        const Annotation *any = nullptr;
        QHash<QString, int> ticks;
        QStringList seen; // concepts in order of first appearance
        for (const Annotation &a : clip) {
            if (!voter(a))
                continue;
            ++voters;
            ++votes[size_t(a.level)];
            if (!any || a.changedAt >= any->changedAt)
                any = &a;
            QStringList mine = a.concepts;
            mine.removeDuplicates();
            for (const QString &c : std::as_const(mine)) {
                if (!ticks.contains(c))
                    seen.append(c);
                ++ticks[c];
            }
        }
        if (!voters)
            return std::nullopt;
        const int most = *std::max_element(votes.begin(), votes.end());
        const int leaders = int(std::count(votes.begin(), votes.end(), most));
        Annotation out;
        out.clipName = any->clipName;
        out.movieId = any->movieId;
        out.annotator = QStringLiteral("majority");
        out.changedAt = any->changedAt;
        if (leaders > 1) {
            out.level = Level::HardNegative;
            if (tie)
                *tie = true;
        } else {
            out.level =
                Level(std::distance(votes.begin(), std::find(votes.begin(), votes.end(), most)));
        }
        for (const QString &c : std::as_const(seen))
            if (2 * ticks.value(c) >= voters)
                out.concepts.append(c);
        if (!conceptOrder.isEmpty()) {
            auto rank = [&](const QString &c) {
                const qsizetype i = conceptOrder.indexOf(c);
                return i < 0 ? conceptOrder.size() : i;
            };
            std::stable_sort(out.concepts.begin(), out.concepts.end(),
                             [&](const QString &x, const QString &y) { return rank(x) < rank(y); });
        }
        return out;
    }
    }
    if (!found)
        return std::nullopt;
    return *found;
}

LabelRule::Outcome LabelRule::apply(const QList<Annotation> &annotations,
                                    const QStringList &conceptOrder) const
{
    // Group by clip, keeping the order in which clips first appear.
    QHash<QString, int> index;
    QList<QList<Annotation>> clips;
    for (const Annotation &a : annotations) {
        const QString key = a.movieId + u'\n' + a.clipName;
        auto it = index.constFind(key);
        if (it == index.constEnd()) {
            it = index.insert(key, int(clips.size()));
            clips.append(QList<Annotation>());
        }
        clips[*it].append(a);
    }
    Outcome out;
    out.clips = int(clips.size());
    for (const QList<Annotation> &clip : std::as_const(clips)) {
        bool tie = false, unresolved = false;
        if (auto a = label(clip, conceptOrder, &tie, &unresolved))
            out.labels.append(std::move(*a));
        out.levelTies += tie ? 1 : 0;
        out.unresolved += unresolved ? 1 : 0;
    }
    return out;
}

QJsonObject LabelRule::toJson(const Outcome &o) const
{
    return {{QStringLiteral("rule"), toString()},
            {QStringLiteral("description"), description()},
            {QStringLiteral("annotated_clips"), o.clips},
            {QStringLiteral("labelled_clips"), int(o.labels.size())},
            {QStringLiteral("level_ties_to_hn"), o.levelTies},
            {QStringLiteral("unresolved_disagreements"), o.unresolved}};
}

QString LabelRule::summary(const Outcome &o) const
{
    QString s = QStringLiteral("label rule %1: %2 of %3 annotated clips labelled")
                    .arg(toString())
                    .arg(o.labels.size())
                    .arg(o.clips);
    if (m_kind == Kind::Majority)
        s += QStringLiteral(", %1 level ties given HN").arg(o.levelTies);
    if (m_kind == Kind::Consensus)
        s += QStringLiteral(", %1 disagreements not adjudicated (no label)").arg(o.unresolved);
    return s;
}

} // namespace ms::core
