#include "ui/timeline/scorelane.h"

#include "ui/modalitypalette.h"
#include "ui/timeline/lanestrip.h"
#include "ui/timeline/timelinedata.h"
#include "ui/timeline/visiblespans.h"

#include <QPainter>
#include <cmath>

namespace ms::ui {

bool ScoreLane::isAvailable(const TimelineData &data) const
{
    return !data.overlay().isEmpty() && data.overlay().modalities.contains(m_modality);
}

void ScoreLane::paint(QPainter &p, const QRect &r, const LaneContext &ctx)
{
    const int cols = r.width();
    const size_t m = size_t(m_modality);
    maxPerColumn(m_columns, ctx.data.overlay().scores, ctx.data.longestScore(), ctx.scale, cols,
                 [m](const TimelineOverlay::Score &s) { return s.value[m]; });
    if (cols <= 0)
        return;
    // Bars up from the bottom, written row by row (in memory order): a
    // pixel is ink when its column's bar reaches its row.
    const int base = r.height() - 2, span = r.height() - 4;
    m_heights.resize(size_t(cols));
    for (int c = 0; c < cols; ++c) {
        const float v = m_columns[size_t(c)];
        m_heights[size_t(c)] = v < 0 ? 0 : std::min(span, std::max(1, int(std::lround(v * span))));
    }
    QImage &img = ctx.strip.image(cols, r.height());
    const QRgb ink = ModalityPalette::color(m_modality).rgb();
    const QRgb bg = ctx.background;
    const int *heights = m_heights.data();
    for (int y = 0; y < r.height(); ++y) {
        auto *line = reinterpret_cast<QRgb *>(img.scanLine(y));
        const int need = base - y + 1; // the height a bar needs to reach row y
        if (need <= 0 || need > span) {
            std::fill_n(line, cols, bg);
            continue;
        }
        for (int c = 0; c < cols; ++c)
            line[c] = heights[c] >= need ? ink : bg;
    }
    p.drawImage(r.topLeft(), img, QRect(0, 0, cols, r.height()));
    // The 0.5 threshold the model's decision uses.
    p.setPen(QPen(QColor(0, 0, 0, 90), 1, Qt::DotLine));
    const int y = r.top() + base - span / 2;
    p.drawLine(r.left(), y, r.right(), y);
}

QString ScoreLane::toolTip(const QPoint &, const LaneContext &ctx) const
{
    return tr("%1 of run %2").arg(name(), ctx.data.overlay().runName);
}

} // namespace ms::ui
