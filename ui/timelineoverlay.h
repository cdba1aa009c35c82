#pragma once

#include "core/modality.h"

#include <QList>
#include <QString>
#include <array>

namespace ms::ui {

// What a model run says about a film, in the shape the timeline draws: plain
// data, filled by whoever computes explanations (a later issue) or by tests.
// Every list is sorted by start time, which is what lets the timeline find
// the visible part with a binary search.
struct TimelineOverlay
{
    // The model's per-modality score (0..1) for one clip.
    struct Score
    {
        qint64 startMs = 0;
        qint64 endMs = 0;
        std::array<float, 3> value{}; // indexed by core::Modality
    };
    // Attention given to one modality over a span of time (0..1).
    struct HeatSpan
    {
        qint64 startMs = 0;
        qint64 endMs = 0;
        float value = 0;
    };
    // A modality-attribution error: the model fires on a modality that no
    // annotated concept supports, or (`missed`) ignores a modality the
    // experts annotated. `text` is what the tooltip says.
    struct ErrorMark
    {
        qint64 startMs = 0;
        qint64 endMs = 0;
        core::Modality modality = core::Modality::Visual;
        bool missed = false;
        QString text;
    };

    QString runName;
    // The modalities the run's model uses; lanes of the others are hidden.
    core::ModalitySet modalities{core::Modality::Visual, core::Modality::Audio,
                                 core::Modality::Text};
    QList<Score> scores;
    std::array<QList<HeatSpan>, 3> heat; // indexed by core::Modality
    QList<ErrorMark> errors;

    bool isEmpty() const
    {
        return scores.isEmpty() && errors.isEmpty() && heat[0].isEmpty() && heat[1].isEmpty()
               && heat[2].isEmpty();
    }

    // The error in words: "text-only model fires; experts annotated visual
    // concepts only" (fired: what the model relied on; annotated: the
    // modalities of the clip's concepts).
    static QString describeError(core::ModalitySet fired, core::ModalitySet annotated);
};

} // namespace ms::ui
