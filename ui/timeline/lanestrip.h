#pragma once

#include <QImage>

namespace ms::ui {

// The reused opaque image that dense lanes (clips, waveform, scores,
// attention) write pixel by pixel and blit with one drawImage, instead of
// drawing thousands of rectangles or lines. The lanes of one widget paint one
// after the other, so they share one strip: it grows to the largest lane once
// and stays warm in the cache.
class LaneStrip
{
public:
    // At least width x height; only that part is meant to be written and blitted.
    QImage &image(int width, int height);

    // Fills rows [y0, y1) of `img`, `width` pixels each, with `c`.
    static void fillRows(QImage &img, int width, int y0, int y1, QRgb c);
    // Copies row `from` onto rows [y0, y1).
    static void repeatRow(QImage &img, int width, int from, int y0, int y1);

private:
    QImage m_image;
};

} // namespace ms::ui
