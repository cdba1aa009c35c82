#include "ui/timeline/timelinedata.h"

#include <algorithm>

namespace ms::ui {

namespace {

template <typename T> qint64 longest(const QList<T> &items)
{
    qint64 n = 0;
    for (const T &item : items)
        n = std::max(n, item.endMs - item.startMs);
    return n;
}

template <typename T> void sortByStart(QList<T> &items)
{
    std::stable_sort(items.begin(), items.end(),
                     [](const T &a, const T &b) { return a.startMs < b.startMs; });
}

} // namespace

void TimelineData::setClips(QList<TimelineClip> clips)
{
    sortByStart(clips);
    m_clips = std::move(clips);
    m_longestClip = longest(m_clips);
}

void TimelineData::setWaveform(std::shared_ptr<const core::WaveformPyramid> pyramid)
{
    m_waveform = std::move(pyramid);
}

void TimelineData::setCues(QList<core::SubtitleCue> cues)
{
    sortByStart(cues);
    m_cues = std::move(cues);
    m_longestCue = longest(m_cues);
}

void TimelineData::setOverlay(TimelineOverlay overlay)
{
    m_overlay = std::move(overlay);
    m_longestScore = longest(m_overlay.scores);
    for (size_t m = 0; m < m_longestHeat.size(); ++m)
        m_longestHeat[m] = longest(m_overlay.heat[m]);
    m_longestError = longest(m_overlay.errors);
}

} // namespace ms::ui
