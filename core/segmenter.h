#pragma once

#include "core/subtitlecue.h"
#include "core/timerange.h"

#include <QList>

namespace ms::core {

// Proposed clips of a film, for the user to accept: pure functions, so the
// window can redo a proposal at every change of a parameter. Every proposal
// is sorted, its ranges never overlap and none is empty; fixed lengths and
// shots cover the film from 0 to its end, cues cover their cues.
class Segmenter
{
public:
    // Pieces of `lengthMs` from 0 to `durationMs`. The last piece, when
    // shorter than `mergeBelowMs`, is joined to the one before (a film of
    // 61 s cut in minutes gives one clip of 61 s, not a clip of 1 s);
    // `mergeBelowMs` 0 keeps every piece. UserError when `lengthMs` <= 0.
    static QList<TimeRange> fixedLength(qint64 durationMs, qint64 lengthMs, qint64 mergeBelowMs);

    // One range per group of cues: a cue joins the group before it when the
    // gap between them is under `maxGapMs` (0: one range per cue). Cues that
    // overlap always share a group, so ranges never overlap. Cues are taken
    // in time order; empty ones are skipped; with `durationMs` > 0 the ranges
    // are clipped to the film.
    static QList<TimeRange> byCues(QList<SubtitleCue> cues, qint64 maxGapMs, qint64 durationMs = 0);

    // The shots between cut times: [0, c1), [c1, c2), ..., [cn, durationMs).
    // Cuts outside (0, durationMs) and repeated cuts are ignored.
    static QList<TimeRange> fromCuts(QList<qint64> cuts, qint64 durationMs);
};

} // namespace ms::core
