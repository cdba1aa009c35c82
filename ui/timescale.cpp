#include "ui/timescale.h"

#include <algorithm>

namespace ms::ui {

void TimeScale::setDuration(qint64 ms)
{
    m_duration = std::max<qint64>(0, ms);
    clamp();
}

void TimeScale::setWidth(int px)
{
    // Keep the zoom when the widget is resized; fitAll() is explicit.
    m_width = std::max(1, px);
    clamp();
}

double TimeScale::maxMsPerPixel() const
{
    return std::max(minMsPerPixel(), double(m_duration) / m_width);
}

void TimeScale::setMsPerPixel(double msPerPixel)
{
    m_msPerPixel = msPerPixel;
    clamp();
}

void TimeScale::setStartMs(double ms)
{
    m_start = ms;
    clamp();
}

void TimeScale::zoom(double factor, double x)
{
    if (factor <= 0)
        return;
    const double anchor = msForX(x);
    m_msPerPixel = std::clamp(m_msPerPixel / factor, minMsPerPixel(), maxMsPerPixel());
    m_start = anchor - x * m_msPerPixel;
    clamp();
}

void TimeScale::fitAll()
{
    m_msPerPixel = maxMsPerPixel();
    m_start = 0;
    clamp();
}

void TimeScale::ensureVisible(double ms)
{
    const double margin = m_width * m_msPerPixel / 10;
    if (ms < m_start + margin)
        m_start = ms - margin;
    else if (ms > endMs() - margin)
        m_start = ms - (m_width * m_msPerPixel - margin);
    clamp();
}

void TimeScale::clamp()
{
    m_msPerPixel = std::clamp(m_msPerPixel, minMsPerPixel(), maxMsPerPixel());
    const double span = m_msPerPixel * m_width;
    m_start = std::clamp(m_start, 0.0, std::max(0.0, double(m_duration) - span));
}

} // namespace ms::ui
