#include "ui/timeline/attentionlane.h"

#include "ui/modalitypalette.h"
#include "ui/timeline/lanestrip.h"
#include "ui/timeline/timelinedata.h"
#include "ui/timeline/visiblespans.h"

#include <QPainter>
#include <algorithm>

namespace ms::ui {

QColor AttentionLane::heatColor(core::Modality m, float v)
{
    const QColor base = ModalityPalette::color(m);
    const float a = std::clamp(v, 0.0f, 1.0f);
    auto mix = [a](int c) { return int(255 + (c - 255) * a); };
    return QColor(mix(base.red()), mix(base.green()), mix(base.blue()));
}

bool AttentionLane::isAvailable(const TimelineData &data) const
{
    return !data.overlay().isEmpty() && data.overlay().modalities.contains(m_modality);
}

void AttentionLane::paint(QPainter &p, const QRect &r, const LaneContext &ctx)
{
    const int cols = r.width();
    maxPerColumn(m_columns, ctx.data.overlay().heat[size_t(m_modality)],
                 ctx.data.longestHeat(m_modality), ctx.scale, cols,
                 [](const TimelineOverlay::HeatSpan &s) { return s.value; });
    if (cols <= 0)
        return;
    constexpr int kShades = 16;
    QRgb shades[kShades];
    for (int k = 0; k < kShades; ++k)
        shades[k] = heatColor(m_modality, (k + 0.5f) / kShades).rgb();
    QImage &img = ctx.strip.image(cols, r.height());
    auto *row = reinterpret_cast<QRgb *>(img.scanLine(1));
    for (int c = 0; c < cols; ++c) {
        const float v = m_columns[size_t(c)];
        row[c] = v < 0 ? ctx.background : shades[std::clamp(int(v * kShades), 0, kShades - 1)];
    }
    LaneStrip::repeatRow(img, cols, 1, 1, r.height() - 1);
    LaneStrip::fillRows(img, cols, 0, 1, ctx.background);
    LaneStrip::fillRows(img, cols, r.height() - 1, r.height(), ctx.background);
    p.drawImage(r.topLeft(), img, QRect(0, 0, cols, r.height()));
}

QString AttentionLane::toolTip(const QPoint &, const LaneContext &ctx) const
{
    return tr("%1 of run %2").arg(name(), ctx.data.overlay().runName);
}

} // namespace ms::ui
