#pragma once

#include "core/demoplan.h"

#include <QList>
#include <QString>
#include <atomic>
#include <functional>

namespace ms::core {

// The demo corpus: short generated films whose labels come from events
// planted in the media, one kind per modality, each tied to one concept of
// the default taxonomy (kVisualConcept, kAudioConcept, kTextConcept):
//  - visual: a dark red disc crossing the frame (distractors: a light blue disc of the
//    same size, a yellow square), which the built-in colour histogram and
//    thumbnail can tell apart;
//  - audio: a 4 kHz tone pulsed four times a second (distractors: the same
//    pulses at 700 Hz, a 1.2-2 kHz chirp), over a quiet low chord;
//  - text: a spoken line (espeak-ng, and its subtitle cue) calling someone a
//    doll (distractors: the same lines with another word).
// Films are cut into clips of minClipMs..maxClipMs (one background each);
// a clip holding an event is Sure (or, at random, Hard Negative) with the
// concepts of its events, the others Easy Negative; a few are left
// unannotated; some hold events of two modalities; text events are the
// rarest. Deterministic for a seed (SplitMix64). Everything is labelled
// synthetic: the titles say so.
class DemoCorpusGenerator
{
public:
    static constexpr const char *kVisualConcept = "Body";
    static constexpr const char *kAudioConcept = "Soundtrack";
    static constexpr const char *kTextConcept = "Speech";

    struct Options
    {
        int films = 6;
        int filmSeconds = 120;
        int minClipMs = 4000;
        int maxClipMs = 6000;
        quint64 seed = 1;
        // Chance that a clip holds an event of a modality.
        double visualRate = 0.30;
        double audioRate = 0.30;
        double textRate = 0.14;
        // Chance that a clip without an event of a modality holds a
        // distractor of it.
        double distractorRate = 0.40;
        double hardNegativeRate = 0.3; // of the clips with events
        double unannotatedRate = 0.08;
    };
    using Progress = std::function<void(const QString &step)>;

    // The corpus without media: pure and deterministic.
    static QList<DemoFilm> plan(const Options &options);
    // Plans and renders every film into `dir` (filmN.mp4 + filmN.srt), with
    // text events' end times set to their spoken lines' lengths. Throws
    // UserError when a tool is missing or fails, or on cancel.
    static QList<DemoFilm> generate(const QString &dir, const Options &options,
                                    const Progress &progress = {},
                                    const std::atomic<bool> *cancel = nullptr);
    // The lines spoken by text events and by their distractors.
    static const QStringList &eventLines();
    static const QStringList &distractorLines();
};

} // namespace ms::core
