#pragma once

#include <QRgb>

class QFont;
class QPalette;

namespace ms::ui {

class LaneStrip;
class TimeScale;
class TimelineData;

// The read-only state every lane may need, handed to each call by the
// widget: the time <-> pixel mapping, the data, the view's current clip and
// playhead, the widget's font and palette. `background` is the lane's band
// colour (bands alternate), for lanes that paint their own background;
// `strip` is the scratch image the dense lanes share.
struct LaneContext
{
    const TimeScale &scale;
    const TimelineData &data;
    qint64 currentClip = 0;
    qint64 position = 0;
    const QFont &font;
    const QPalette &palette;
    QRgb background = 0;
    LaneStrip &strip;
};

} // namespace ms::ui
