#include "ui/timeline/waveformlane.h"

#include "ui/timeline/lanestrip.h"
#include "ui/timeline/timelinedata.h"
#include "ui/timescale.h"

#include <QPainter>
#include <QPalette>
#include <algorithm>
#include <cmath>

namespace ms::ui {

namespace {

bool drawable(const core::WaveformPyramid *w)
{
    return w && w->sampleRate() > 0 && w->levelCount() > 0;
}

} // namespace

void WaveformLane::paint(QPainter &p, const QRect &r, const LaneContext &ctx)
{
    const core::WaveformPyramid *waveform = ctx.data.waveform().get();
    if (!drawable(waveform)) {
        p.fillRect(r, QColor(ctx.background)); // a dense lane paints its own background
        p.setPen(ctx.palette.color(QPalette::PlaceholderText));
        p.drawText(r.adjusted(8, 0, 0, 0), Qt::AlignVCenter | Qt::AlignLeft,
                   waveform ? tr("computing the waveform\u2026") : tr("no waveform"));
        return;
    }
    const core::WaveformPyramid &w = *waveform;
    const TimeScale &scale = ctx.scale;
    const double perMs = w.sampleRate() / 1000.0;
    const qint64 available = w.sampleCount();
    const double mid = r.top() + r.height() / 2.0;
    const double half = r.height() / 2.0 - 2;
    const int cols = r.width();
    if (cols <= 0)
        return;
    QImage &img = ctx.strip.image(cols, r.height());
    LaneStrip::fillRows(img, cols, 0, r.height(), ctx.background);
    const QRgb ink = QColor(0x3a, 0x5f, 0x8a).rgb();
    const double midRel = mid - r.top();
    const qsizetype stride = img.bytesPerLine() / qsizetype(sizeof(QRgb));
    auto *bits = reinterpret_cast<QRgb *>(img.bits());
    for (int c = 0; c < cols; ++c) {
        const qint64 s0 = qint64(scale.msForX(c) * perMs);
        if (s0 >= available)
            break;
        const qint64 s1 =
            std::min(available, std::max(s0 + 1, qint64(scale.msForX(c + 1) * perMs)));
        const auto [lo, hi] = w.range(s0, s1);
        const int y0 = std::clamp(int(std::lround(midRel - std::clamp(hi, -1.0f, 1.0f) * half)), 0,
                                  r.height() - 1);
        const int y1 = std::clamp(int(std::lround(midRel - std::clamp(lo, -1.0f, 1.0f) * half)), 0,
                                  r.height() - 1);
        for (int y = y0; y <= y1; ++y)
            bits[y * stride + c] = ink;
    }
    p.drawImage(r.topLeft(), img, QRect(0, 0, cols, r.height()));
    if (!w.isFinished()) {
        // Shows what part is still being decoded.
        const double endX = scale.xForMs(available / perMs);
        if (endX < cols)
            p.fillRect(QRect(r.left() + int(std::max(0.0, endX)), r.top(),
                             cols - int(std::max(0.0, endX)), r.height()),
                       QColor(0, 0, 0, 18));
    }
}

QString WaveformLane::toolTip(const QPoint &pos, const LaneContext &ctx) const
{
    const core::WaveformPyramid *w = ctx.data.waveform().get();
    if (!drawable(w))
        return w ? tr("computing the waveform\u2026") : tr("no waveform");
    const double perMs = w->sampleRate() / 1000.0;
    const qint64 s0 = qint64(ctx.scale.msForX(pos.x()) * perMs);
    if (s0 < 0 || s0 >= w->sampleCount())
        return w->isFinished() ? QString() : tr("not decoded yet");
    const qint64 s1 =
        std::min(w->sampleCount(), std::max(s0 + 1, qint64(ctx.scale.msForX(pos.x() + 1) * perMs)));
    const auto [lo, hi] = w->range(s0, s1);
    const float peak = std::max(std::abs(lo), std::abs(hi));
    if (peak <= 0)
        return tr("Audio here: silence");
    return tr("Audio here: peak %1 dBFS").arg(20.0 * std::log10(double(peak)), 0, 'f', 1);
}

} // namespace ms::ui
