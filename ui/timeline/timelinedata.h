#pragma once

#include "core/modality.h"
#include "core/subtitlecue.h"
#include "core/timerange.h"
#include "core/waveformpyramid.h"
#include "ui/timeline/timelineclip.h"
#include "ui/timelineoverlay.h"

#include <QList>
#include <array>
#include <memory>

namespace ms::ui {

// What the timeline shows, read by every lane and written only by the
// widget's setters. Each list is sorted by start, and the longest item of
// each is kept beside it: that is what lets a lane find its first visible
// item with a binary search (from start - longest, as items may overlap)
// and stop at the first one past the right edge. The setters are where that
// invariant is made (the overlay arrives sorted: TimelineOverlay says so).
class TimelineData
{
public:
    // Sorted here (stable: equal starts keep their order).
    void setClips(QList<TimelineClip> clips);
    const QList<TimelineClip> &clips() const { return m_clips; }
    qint64 longestClip() const { return m_longestClip; }

    void setWaveform(std::shared_ptr<const core::WaveformPyramid> pyramid);
    const std::shared_ptr<const core::WaveformPyramid> &waveform() const { return m_waveform; }

    // Sorted here.
    void setCues(QList<core::SubtitleCue> cues);
    const QList<core::SubtitleCue> &cues() const { return m_cues; }
    qint64 longestCue() const { return m_longestCue; }

    // Proposed clips (segmentation) before the user accepts them; sorted
    // and without overlaps (core::Segmenter says so).
    void setProposal(QList<core::TimeRange> ranges) { m_proposal = std::move(ranges); }
    const QList<core::TimeRange> &proposal() const { return m_proposal; }

    void setOverlay(TimelineOverlay overlay);
    const TimelineOverlay &overlay() const { return m_overlay; }
    qint64 longestScore() const { return m_longestScore; }
    qint64 longestHeat(core::Modality m) const { return m_longestHeat[size_t(m)]; }
    qint64 longestError() const { return m_longestError; }

private:
    QList<TimelineClip> m_clips;
    qint64 m_longestClip = 0;
    std::shared_ptr<const core::WaveformPyramid> m_waveform;
    QList<core::SubtitleCue> m_cues;
    qint64 m_longestCue = 0;
    QList<core::TimeRange> m_proposal;
    TimelineOverlay m_overlay;
    qint64 m_longestScore = 0;
    std::array<qint64, 3> m_longestHeat{};
    qint64 m_longestError = 0;
};

} // namespace ms::ui
