#pragma once

#include "ui/timeline/lane.h"

#include <QCoreApplication>
#include <vector>

namespace ms::ui {

// Clips coloured by level, with the modalities of their concepts as V/A/T
// letters (or dots when narrow), the current clip framed with handles; the
// current clip's edges can be dragged.
//
// Dense: each pixel column gets the level of the clips over it (an
// unannotated clip wins, then S, HN, EN, so a missing label shows at any
// zoom), one row is computed and repeated down the strip.
class ClipsLane : public Lane
{
    Q_DECLARE_TR_FUNCTIONS(ClipsLane)
public:
    QString name() const override { return tr("Clips"); }
    int height() const override { return 30; }
    bool paintsBackground() const override { return true; }
    void paint(QPainter &p, const QRect &r, const LaneContext &ctx) override;
    QString toolTip(const QPoint &pos, const LaneContext &ctx) const override;
    // An edge of the current clip (within a few pixels), else the clip under
    // the pointer (with two pixels of slack), else an Empty place where a
    // drag draws a new clip (as on an ELAN tier).
    LaneHit hitTest(const QPoint &pos, const LaneContext &ctx) const override;
    bool beginDrag(const LaneHit &hit, const LaneContext &ctx) override;
    void dragTo(qint64 ms, const LaneContext &ctx) override;
    std::optional<TimelineClip> endDrag(const LaneContext &ctx) override;
    void cancelDrag() override
    {
        m_drag = {};
        m_draw = {};
    }

    static constexpr int kEdgeGrab = 5; // px around a clip edge that start a drag
    // The repository refuses an empty clip: a drag keeps at least this much.
    static constexpr qint64 kMinClipMs = 100;

private:
    // The times clip `i` is drawn with: the dragged one at its proposed times.
    std::pair<qint64, qint64> timesOf(const QList<TimelineClip> &clips, int i) const;
    qint64 longest(const LaneContext &ctx) const;
    int clipAt(double ms, const LaneContext &ctx) const;

    struct Drag
    {
        int index = -1;
        bool left = false;
        qint64 startMs = 0, endMs = 0;
    };
    Drag m_drag;
    // A new clip being drawn: from the press to the pointer, kept inside
    // the free gap the press was in, so it never runs into another clip.
    struct Draw
    {
        bool active = false;
        qint64 anchorMs = 0, toMs = 0;
        qint64 minMs = 0, maxMs = 0;
    };
    Draw m_draw;
    std::vector<qint8> m_columnLevel; // per-column scratch
};

} // namespace ms::ui
