#pragma once

#include "ui/timeline/lane.h"

#include <QCoreApplication>

namespace ms::ui {

// The audio waveform: per pixel column, the min..max of its samples read
// from the pyramid level that matches samples per pixel, written straight
// into the strip. While the pyramid is still being built the part not yet
// decoded is shaded; without one, the lane says so.
class WaveformLane : public Lane
{
    Q_DECLARE_TR_FUNCTIONS(WaveformLane)
public:
    QString name() const override { return tr("Audio"); }
    int height() const override { return 56; }
    bool paintsBackground() const override { return true; }
    void paint(QPainter &p, const QRect &r, const LaneContext &ctx) override;
    // The peak level under the pointer, or why there is no waveform.
    QString toolTip(const QPoint &pos, const LaneContext &ctx) const override;
};

} // namespace ms::ui
