#pragma once

// Made-up timeline data shared by the timeline tests and the benchmark: clips,
// a waveform pyramid from synthetic samples, subtitles and every overlay lane.
#include "core/waveformpyramid.h"
#include "ui/timeline/timelinewidget.h"
#include "ui/timelineoverlay.h"

#include <QTest>
#include <cmath>
#include <memory>
#include <vector>

namespace ms::test {

inline void fillTimeline(ui::TimelineWidget &t, qint64 durationMs, int clipCount, int cueCount,
                         int sampleRate)
{
    t.setDuration(durationMs);
    QList<ui::TimelineWidget::Clip> clips;
    const double step = double(durationMs) / clipCount;
    for (int i = 0; i < clipCount; ++i) {
        ui::TimelineWidget::Clip c;
        c.id = i + 1;
        c.startMs = qint64(i * step);
        c.endMs = qint64((i + 0.9) * step);
        if (i % 7 != 6)
            c.level = core::Level(i % 3);
        c.modalities = quint8((i * 5) % 8);
        c.name = QStringLiteral("clip-%1").arg(i + 1);
        clips.append(c);
    }
    t.setClips(clips);

    auto pyramid = std::make_shared<core::WaveformPyramid>(256, sampleRate);
    const qint64 total = durationMs * sampleRate / 1000;
    std::vector<float> block(1 << 16);
    quint32 noise = 12345;
    for (qint64 done = 0; done < total;) {
        const qint64 n = std::min<qint64>(qint64(block.size()), total - done);
        for (qint64 k = 0; k < n; ++k) {
            noise = noise * 1664525u + 1013904223u;
            const double env = 0.5 + 0.5 * std::sin(double(done + k) / sampleRate * 0.3);
            block[size_t(k)] = float(env * ((noise >> 8) / double(1 << 24) * 2 - 1));
        }
        pyramid->append(block.data(), n);
        done += n;
    }
    pyramid->finish();
    t.setWaveform(pyramid);

    QList<core::SubtitleCue> cues;
    const double cueStep = double(durationMs) / cueCount;
    for (int i = 0; i < cueCount; ++i) {
        core::SubtitleCue c;
        c.startMs = qint64(i * cueStep);
        c.endMs = qint64(i * cueStep + std::min(3000.0, cueStep * 0.8));
        c.text = QStringLiteral("Line %1 of the dialogue,\nsecond line").arg(i + 1);
        cues.append(c);
    }
    t.setSubtitles(cues);

    ui::TimelineOverlay o;
    o.runName = QStringLiteral("fusion-test");
    for (int i = 0; i < clipCount; ++i) {
        ui::TimelineOverlay::Score s;
        s.startMs = clips[i].startMs;
        s.endMs = clips[i].endMs;
        s.value = {float((i * 37) % 100) / 100.f, float((i * 53) % 100) / 100.f,
                   float((i * 71) % 100) / 100.f};
        o.scores.append(s);
        for (int m = 0; m < 3; ++m)
            for (int k = 0; k < 4; ++k) {
                const qint64 a = s.startMs + (s.endMs - s.startMs) * k / 4;
                const qint64 b = s.startMs + (s.endMs - s.startMs) * (k + 1) / 4;
                o.heat[size_t(m)].append({a, b, float(((i + k) * (m + 3)) % 10) / 10.f});
            }
        if (i % 9 == 4) {
            ui::TimelineOverlay::ErrorMark e;
            e.startMs = s.startMs;
            e.endMs = s.endMs;
            e.modality = core::Modality::Text;
            e.text = ui::TimelineOverlay::describeError({core::Modality::Text},
                                                        {core::Modality::Visual});
            o.errors.append(e);
        }
    }
    t.setOverlay(o);
}

// The small film the interaction tests use: 100 s, ten clips and five cues
// on 1000 px past the header, fitted and shown; `currentClip` (0: none) is
// marked current first. False when the window never showed.
inline bool showSmallTimeline(ui::TimelineWidget &t, qint64 currentClip = 0)
{
    t.resize(1000 + ui::TimelineWidget::kHeaderWidth, 300);
    fillTimeline(t, 100'000, 10, 5, 8000);
    t.fitAll();
    if (currentClip != 0)
        t.setCurrentClip(currentClip);
    t.show();
    return QTest::qWaitForWindowExposed(&t);
}

} // namespace ms::test
