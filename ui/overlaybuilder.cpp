#include "ui/overlaybuilder.h"

#include <QStringList>
#include <algorithm>

namespace ms::ui {

QString OverlayBuilder::setName(const db::ExplanationSet &set)
{
    const QString entry = set.fusion.isEmpty() || set.fusion == u"none"
                              ? set.modalities.letters()
                              : QStringLiteral("%1 %2").arg(set.modalities.letters(), set.fusion);
    return QStringLiteral("Run %1 \u00b7 %2 on %3, fold %4 \u00b7 baseline %5")
        .arg(set.runId)
        .arg(entry, set.trainSet)
        .arg(set.fold)
        .arg(set.baseline);
}

core::ModalitySet OverlayBuilder::modalities(const db::ExplanationSet &set)
{
    if (!set.modalities.isEmpty())
        return set.modalities;
    return {core::Modality::Visual, core::Modality::Audio, core::Modality::Text};
}

std::array<QList<TimelineOverlay::HeatSpan>, 3>
OverlayBuilder::clipHeat(const db::ClipExplanation &e, core::ModalitySet used)
{
    std::array<QList<TimelineOverlay::HeatSpan>, 3> heat;
    float top = 0;
    for (const db::TokenRelevance &t : e.tokens)
        if (t.modality >= 0 && t.modality < 3 && used.contains(core::Modality(t.modality)))
            top = std::max(top, t.relevance);
    for (const db::TokenRelevance &t : e.tokens) {
        if (t.modality < 0 || t.modality >= 3 || !used.contains(core::Modality(t.modality))
            || t.endMs < t.startMs)
            continue;
        heat[size_t(t.modality)].append(
            {t.startMs, t.endMs, top > 0 ? std::clamp(t.relevance / top, 0.0f, 1.0f) : 0.0f});
    }
    for (auto &list : heat)
        std::stable_sort(list.begin(), list.end(),
                         [](const auto &a, const auto &b) { return a.startMs < b.startMs; });
    return heat;
}

TimelineOverlay OverlayBuilder::build(const db::ExplanationSet &set,
                                      const std::vector<db::ClipExplanation> &explanations,
                                      const QHash<QString, Span> &filmClips)
{
    TimelineOverlay o;
    o.runName = setName(set);
    o.modalities = modalities(set);
    for (const db::ClipExplanation &e : explanations) {
        const auto it = filmClips.constFind(e.clip);
        if (it == filmClips.cend() || it->endMs <= it->startMs)
            continue;
        TimelineOverlay::Score s;
        s.startMs = it->startMs;
        s.endMs = it->endMs;
        for (int m = 0; m < 3; ++m)
            s.value[size_t(m)] = e.score[size_t(m)] && o.modalities.contains(core::Modality(m))
                                     ? float(*e.score[size_t(m)])
                                     : -1.0f;
        o.scores.append(s);
        const auto heat = clipHeat(e, o.modalities);
        for (int m = 0; m < 3; ++m)
            o.heat[size_t(m)].append(heat[size_t(m)]);
        const auto mark = [&](core::ModalitySet set, bool missed) {
            for (core::Modality m : core::kAllModalities) {
                if (!set.contains(m))
                    continue;
                TimelineOverlay::ErrorMark mk;
                mk.startMs = it->startMs;
                mk.endMs = it->endMs;
                mk.modality = m;
                mk.missed = missed;
                mk.text = QStringLiteral("%1: %2").arg(
                    e.clip,
                    !e.errorText.isEmpty()
                        ? e.errorText
                        : missed ? QStringLiteral("the model ignores the %1 concepts the experts "
                                                  "annotated")
                                       .arg(core::modalityName(m))
                                 : QStringLiteral("%1 attribution without any annotated %1 "
                                                  "concept")
                                       .arg(core::modalityName(m)));
                o.errors.append(mk);
            }
        };
        mark(e.spurious, false);
        mark(e.missed, true);
    }
    const auto byStart = [](const auto &a, const auto &b) { return a.startMs < b.startMs; };
    std::stable_sort(o.scores.begin(), o.scores.end(), byStart);
    for (auto &list : o.heat)
        std::stable_sort(list.begin(), list.end(), byStart);
    std::stable_sort(o.errors.begin(), o.errors.end(), byStart);
    return o;
}

} // namespace ms::ui
