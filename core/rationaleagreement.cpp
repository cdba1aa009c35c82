#include "core/rationaleagreement.h"

#include <QJsonArray>
#include <QMap>

namespace ms::core {

namespace {

QString percent(std::optional<double> share)
{
    return share ? QStringLiteral("%1 %").arg(*share * 100.0, 0, 'f', 1) : QStringLiteral("-");
}

QJsonValue shareJson(std::optional<double> share)
{
    return share ? QJsonValue(*share) : QJsonValue();
}

QJsonObject tallyJson(const RationaleTally &t)
{
    return QJsonObject{{QStringLiteral("clips"), t.clips},
                       {QStringLiteral("top_agrees"), t.top},
                       {QStringLiteral("all_above"), t.all},
                       {QStringLiteral("top_share"), shareJson(t.topShare())},
                       {QStringLiteral("all_share"), shareJson(t.allShare())}};
}

QString tallyText(const QString &name, const RationaleTally &t)
{
    return QStringLiteral("  %1: %2 clips, top %3 (%4), all %5 (%6)\n")
        .arg(name)
        .arg(t.clips)
        .arg(t.top)
        .arg(percent(t.topShare()))
        .arg(t.all)
        .arg(percent(t.allShare()));
}

QStringList names(ModalitySet s)
{
    QStringList out;
    for (Modality m : kAllModalities)
        if (s.contains(m))
            out.append(modalityName(m));
    return out;
}

} // namespace

std::optional<double> RationaleTally::topShare() const
{
    return clips ? std::optional(double(top) / clips) : std::nullopt;
}

std::optional<double> RationaleTally::allShare() const
{
    return clips ? std::optional(double(all) / clips) : std::nullopt;
}

void RationaleTally::add(bool topAgrees, bool allAbove)
{
    ++clips;
    top += topAgrees ? 1 : 0;
    all += allAbove ? 1 : 0;
}

QString RationaleClip::describe(double threshold) const
{
    if (!counted)
        return QStringLiteral("no annotated concept in a modality the model reads");
    QString text = top ? QStringLiteral("largest attribution on %1, %2 the experts gave")
                             .arg(modalityName(*top), topAgrees ? QStringLiteral("a modality")
                                                                : QStringLiteral("not a modality"))
                       : QStringLiteral("no single largest attribution (a tie)");
    if (allAbove)
        text += QStringLiteral("; every modality the experts gave (%1) at or above %2")
                    .arg(names(experts).join(QStringLiteral(", ")))
                    .arg(threshold, 0, 'f', 2);
    else
        text += QStringLiteral("; %1 below %2")
                    .arg(names(below).join(QStringLiteral(", ")))
                    .arg(threshold, 0, 'f', 2);
    return text;
}

RationaleAgreement RationaleAgreement::compute(const std::vector<RationaleInput> &clips,
                                               ModalitySet modelModalities, double threshold)
{
    RationaleAgreement r;
    r.threshold = threshold;
    r.modalities = modelModalities;
    QMap<QString, RationaleTally> films, concepts;
    for (const RationaleInput &in : clips) {
        RationaleClip c;
        c.clip = in.clip;
        c.movieId = in.movieId;
        ModalitySet given;
        for (const RationaleConcept &k : in.concepts) {
            c.concepts.append(k.name);
            if (k.modality)
                given.insert(*k.modality);
        }
        std::optional<double> best;
        bool tied = false;
        for (Modality m : kAllModalities) {
            const auto &p = in.phi[size_t(m)];
            if (!p || !modelModalities.contains(m))
                continue;
            if (given.contains(m)) {
                c.experts.insert(m);
                if (*p < threshold)
                    c.below.insert(m);
            }
            if (!best || *p > *best) {
                best = *p;
                c.top = m;
                tied = false;
            } else if (*p == *best) {
                tied = true;
            }
        }
        // A tie for the largest value (all 0 when the model ignores every
        // modality) names no top modality, so no modality order can agree.
        if (tied)
            c.top.reset();
        c.counted = !c.experts.isEmpty();
        if (c.counted) {
            c.topAgrees = c.top && c.experts.contains(*c.top);
            c.allAbove = c.below.isEmpty();
            r.corpus.add(c.topAgrees, c.allAbove);
            films[c.movieId].add(c.topAgrees, c.allAbove);
            for (const RationaleConcept &k : in.concepts)
                if (k.modality && modelModalities.contains(*k.modality))
                    concepts[k.name].add(c.topAgrees, c.allAbove);
        } else {
            ++r.uncounted;
        }
        r.clips.push_back(std::move(c));
    }
    for (auto it = films.cbegin(); it != films.cend(); ++it)
        r.films.append({it.key(), it.value()});
    for (auto it = concepts.cbegin(); it != concepts.cend(); ++it)
        r.concepts.append({it.key(), it.value()});
    return r;
}

const RationaleClip *RationaleAgreement::clip(const QString &name) const
{
    for (const RationaleClip &c : clips)
        if (c.clip == name)
            return &c;
    return nullptr;
}

QJsonObject RationaleAgreement::toJson() const
{
    QJsonArray clipRows, filmRows, conceptRows;
    for (const RationaleClip &c : clips) {
        QJsonObject o{{QStringLiteral("clip"), c.clip},
                      {QStringLiteral("film"), c.movieId},
                      {QStringLiteral("counted"), c.counted},
                      {QStringLiteral("experts"), c.experts.codes()},
                      {QStringLiteral("top"), c.top ? modalityLetter(*c.top) : QString()},
                      {QStringLiteral("concepts"), QJsonArray::fromStringList(c.concepts)}};
        if (c.counted) {
            o.insert(QStringLiteral("top_agrees"), c.topAgrees);
            o.insert(QStringLiteral("all_above"), c.allAbove);
            o.insert(QStringLiteral("below"), c.below.codes());
        }
        clipRows.append(o);
    }
    for (const auto &[name, t] : films) {
        QJsonObject o = tallyJson(t);
        o.insert(QStringLiteral("film"), name);
        filmRows.append(o);
    }
    for (const auto &[name, t] : concepts) {
        QJsonObject o = tallyJson(t);
        o.insert(QStringLiteral("concept"), name);
        conceptRows.append(o);
    }
    return QJsonObject{{QStringLiteral("threshold"), threshold},
                       {QStringLiteral("modalities"), modalities.letters()},
                       {QStringLiteral("corpus"), tallyJson(corpus)},
                       {QStringLiteral("uncounted"), uncounted},
                       {QStringLiteral("films"), filmRows},
                       {QStringLiteral("concepts"), conceptRows},
                       {QStringLiteral("clips"), clipRows}};
}

QString RationaleAgreement::toText() const
{
    QString text =
        QStringLiteral("Rationale agreement over %1 clips with an annotated modality the model "
                       "reads (%2; %3 other clips not counted)\n")
            .arg(corpus.clips)
            .arg(modalities.letters())
            .arg(uncounted);
    text += QStringLiteral("  top: the largest Shapley value is on a modality the experts gave (a tie: none)\n"
                           "  all: every modality the experts gave has a Shapley value >= %1\n")
                .arg(threshold, 0, 'f', 2);
    text += tallyText(QStringLiteral("corpus"), corpus);
    text += QStringLiteral("By film\n");
    for (const auto &[name, t] : films)
        text += tallyText(name, t);
    text += QStringLiteral("By concept\n");
    for (const auto &[name, t] : concepts)
        text += tallyText(name, t);
    text += QStringLiteral("By clip (clip, film, experts, top, top agrees, all above)\n");
    for (const RationaleClip &c : clips) {
        if (!c.counted)
            continue;
        text += QStringLiteral("  %1\t%2\t%3\t%4\t%5\t%6\n")
                    .arg(c.clip, c.movieId, c.experts.codes(),
                         c.top ? modalityLetter(*c.top) : QStringLiteral("-"),
                         c.topAgrees ? QStringLiteral("yes") : QStringLiteral("no"),
                         c.allAbove ? QStringLiteral("yes") : QStringLiteral("no"));
    }
    return text;
}

} // namespace ms::core
