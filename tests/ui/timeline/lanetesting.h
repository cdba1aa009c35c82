#pragma once

// One lane painted and questioned on its own, the way TimelineWidget does it:
// the lane's rectangle at the top left of an image, a context built from a
// TimeScale, a TimelineData and a shared strip.
#include "ui/timeline/lane.h"
#include "ui/timeline/lanecontext.h"
#include "ui/timeline/lanestrip.h"
#include "ui/timeline/timelinedata.h"
#include "ui/timescale.h"

#include <QApplication>
#include <QFont>
#include <QImage>
#include <QPainter>
#include <QPalette>

namespace ms::test {

struct LaneHarness
{
    ui::TimeScale scale;
    ui::TimelineData data;
    mutable ui::LaneStrip strip; // scratch, as in the widget
    QFont font = QApplication::font();
    QPalette palette = QApplication::palette();
    qint64 currentClip = 0;
    QRgb background = qRgb(0xfa, 0xfa, 0xfa);

    // The whole film in `width` pixels.
    LaneHarness(qint64 durationMs, int width)
    {
        scale.setDuration(durationMs);
        scale.setWidth(width);
        scale.fitAll();
    }

    ui::LaneContext context() const
    {
        return {scale, data, currentClip, 0, font, palette, background, strip};
    }

    // The lane's picture. The image starts black: a lane that says it paints
    // its own background must leave no black pixel; the others get the
    // background first, as in the widget.
    QImage paint(ui::Lane &lane) const
    {
        QImage img(scale.width(), lane.height(), QImage::Format_RGB32);
        img.fill(Qt::black);
        QPainter p(&img);
        const QRect r(0, 0, img.width(), img.height());
        p.setClipRect(r);
        if (!lane.paintsBackground())
            p.fillRect(r, QColor(background));
        lane.paint(p, r, context());
        return img;
    }

    static int count(const QImage &img, QRgb c)
    {
        int n = 0;
        for (int y = 0; y < img.height(); ++y)
            for (int x = 0; x < img.width(); ++x)
                n += img.pixel(x, y) == c;
        return n;
    }
};

} // namespace ms::test
