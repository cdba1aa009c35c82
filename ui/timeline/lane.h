#pragma once

#include "ui/timeline/lanecontext.h"
#include "ui/timeline/lanehit.h"
#include "ui/timeline/timelineclip.h"

#include <QString>
#include <optional>

class QPainter;
class QPoint;
class QRect;

namespace ms::ui {

class TimelineData;

// One lane of the timeline (clips, waveform, subtitles, a score, an attention
// heatmap, errors). The widget owns the lanes, stacks them in the user's
// order below its ruler and hands each a LaneContext; a lane only draws its
// rectangle and answers questions about a point in it. A new lane is a class
// implementing this and one line in TimelineWidget::registeredLanes().
//
// Lane coordinates: x is the TimeScale's x (0 = scale.startMs()), so a lane
// never needs to know the widget's header width; the rectangle given to
// paint() is in the painter's coordinates and starts at that x = 0.
class Lane
{
public:
    virtual ~Lane() = default;

    // The header's label.
    virtual QString name() const = 0;
    // Natural height in pixels (the widget may shrink it to fit).
    virtual int height() const = 0;
    // Whether the lane has a place now; the overlay lanes have none while
    // no run is shown, or for a modality the run's model does not use.
    virtual bool isAvailable(const TimelineData &data) const { return true; }
    // Dense lanes write every pixel of their rectangle, so the widget does
    // not fill the background first (one less pass over the largest lanes).
    virtual bool paintsBackground() const { return false; }

    // Paints the visible range (ctx.scale's view) into `r`; the painter is
    // clipped to `r`. Non-const: lanes keep per-column scratch between paints.
    virtual void paint(QPainter &p, const QRect &r, const LaneContext &ctx) = 0;
    // The tooltip at `pos` (lane coordinates); empty for none.
    virtual QString toolTip(const QPoint &pos, const LaneContext &ctx) const = 0;
    // What a press at `pos` (lane coordinates) would touch.
    virtual LaneHit hitTest(const QPoint &pos, const LaneContext &ctx) const { return {}; }

    // Edge drags: a lane that accepts beginDrag() gets the pointer's times
    // until endDrag() or cancelDrag(). It shows the proposed times itself and
    // endDrag() returns the clip with them when they changed; the widget
    // forwards that to its owner, who decides whether the clip really changes.
    // A lane may also accept a drag from an Empty hit: endDrag() then returns
    // a clip with id 0, the range drawn, which the owner may make a clip.
    virtual bool beginDrag(const LaneHit &hit, const LaneContext &ctx) { return false; }
    virtual void dragTo(qint64 ms, const LaneContext &ctx) {}
    virtual std::optional<TimelineClip> endDrag(const LaneContext &ctx) { return std::nullopt; }
    virtual void cancelDrag() {}
};

} // namespace ms::ui
