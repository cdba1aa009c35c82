#include "core/segmenter.h"

#include "core/error.h"

#include <algorithm>

namespace ms::core {

QList<TimeRange> Segmenter::fixedLength(qint64 durationMs, qint64 lengthMs, qint64 mergeBelowMs)
{
    if (lengthMs <= 0)
        throw UserError(
            QStringLiteral("the clip length must be more than 0 ms, not %1 ms").arg(lengthMs));
    QList<TimeRange> out;
    for (qint64 start = 0; start < durationMs; start += lengthMs)
        out.append({start, std::min(start + lengthMs, durationMs)});
    if (out.size() > 1 && out.last().length() < mergeBelowMs) {
        const qint64 end = out.takeLast().endMs;
        out.last().endMs = end;
    }
    return out;
}

QList<TimeRange> Segmenter::byCues(QList<SubtitleCue> cues, qint64 maxGapMs, qint64 durationMs)
{
    std::stable_sort(cues.begin(), cues.end(), [](const SubtitleCue &a, const SubtitleCue &b) {
        return a.startMs < b.startMs;
    });
    const qint64 gap = std::max<qint64>(0, maxGapMs);
    QList<TimeRange> out;
    for (const SubtitleCue &c : cues) {
        const qint64 start = std::max<qint64>(0, c.startMs);
        qint64 end = c.endMs;
        if (durationMs > 0)
            end = std::min(end, durationMs);
        if (end <= start)
            continue;
        // Under the gap (or overlapping, a negative gap): the same group.
        if (!out.isEmpty() && start - out.last().endMs < gap) {
            out.last().endMs = std::max(out.last().endMs, end);
            continue;
        }
        out.append({start, end});
    }
    return out;
}

QList<TimeRange> Segmenter::fromCuts(QList<qint64> cuts, qint64 durationMs)
{
    std::sort(cuts.begin(), cuts.end());
    cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
    QList<TimeRange> out;
    qint64 start = 0;
    for (qint64 c : cuts) {
        if (c <= start || c >= durationMs)
            continue;
        out.append({start, c});
        start = c;
    }
    if (durationMs > start)
        out.append({start, durationMs});
    return out;
}

} // namespace ms::core
