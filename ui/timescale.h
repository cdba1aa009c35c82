#pragma once

#include <QtGlobal>

namespace ms::ui {

// Time <-> pixel mapping of the timeline: a film of duration() ms shown in a
// view width() px wide, starting at startMs() with msPerPixel() ms per pixel.
// Pure arithmetic so it can be tested without a widget; the zoom is clamped
// between one frame-ish (1 ms/px) and the whole film in the view, and the
// start is clamped so the view never shows time outside the film.
class TimeScale
{
public:
    TimeScale() = default;

    void setDuration(qint64 ms);
    qint64 duration() const { return m_duration; }
    void setWidth(int px);
    int width() const { return m_width; }

    double msPerPixel() const { return m_msPerPixel; }
    void setMsPerPixel(double msPerPixel);
    double startMs() const { return m_start; }
    void setStartMs(double ms);
    double endMs() const { return m_start + m_msPerPixel * m_width; }

    double xForMs(double ms) const { return (ms - m_start) / m_msPerPixel; }
    double msForX(double x) const { return m_start + x * m_msPerPixel; }

    // Zooms by `factor` (>1 zooms in) keeping the time under pixel `x` fixed.
    void zoom(double factor, double x);
    // The whole film in the view.
    void fitAll();
    // Scrolls just enough to show `ms`, leaving a margin of a tenth of the view.
    void ensureVisible(double ms);

    double minMsPerPixel() const { return 1.0; }
    double maxMsPerPixel() const;

private:
    void clamp();

    qint64 m_duration = 0;
    int m_width = 1;
    double m_msPerPixel = 1.0;
    double m_start = 0;
};

} // namespace ms::ui
