#include "ui/timeline/subtitleslane.h"

#include "ui/timeline/rectbatch.h"
#include "ui/timeline/timelinedata.h"
#include "ui/timeline/visiblespans.h"

#include <QFontMetrics>
#include <QPainter>
#include <cmath>

namespace ms::ui {

void SubtitlesLane::paint(QPainter &p, const QRect &r, const LaneContext &ctx)
{
    const TimeScale &scale = ctx.scale;
    const QList<core::SubtitleCue> &cues = ctx.data.cues();
    const double from = scale.startMs(), to = scale.endMs();
    const int top = r.top() + 3, h = r.height() - 6;
    RectBatch blocks;
    struct Label
    {
        QRect box;
        int cue;
    };
    QList<Label> labels;
    const int n = int(cues.size());
    for (int i = firstVisible(cues, from, ctx.data.longestCue()); i < n; ++i) {
        const core::SubtitleCue &c = cues[i];
        if (double(c.startMs) > to)
            break;
        if (double(c.endMs) < from)
            continue;
        const int x0 = r.left() + int(std::floor(scale.xForMs(double(c.startMs))));
        const int x1 = std::max(x0 + 1, r.left() + int(std::ceil(scale.xForMs(double(c.endMs)))));
        blocks.add(x0, x1 - (x1 - x0 > 4 ? 1 : 0), top, h);
        if (x1 - x0 >= 24)
            labels.append({QRect(x0 + 3, top, x1 - x0 - 6, h), i});
    }
    blocks.draw(p, QColor(0xdd, 0xd3, 0xb8));
    if (labels.isEmpty())
        return;
    p.setPen(QColor(0x30, 0x30, 0x30));
    const QFontMetrics fm(ctx.font);
    for (const Label &l : std::as_const(labels)) {
        // Only the few labels wide enough to read get here, so the lines are
        // joined now rather than kept for every cue.
        const QString line = QString(cues[l.cue].text).replace(QLatin1Char('\n'), QLatin1Char(' '));
        p.drawText(l.box, Qt::AlignVCenter | Qt::AlignLeft,
                   fm.elidedText(line, Qt::ElideRight, l.box.width()));
    }
}

LaneHit SubtitlesLane::hitTest(const QPoint &pos, const LaneContext &ctx) const
{
    const QList<core::SubtitleCue> &cues = ctx.data.cues();
    const double ms = ctx.scale.msForX(pos.x());
    const double slack = ctx.scale.msPerPixel() * 2;
    for (int i = firstVisible(cues, ms - slack, ctx.data.longestCue()); i < cues.size(); ++i) {
        if (cues[i].startMs > ms + slack)
            break;
        if (cues[i].startMs - slack <= ms && ms <= cues[i].endMs + slack)
            return {LaneHit::Part::Item, i, std::nullopt};
    }
    return {};
}

QString SubtitlesLane::toolTip(const QPoint &pos, const LaneContext &ctx) const
{
    const LaneHit hit = hitTest(pos, ctx);
    return hit.part == LaneHit::Part::Item ? ctx.data.cues()[hit.index].text : QString();
}

} // namespace ms::ui
