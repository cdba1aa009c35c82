#include "ui/timeline/proposallane.h"

#include "ui/timeline/timelinedata.h"
#include "ui/timescale.h"

#include <QPainter>
#include <QPalette>
#include <algorithm>
#include <cmath>

namespace ms::ui {

bool ProposalLane::isAvailable(const TimelineData &data) const
{
    return !data.proposal().isEmpty();
}

int ProposalLane::rangeAt(double ms, const LaneContext &ctx)
{
    const QList<core::TimeRange> &ranges = ctx.data.proposal();
    // Sorted and disjoint: the first range ending after `ms`.
    const auto it =
        std::upper_bound(ranges.cbegin(), ranges.cend(), ms,
                         [](double t, const core::TimeRange &r) { return t < double(r.endMs); });
    if (it == ranges.cend() || double(it->startMs) > ms)
        return -1;
    return int(it - ranges.cbegin());
}

void ProposalLane::paint(QPainter &p, const QRect &r, const LaneContext &ctx)
{
    const TimeScale &scale = ctx.scale;
    const QList<core::TimeRange> &ranges = ctx.data.proposal();
    const double from = scale.startMs(), to = scale.endMs();
    const QColor base = ctx.palette.highlight().color();
    QColor light = base, dark = base;
    light.setAlpha(60);
    dark.setAlpha(120);
    const int top = r.top() + 3, h = r.height() - 6;
    int first = rangeAt(from, ctx);
    if (first < 0) // `from` in a gap: the first range after it
        first = int(std::upper_bound(
                        ranges.cbegin(), ranges.cend(), from,
                        [](double t, const core::TimeRange &x) { return t < double(x.startMs); }) -
                    ranges.cbegin());
    int lastCut = INT_MIN;
    p.setPen(Qt::NoPen);
    for (int i = std::max(0, first); i < ranges.size(); ++i) {
        const core::TimeRange &range = ranges[i];
        if (double(range.startMs) > to)
            break;
        const int x0 = int(std::floor(scale.xForMs(double(range.startMs))));
        const int x1 = std::max(x0 + 1, int(std::ceil(scale.xForMs(double(range.endMs)))));
        p.fillRect(QRect(r.left() + x0, top, x1 - x0, h), i % 2 ? dark : light);
        // One mark per cut, also where many cuts share a pixel.
        if (x0 != lastCut) {
            p.fillRect(QRect(r.left() + x0, r.top() + 1, 1, r.height() - 2), base);
            lastCut = x0;
        }
    }
}

QString ProposalLane::toolTip(const QPoint &pos, const LaneContext &ctx) const
{
    const int i = rangeAt(ctx.scale.msForX(pos.x()), ctx);
    if (i < 0)
        return {};
    const core::TimeRange &r = ctx.data.proposal()[i];
    return tr("Proposed clip %1 of %2: %3 s to %4 s (not yet made; Accept in the Segment "
              "dialog makes the clips)")
        .arg(i + 1)
        .arg(ctx.data.proposal().size())
        .arg(double(r.startMs) / 1000.0, 0, 'f', 3)
        .arg(double(r.endMs) / 1000.0, 0, 'f', 3);
}

LaneHit ProposalLane::hitTest(const QPoint &pos, const LaneContext &ctx) const
{
    const int i = rangeAt(ctx.scale.msForX(pos.x()), ctx);
    if (i < 0)
        return {};
    return {LaneHit::Part::Item, i, std::nullopt};
}

} // namespace ms::ui
