#pragma once

#include <QList>
#include <QPainter>
#include <QRect>
#include <algorithm>

namespace ms::ui {

// Batches rectangles of one colour and merges a rectangle into the previous
// one when they touch, so thousands of sub-pixel items (cues, error marks)
// become a few rectangles and one drawRects call.
struct RectBatch
{
    QList<QRect> rects;

    void add(int x0, int x1, int y, int h)
    {
        if (!rects.isEmpty()) {
            QRect &last = rects.last();
            if (last.top() == y && last.height() == h && x0 <= last.right() + 1 &&
                x1 >= last.left()) {
                last.setRight(std::max(last.right(), x1 - 1));
                return;
            }
        }
        rects.append(QRect(x0, y, std::max(1, x1 - x0), h));
    }

    void draw(QPainter &p, const QColor &c) const
    {
        if (rects.isEmpty())
            return;
        p.setPen(Qt::NoPen);
        p.setBrush(c);
        p.drawRects(rects.constData(), int(rects.size()));
    }
};

} // namespace ms::ui
