#include "ui/timeline/lanestrip.h"

#include <algorithm>

namespace ms::ui {

QImage &LaneStrip::image(int width, int height)
{
    if (m_image.width() < width || m_image.height() < height)
        m_image = QImage(std::max(width, m_image.width()), std::max(height, m_image.height()),
                         QImage::Format_RGB32);
    return m_image;
}

void LaneStrip::fillRows(QImage &img, int width, int y0, int y1, QRgb c)
{
    for (int y = y0; y < y1; ++y)
        std::fill_n(reinterpret_cast<QRgb *>(img.scanLine(y)), width, c);
}

void LaneStrip::repeatRow(QImage &img, int width, int from, int y0, int y1)
{
    const auto *src = reinterpret_cast<const QRgb *>(img.constScanLine(from));
    for (int y = y0; y < y1; ++y)
        if (y != from)
            std::copy_n(src, width, reinterpret_cast<QRgb *>(img.scanLine(y)));
}

} // namespace ms::ui
