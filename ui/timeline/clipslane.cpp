#include "ui/timeline/clipslane.h"

#include "ui/levelpalette.h"
#include "ui/modalitypalette.h"
#include "ui/timeline/lanestrip.h"
#include "ui/timeline/timelinedata.h"
#include "ui/timeline/visiblespans.h"

#include <QPainter>
#include <QPalette>
#include <QStringList>
#include <cmath>

namespace ms::ui {

std::pair<qint64, qint64> ClipsLane::timesOf(const QList<TimelineClip> &clips, int i) const
{
    if (i == m_drag.index)
        return {m_drag.startMs, m_drag.endMs};
    return {clips[i].startMs, clips[i].endMs};
}

qint64 ClipsLane::longest(const LaneContext &ctx) const
{
    const qint64 stored = ctx.data.longestClip();
    return m_drag.index < 0 ? stored : std::max(stored, m_drag.endMs - m_drag.startMs);
}

void ClipsLane::paint(QPainter &p, const QRect &r, const LaneContext &ctx)
{
    const TimeScale &scale = ctx.scale;
    const QList<TimelineClip> &clips = ctx.data.clips();
    const double from = scale.startMs(), to = scale.endMs();
    const int top = r.top() + 3, h = r.height() - 6;
    const int cols = r.width();
    m_columnLevel.assign(size_t(std::max(0, cols)), qint8(-1));
    struct Marked
    {
        int x0, x1;
        quint8 modalities;
    };
    QList<Marked> marks;
    QRect current;
    const int n = int(clips.size());
    for (int i = firstVisible(clips, from, longest(ctx)); i < n; ++i) {
        const TimelineClip &c = clips[i];
        const auto [startMs, endMs] = timesOf(clips, i);
        if (double(startMs) > to)
            break;
        if (double(endMs) < from)
            continue;
        const int x0 = int(std::floor(scale.xForMs(double(startMs))));
        const int x1 = std::max(x0 + 1, int(std::ceil(scale.xForMs(double(endMs)))));
        const qint8 bucket = qint8(c.level ? int(*c.level) : 3);
        // A one-pixel gap keeps neighbouring clips apart once there is room.
        const int e = std::min(cols, x1 - (x1 - x0 > 4 ? 1 : 0));
        for (int col = std::max(0, x0); col < e; ++col)
            m_columnLevel[size_t(col)] = std::max(m_columnLevel[size_t(col)], bucket);
        if (c.modalities && x1 - x0 >= 12)
            marks.append({r.left() + x0, r.left() + x1, c.modalities});
        if (c.id == ctx.currentClip)
            current = QRect(r.left() + x0, top - 2, x1 - x0, h + 4);
    }
    if (cols > 0) {
        QRgb colours[4];
        for (int b = 0; b < 4; ++b)
            colours[b] =
                LevelPalette::color(b < 3 ? std::optional(core::Level(b)) : std::nullopt).rgb();
        QImage &img = ctx.strip.image(cols, r.height());
        LaneStrip::fillRows(img, cols, 0, 3, ctx.background);
        auto *row = reinterpret_cast<QRgb *>(img.scanLine(3));
        for (int col = 0; col < cols; ++col) {
            const qint8 b = m_columnLevel[size_t(col)];
            row[col] = b < 0 ? ctx.background : colours[b];
        }
        LaneStrip::repeatRow(img, cols, 3, 3, 3 + h);
        LaneStrip::fillRows(img, cols, 3 + h, r.height(), ctx.background);
        p.drawImage(r.topLeft(), img, QRect(0, 0, cols, r.height()));
    }

    if (!marks.isEmpty()) {
        QFont f = ctx.font;
        f.setPixelSize(9);
        f.setBold(true);
        p.setFont(f);
        for (const Marked &m : std::as_const(marks)) {
            // Letters when they fit, coloured dots otherwise.
            const bool letters = m.x1 - m.x0 >= 34;
            int x = m.x0 + 2;
            for (core::Modality mod : core::kAllModalities) {
                if (!(m.modalities & (1u << unsigned(mod))))
                    continue;
                const QRect box(x, top + 1, letters ? 10 : 3, letters ? 10 : 3);
                p.fillRect(box, ModalityPalette::color(mod));
                if (letters) {
                    p.setPen(Qt::white);
                    p.drawText(box, Qt::AlignCenter, core::modalityLetter(mod));
                }
                x += box.width() + 1;
            }
        }
        p.setFont(ctx.font);
    }
    if (m_draw.active) {
        const qint64 from = std::min(m_draw.anchorMs, m_draw.toMs);
        const qint64 to = std::max(m_draw.anchorMs, m_draw.toMs);
        const int x0 = int(std::floor(scale.xForMs(double(from))));
        const int x1 = std::max(x0 + 1, int(std::ceil(scale.xForMs(double(to)))));
        const QRect drawn(r.left() + x0, top, x1 - x0, h);
        QColor fill = ctx.palette.highlight().color();
        fill.setAlpha(110);
        p.fillRect(drawn, fill);
        p.setPen(QPen(ctx.palette.highlight().color(), 1, Qt::DashLine));
        p.setBrush(Qt::NoBrush);
        p.drawRect(drawn.adjusted(0, 0, -1, -1));
    }
    if (!current.isNull()) {
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(Qt::black, 2));
        p.drawRect(current.adjusted(1, 1, -1, -1));
        // Handles show that the edges can be dragged.
        p.fillRect(QRect(current.left(), current.top(), 3, current.height()), Qt::black);
        p.fillRect(QRect(current.right() - 2, current.top(), 3, current.height()), Qt::black);
    }
}

int ClipsLane::clipAt(double ms, const LaneContext &ctx) const
{
    const QList<TimelineClip> &clips = ctx.data.clips();
    const double slack = ctx.scale.msPerPixel() * 2;
    int best = -1;
    const int n = int(clips.size());
    for (int i = firstVisible(clips, ms - slack, longest(ctx)); i < n; ++i) {
        const auto [startMs, endMs] = timesOf(clips, i);
        if (double(startMs) > ms + slack)
            break;
        if (double(startMs) - slack <= ms && ms <= double(endMs) + slack) {
            best = i;
            if (double(startMs) <= ms && ms <= double(endMs))
                break;
        }
    }
    return best;
}

LaneHit ClipsLane::hitTest(const QPoint &pos, const LaneContext &ctx) const
{
    const QList<TimelineClip> &clips = ctx.data.clips();
    for (int i = 0; i < clips.size() && ctx.currentClip; ++i) {
        if (clips[i].id != ctx.currentClip)
            continue;
        const auto [startMs, endMs] = timesOf(clips, i);
        const int xl = int(std::lround(ctx.scale.xForMs(double(startMs))));
        const int xr = int(std::lround(ctx.scale.xForMs(double(endMs))));
        const int dl = std::abs(pos.x() - xl), dr = std::abs(pos.x() - xr);
        if (dl <= kEdgeGrab || dr <= kEdgeGrab)
            return {dl <= dr ? LaneHit::Part::StartEdge : LaneHit::Part::EndEdge, i, clips[i].id};
        break;
    }
    const double ms = ctx.scale.msForX(pos.x());
    const int i = clipAt(ms, ctx);
    if (i < 0) {
        if (ms < 0 || ms > double(ctx.scale.duration()))
            return {};
        LaneHit empty;
        empty.part = LaneHit::Part::Empty;
        empty.ms = qint64(std::llround(ms));
        return empty;
    }
    return {LaneHit::Part::Item, i, clips[i].id};
}

QString ClipsLane::toolTip(const QPoint &pos, const LaneContext &ctx) const
{
    const int i = clipAt(ctx.scale.msForX(pos.x()), ctx);
    if (i < 0)
        return {};
    const TimelineClip &c = ctx.data.clips()[i];
    QStringList mods;
    for (core::Modality m : core::kAllModalities)
        if (c.modalities & (1u << unsigned(m)))
            mods << core::modalityName(m);
    return tr("%1: %2%3")
        .arg(c.name, c.level ? core::levelName(*c.level) : tr("not yet annotated"),
             mods.isEmpty() ? QString()
                            : tr("; concepts: %1").arg(mods.join(QStringLiteral(", "))));
}

bool ClipsLane::beginDrag(const LaneHit &hit, const LaneContext &ctx)
{
    if (hit.part == LaneHit::Part::Empty) {
        Draw d{true, hit.ms, hit.ms, 0, ctx.scale.duration()};
        for (const TimelineClip &c : ctx.data.clips()) {
            if (c.endMs <= hit.ms)
                d.minMs = std::max(d.minMs, c.endMs);
            else if (c.startMs >= hit.ms)
                d.maxMs = std::min(d.maxMs, c.startMs);
            else
                return false; // inside a clip after all
        }
        m_draw = d;
        return true;
    }
    if (!hit.isEdge() || hit.index < 0 || hit.index >= ctx.data.clips().size())
        return false;
    const TimelineClip &c = ctx.data.clips()[hit.index];
    m_drag = {hit.index, hit.part == LaneHit::Part::StartEdge, c.startMs, c.endMs};
    return true;
}

void ClipsLane::dragTo(qint64 ms, const LaneContext &ctx)
{
    if (m_draw.active) {
        m_draw.toMs = std::clamp(ms, m_draw.minMs, m_draw.maxMs);
        return;
    }
    if (m_drag.index < 0)
        return;
    if (m_drag.left)
        m_drag.startMs = std::min(ms, m_drag.endMs - kMinClipMs);
    else
        m_drag.endMs = std::max(ms, m_drag.startMs + kMinClipMs);
}

std::optional<TimelineClip> ClipsLane::endDrag(const LaneContext &ctx)
{
    if (m_draw.active) {
        const Draw d = m_draw;
        m_draw = {};
        // A click, or a drag too short to be meant: no clip.
        const qint64 from = std::min(d.anchorMs, d.toMs), to = std::max(d.anchorMs, d.toMs);
        if (to - from < kMinClipMs || ctx.scale.xForMs(double(to)) - ctx.scale.xForMs(double(from)) < 3)
            return std::nullopt;
        TimelineClip drawn;
        drawn.startMs = from;
        drawn.endMs = to;
        return drawn;
    }
    const Drag d = m_drag;
    m_drag = {};
    if (d.index < 0 || d.index >= ctx.data.clips().size())
        return std::nullopt;
    TimelineClip c = ctx.data.clips()[d.index];
    if (c.startMs == d.startMs && c.endMs == d.endMs)
        return std::nullopt;
    c.startMs = d.startMs;
    c.endMs = d.endMs;
    return c;
}

} // namespace ms::ui
