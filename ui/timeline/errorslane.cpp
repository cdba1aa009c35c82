#include "ui/timeline/errorslane.h"

#include "ui/modalitypalette.h"
#include "ui/timeline/rectbatch.h"
#include "ui/timeline/timelinedata.h"
#include "ui/timeline/visiblespans.h"

#include <QPainter>
#include <cmath>

namespace ms::ui {

bool ErrorsLane::isAvailable(const TimelineData &data) const
{
    return !data.overlay().isEmpty();
}

void ErrorsLane::paint(QPainter &p, const QRect &r, const LaneContext &ctx)
{
    const TimeScale &scale = ctx.scale;
    const double from = scale.startMs(), to = scale.endMs();
    const auto &errors = ctx.data.overlay().errors;
    const int n = int(errors.size());
    RectBatch spurious[3], missed[3];
    const int half = (r.height() - 6) / 2;
    for (int i = firstVisible(errors, from, ctx.data.longestError()); i < n; ++i) {
        const auto &e = errors[i];
        if (double(e.startMs) > to)
            break;
        if (double(e.endMs) < from)
            continue;
        const int x0 = r.left() + int(std::floor(scale.xForMs(double(e.startMs))));
        const int x1 = std::max(x0 + 3, r.left() + int(std::ceil(scale.xForMs(double(e.endMs)))));
        if (e.missed)
            missed[int(e.modality)].add(x0, x1, r.top() + 3 + half + 1, half);
        else
            spurious[int(e.modality)].add(x0, x1, r.top() + 3, half + 1);
    }
    for (int m = 0; m < 3; ++m) {
        spurious[m].draw(p, ModalityPalette::color(core::Modality(m)).darker(130));
        missed[m].draw(p, ModalityPalette::color(core::Modality(m)).lighter(125));
    }
}

LaneHit ErrorsLane::hitTest(const QPoint &pos, const LaneContext &ctx) const
{
    const auto &errors = ctx.data.overlay().errors;
    const double ms = ctx.scale.msForX(pos.x());
    const double slack = ctx.scale.msPerPixel() * 4;
    for (int i = firstVisible(errors, ms - slack, ctx.data.longestError()); i < errors.size();
         ++i) {
        const auto &e = errors[i];
        if (e.startMs > ms + slack)
            break;
        if (e.startMs - slack <= ms && ms <= e.endMs + slack)
            return {LaneHit::Part::Item, i, std::nullopt};
    }
    return {};
}

QString ErrorsLane::toolTip(const QPoint &pos, const LaneContext &ctx) const
{
    const LaneHit hit = hitTest(pos, ctx);
    return hit.part == LaneHit::Part::Item ? ctx.data.overlay().errors[hit.index].text : QString();
}

} // namespace ms::ui
