#pragma once

#include "database/explanationrepository.h"
#include "ui/timelineoverlay.h"

#include <QHash>
#include <array>
#include <vector>

namespace ms::ui {

// Turns a stored explanation set (db::ExplanationRepository) into what the
// timeline draws for one film: a score per modality per clip, the tokens'
// relevance as heat spans, and the attribution errors with their words.
// Pure: no database, no widget; the caller passes the film's clips by name
// with their times, and explanations of clips of other films (or of clips
// without times) are left out.
class OverlayBuilder
{
public:
    struct Span
    {
        qint64 startMs = 0;
        qint64 endMs = 0;
    };

    static TimelineOverlay build(const db::ExplanationSet &set,
                                 const std::vector<db::ClipExplanation> &explanations,
                                 const QHash<QString, Span> &filmClips);

    // "Run 3 · AV early on CMSD, fold 1 · baseline mean".
    static QString setName(const db::ExplanationSet &set);
    // The modalities the explained model uses (its letters; all three when
    // they cannot be read).
    static core::ModalitySet modalities(const db::ExplanationSet &set);
    // One clip's tokens as heat, each modality's spans sorted by start, the
    // relevance divided by the clip's highest token relevance (of any
    // modality), so a clip's cells compare across modalities and the most
    // relevant token is full colour. Tokens of unused modalities are dropped.
    static std::array<QList<TimelineOverlay::HeatSpan>, 3>
    clipHeat(const db::ClipExplanation &explanation, core::ModalitySet used);
};

} // namespace ms::ui
