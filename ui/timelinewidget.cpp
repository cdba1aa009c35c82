#include "ui/timelinewidget.h"

#include "ui/levelpalette.h"
#include "ui/modalitypalette.h"

#include <QContextMenuEvent>
#include <QHelpEvent>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QToolTip>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

namespace ms::ui {

namespace {

constexpr int kScrollHeight = 12;
constexpr int kEdgeGrab = 5; // px around a clip edge that start a drag
const QColor kLaneBg(0xfa, 0xfa, 0xfa);
const QColor kLaneAltBg(0xf0, 0xf0, 0xf0);
const QColor kPlayhead(0xd0, 0x10, 0x10);

QString formatRulerTime(double ms, double stepMs)
{
    const qint64 t = qint64(std::llround(ms));
    const qint64 h = t / 3'600'000, m = (t / 60'000) % 60, s = (t / 1000) % 60;
    QString out = h ? QStringLiteral("%1:%2:%3")
                          .arg(h)
                          .arg(m, 2, 10, QLatin1Char('0'))
                          .arg(s, 2, 10, QLatin1Char('0'))
                    : QStringLiteral("%1:%2").arg(m).arg(s, 2, 10, QLatin1Char('0'));
    if (stepMs < 1000)
        out += QStringLiteral(".%1").arg(t % 1000, 3, 10, QLatin1Char('0'));
    return out;
}

// Batches rectangles of one colour and merges a rectangle into the previous
// one when they touch, so thousands of sub-pixel items become a few rects.
struct RectBatch
{
    QList<QRect> rects;
    void add(int x0, int x1, int y, int h)
    {
        if (!rects.isEmpty()) {
            QRect &last = rects.last();
            if (last.top() == y && last.height() == h && x0 <= last.right() + 1
                && x1 >= last.left()) {
                last.setRight(std::max(last.right(), x1 - 1));
                return;
            }
        }
        rects.append(QRect(x0, y, std::max(1, x1 - x0), h));
    }
    void draw(QPainter &p, const QColor &c)
    {
        if (rects.isEmpty())
            return;
        p.setPen(Qt::NoPen);
        p.setBrush(c);
        p.drawRects(rects.constData(), int(rects.size()));
    }
};

// Fills the first `height` rows of `img` (width `width`) with `c`.
void fillStrip(QImage &img, int width, int height, QRgb c)
{
    for (int y = 0; y < height; ++y) {
        auto *line = reinterpret_cast<QRgb *>(img.scanLine(y));
        std::fill_n(line, width, c);
    }
}

// Copies row `from` of the strip onto rows [y0, y1).
void repeatRow(QImage &img, int width, int from, int y0, int y1)
{
    const auto *src = reinterpret_cast<const QRgb *>(img.constScanLine(from));
    for (int y = y0; y < y1; ++y)
        if (y != from)
            std::copy_n(src, width, reinterpret_cast<QRgb *>(img.scanLine(y)));
}

QColor heatColor(core::Modality m, float v)
{
    const QColor base = ModalityPalette::color(m);
    const float a = std::clamp(v, 0.0f, 1.0f);
    auto mix = [a](int c) { return int(255 + (c - 255) * a); };
    return QColor(mix(base.red()), mix(base.green()), mix(base.blue()));
}

} // namespace

TimelineWidget::TimelineWidget(QWidget *parent)
    : QWidget(parent), m_scroll(new QScrollBar(Qt::Horizontal, this))
{
    setFocusPolicy(Qt::ClickFocus);
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    m_order = {Lane::Clips,      Lane::Waveform,  Lane::Subtitles, Lane::ScoreVisual,
               Lane::ScoreAudio, Lane::ScoreText, Lane::HeatVisual, Lane::HeatAudio,
               Lane::HeatText,   Lane::Errors};
    connect(m_scroll, &QScrollBar::valueChanged, this, [this](int v) {
        if (m_syncingScroll)
            return;
        m_scale.setStartMs(double(v));
        update();
    });
    syncScrollBar();
}

TimelineWidget::~TimelineWidget() = default;

QSize TimelineWidget::sizeHint() const
{
    int h = kRulerHeight + kScrollHeight;
    for (Lane l : m_order)
        if (laneShown(l))
            h += laneHeight(l);
    return {900, h};
}

QSize TimelineWidget::minimumSizeHint() const
{
    return {300, kRulerHeight + kScrollHeight + 60};
}

int TimelineWidget::laneHeight(Lane lane)
{
    switch (lane) {
    case Lane::Clips:
        return 30;
    case Lane::Waveform:
        return 56;
    case Lane::Subtitles:
        return 26;
    case Lane::ScoreVisual:
    case Lane::ScoreAudio:
    case Lane::ScoreText:
        return 28;
    case Lane::HeatVisual:
    case Lane::HeatAudio:
    case Lane::HeatText:
        return 14;
    case Lane::Errors:
        return 18;
    }
    return 20;
}

int TimelineWidget::fittedHeight(Lane lane) const
{
    const int natural = laneHeight(lane);
    return m_fit >= 1.0 ? natural : std::max(8, int(natural * m_fit));
}

void TimelineWidget::updateFit()
{
    int needed = 0;
    for (Lane l : std::as_const(m_order))
        if (laneShown(l))
            needed += laneHeight(l);
    const int available = height() - kRulerHeight - kScrollHeight;
    m_fit = needed > 0 && available > 0 ? std::min(1.0, double(available) / needed) : 1.0;
}

QString TimelineWidget::laneName(Lane lane)
{
    switch (lane) {
    case Lane::Clips:
        return tr("Clips");
    case Lane::Waveform:
        return tr("Audio");
    case Lane::Subtitles:
        return tr("Subtitles");
    case Lane::ScoreVisual:
        return tr("Score V");
    case Lane::ScoreAudio:
        return tr("Score A");
    case Lane::ScoreText:
        return tr("Score T");
    case Lane::HeatVisual:
        return tr("Attention V");
    case Lane::HeatAudio:
        return tr("Attention A");
    case Lane::HeatText:
        return tr("Attention T");
    case Lane::Errors:
        return tr("Errors");
    }
    return {};
}

bool TimelineWidget::laneShown(Lane lane) const
{
    if (m_hidden.value(int(lane), false))
        return false;
    if (lane >= Lane::ScoreVisual && m_overlay.isEmpty())
        return false;
    if (lane >= Lane::ScoreVisual && lane <= Lane::ScoreText)
        return m_overlay.modalities.contains(core::Modality(int(lane) - int(Lane::ScoreVisual)));
    if (lane >= Lane::HeatVisual && lane <= Lane::HeatText)
        return m_overlay.modalities.contains(core::Modality(int(lane) - int(Lane::HeatVisual)));
    return true;
}

bool TimelineWidget::isLaneVisible(Lane lane) const
{
    return !m_hidden.value(int(lane), false);
}

void TimelineWidget::setLaneVisible(Lane lane, bool visible)
{
    m_hidden[int(lane)] = !visible;
    updateFit();
    updateGeometry();
    update();
    emit laneLayoutChanged();
}

void TimelineWidget::setLaneOrder(const QList<Lane> &order)
{
    QList<Lane> next;
    for (Lane l : order)
        if (!next.contains(l))
            next.append(l);
    for (Lane l : std::as_const(m_order))
        if (!next.contains(l))
            next.append(l);
    m_order = next;
    update();
    emit laneLayoutChanged();
}

void TimelineWidget::moveLane(Lane lane, int step)
{
    const int i = int(m_order.indexOf(lane));
    // Skip lanes that are not shown, so one step is one visible place.
    int j = i;
    do {
        j += step;
    } while (j >= 0 && j < m_order.size() && !laneShown(m_order[j]));
    if (i < 0 || j < 0 || j >= m_order.size())
        return;
    m_order.move(i, j);
    update();
    emit laneLayoutChanged();
}

QRect TimelineWidget::laneRect(Lane lane) const
{
    int y = kRulerHeight;
    for (Lane l : m_order) {
        if (!laneShown(l))
            continue;
        if (l == lane)
            return QRect(0, y, width(), fittedHeight(l));
        y += fittedHeight(l);
    }
    return {};
}

std::optional<TimelineWidget::Lane> TimelineWidget::laneAt(int y) const
{
    int top = kRulerHeight;
    for (Lane l : m_order) {
        if (!laneShown(l))
            continue;
        if (y >= top && y < top + fittedHeight(l))
            return l;
        top += fittedHeight(l);
    }
    return std::nullopt;
}

int TimelineWidget::viewWidth() const
{
    return std::max(1, width() - kHeaderWidth);
}

QImage &TimelineWidget::strip(int width, int height)
{
    if (m_strip.width() < width || m_strip.height() < height)
        m_strip = QImage(std::max(width, m_strip.width()), std::max(height, m_strip.height()),
                         QImage::Format_RGB32);
    return m_strip;
}

void TimelineWidget::setDuration(qint64 ms)
{
    m_scale.setDuration(ms);
    m_scale.setWidth(viewWidth());
    m_scale.fitAll();
    scaleChanged();
}

template<typename T>
int TimelineWidget::firstVisible(const QList<T> &items, double fromMs, qint64 longest)
{
    const double key = fromMs - double(longest);
    auto it = std::lower_bound(items.cbegin(), items.cend(), key,
                               [](const T &item, double k) { return double(item.startMs) < k; });
    return int(it - items.cbegin());
}

void TimelineWidget::setClips(QList<Clip> clips)
{
    std::stable_sort(clips.begin(), clips.end(),
                     [](const Clip &a, const Clip &b) { return a.startMs < b.startMs; });
    m_clips = std::move(clips);
    m_longestClip = 0;
    for (const Clip &c : std::as_const(m_clips))
        m_longestClip = std::max(m_longestClip, c.endMs - c.startMs);
    m_drag = {};
    update();
}

void TimelineWidget::setCurrentClip(qint64 clipId)
{
    if (m_currentClip == clipId)
        return;
    m_currentClip = clipId;
    update();
}

void TimelineWidget::setWaveform(std::shared_ptr<const core::WaveformPyramid> pyramid)
{
    m_waveform = std::move(pyramid);
    update();
}

void TimelineWidget::setSubtitles(QList<core::SubtitleCue> cues)
{
    std::stable_sort(cues.begin(), cues.end(),
                     [](const auto &a, const auto &b) { return a.startMs < b.startMs; });
    m_cues = std::move(cues);
    m_longestCue = 0;
    m_cueLines.clear();
    m_cueLines.reserve(m_cues.size());
    for (const core::SubtitleCue &c : std::as_const(m_cues)) {
        m_longestCue = std::max(m_longestCue, c.endMs - c.startMs);
        m_cueLines.append(QString(c.text).replace(QLatin1Char('\n'), QLatin1Char(' ')));
    }
    update();
}

void TimelineWidget::setOverlay(TimelineOverlay overlay)
{
    m_overlay = std::move(overlay);
    m_longestScore = 0;
    for (const auto &s : std::as_const(m_overlay.scores))
        m_longestScore = std::max(m_longestScore, s.endMs - s.startMs);
    for (int m = 0; m < 3; ++m) {
        m_longestHeat[m] = 0;
        for (const auto &h : std::as_const(m_overlay.heat[m]))
            m_longestHeat[m] = std::max(m_longestHeat[m], h.endMs - h.startMs);
    }
    m_longestError = 0;
    for (const auto &e : std::as_const(m_overlay.errors))
        m_longestError = std::max(m_longestError, e.endMs - e.startMs);
    updateFit();
    updateGeometry();
    update();
}

void TimelineWidget::setPosition(qint64 ms)
{
    if (ms == m_position)
        return;
    const double oldX = m_scale.xForMs(double(m_position));
    m_position = ms;
    // Follow playback page by page, unless the user is dragging something.
    if (!m_scrubbing && m_drag.index < 0
        && (ms < m_scale.startMs() || ms > m_scale.endMs())) {
        m_scale.setStartMs(double(ms) - m_scale.msPerPixel() * viewWidth() * 0.1);
        scaleChanged();
        return;
    }
    const double newX = m_scale.xForMs(double(ms));
    const int x0 = int(std::floor(std::min(oldX, newX))) + kHeaderWidth - 2;
    const int x1 = int(std::ceil(std::max(oldX, newX))) + kHeaderWidth + 2;
    update(QRect(x0, 0, x1 - x0 + 1, height()));
}

void TimelineWidget::zoomIn()
{
    m_scale.zoom(2.0, m_scale.xForMs(double(m_position)));
    scaleChanged();
}

void TimelineWidget::zoomOut()
{
    m_scale.zoom(0.5, m_scale.xForMs(double(m_position)));
    scaleChanged();
}

void TimelineWidget::fitAll()
{
    m_scale.fitAll();
    scaleChanged();
}

void TimelineWidget::scaleChanged()
{
    syncScrollBar();
    update();
}

void TimelineWidget::syncScrollBar()
{
    m_syncingScroll = true;
    const double span = m_scale.msPerPixel() * viewWidth();
    const qint64 max = std::max<qint64>(0, m_scale.duration() - qint64(span));
    m_scroll->setRange(0, int(std::min<qint64>(max, INT_MAX)));
    m_scroll->setPageStep(int(std::min<double>(span, INT_MAX)));
    m_scroll->setSingleStep(std::max(1, int(span / 20)));
    m_scroll->setValue(int(m_scale.startMs()));
    m_syncingScroll = false;
}

void TimelineWidget::resizeEvent(QResizeEvent *)
{
    const bool wasFit = m_scale.msPerPixel() >= m_scale.maxMsPerPixel() - 1e-9;
    m_scroll->setGeometry(kHeaderWidth, height() - kScrollHeight, viewWidth(), kScrollHeight);
    updateFit();
    m_scale.setWidth(viewWidth());
    if (wasFit)
        m_scale.fitAll();
    syncScrollBar();
}

void TimelineWidget::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    paint(p, rect());
}

void TimelineWidget::paint(QPainter &p, const QRect &target)
{
    p.save();
    p.setClipRect(target);
    const int laneRight = target.right();
    const QRect ruler(kHeaderWidth, 0, laneRight - kHeaderWidth + 1, kRulerHeight);
    paintRuler(p, ruler);

    const QFont baseFont = font();
    int y = kRulerHeight;
    int band = 0;
    for (Lane lane : std::as_const(m_order)) {
        if (!laneShown(lane))
            continue;
        const int h = fittedHeight(lane);
        const QRect header(0, y, kHeaderWidth, h);
        const QRect r(kHeaderWidth, y, laneRight - kHeaderWidth + 1, h);
        const QColor bg = band++ % 2 ? kLaneAltBg : kLaneBg;
        m_laneBg = bg.rgb();
        const bool dense = lane == Lane::Clips || lane == Lane::Waveform
                           || (lane >= Lane::ScoreVisual && lane <= Lane::HeatText);
        if (!dense || r.width() <= 0)
            p.fillRect(r, bg);
        p.setPen(palette().color(QPalette::WindowText));
        p.fillRect(header, palette().color(QPalette::Button));
        drawStaticText(p, 0, QPoint(header.left() + 6, header.top() + (h - fontMetrics().height()) / 2),
                       laneName(lane));
        p.save();
        p.setClipRect(r.intersected(target));
        switch (lane) {
        case Lane::Clips:
            paintClips(p, r);
            break;
        case Lane::Waveform:
            paintWaveform(p, r);
            break;
        case Lane::Subtitles:
            paintSubtitles(p, r);
            break;
        case Lane::ScoreVisual:
        case Lane::ScoreAudio:
        case Lane::ScoreText:
            paintScores(p, r, int(lane) - int(Lane::ScoreVisual));
            break;
        case Lane::HeatVisual:
        case Lane::HeatAudio:
        case Lane::HeatText:
            paintHeat(p, r, int(lane) - int(Lane::HeatVisual));
            break;
        case Lane::Errors:
            paintErrors(p, r);
            break;
        }
        p.restore();
        p.setPen(QColor(0xd8, 0xd8, 0xd8));
        p.drawLine(0, y + h - 1, laneRight, y + h - 1);
        y += h;
    }
    p.setFont(baseFont);
    // Below the lanes (the lanes and the ruler paint their own background).
    if (y <= target.bottom())
        p.fillRect(QRect(target.left(), y, target.width(), target.bottom() - y + 1),
                   palette().color(QPalette::Window));

    // Playhead over every lane.
    const double px = m_scale.xForMs(double(m_position));
    if (px >= 0 && px <= viewWidth()) {
        const int x = kHeaderWidth + int(std::lround(px));
        p.setPen(QPen(kPlayhead, 1));
        p.drawLine(x, 0, x, y - 1);
        p.setBrush(kPlayhead);
        p.setPen(Qt::NoPen);
        const QPoint tri[3] = {{x - 5, 0}, {x + 5, 0}, {x, 7}};
        p.drawPolygon(tri, 3);
    }
    p.restore();
}

void TimelineWidget::drawStaticText(QPainter &p, int cache, const QPoint &topLeft,
                                    const QString &text)
{
    QHash<QString, QStaticText> &c = m_textCache[cache];
    auto it = c.find(text);
    if (it == c.end()) {
        if (c.size() > 256) // scrolling makes new ruler times without end
            c.clear();
        QStaticText st(text);
        st.setTextFormat(Qt::PlainText);
        st.setPerformanceHint(QStaticText::AggressiveCaching);
        st.prepare(QTransform(), p.font());
        it = c.insert(text, st);
    }
    p.drawStaticText(topLeft, *it);
}

void TimelineWidget::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::FontChange || event->type() == QEvent::PaletteChange) {
        m_textCache[0].clear();
        m_textCache[1].clear();
    }
    QWidget::changeEvent(event);
}

void TimelineWidget::paintRuler(QPainter &p, const QRect &r)
{
    p.fillRect(r, palette().color(QPalette::Base));
    p.fillRect(QRect(0, 0, kHeaderWidth, kRulerHeight), palette().color(QPalette::Button));
    // A tick step of at least ~80 px from a 1-2-5 ladder of round times.
    static const double steps[] = {10,      20,      50,      100,     200,       500,
                                   1000,    2000,    5000,    10000,   15000,     30000,
                                   60000,   120000,  300000,  600000,  900000,    1800000,
                                   3600000, 7200000, 18000000};
    double step = steps[std::size(steps) - 1];
    for (double s : steps)
        if (s / m_scale.msPerPixel() >= 80) {
            step = s;
            break;
        }
    QFont f = font();
    f.setPointSizeF(f.pointSizeF() * 0.85);
    p.setFont(f);
    p.setPen(palette().color(QPalette::WindowText));
    const double first = std::floor(m_scale.startMs() / step) * step;
    QList<QLine> ticks;
    for (double t = first; t <= m_scale.endMs(); t += step) {
        const int x = r.left() + int(std::lround(m_scale.xForMs(t)));
        if (x < r.left())
            continue;
        ticks.append(QLine(x, r.bottom() - 5, x, r.bottom()));
        drawStaticText(p, 1, QPoint(x + 3, r.top() + 12 - QFontMetrics(f).ascent()),
                       formatRulerTime(t, step));
    }
    p.drawLines(ticks);
    p.setFont(font());
}

void TimelineWidget::paintClips(QPainter &p, const QRect &r)
{
    const double from = m_scale.startMs(), to = m_scale.endMs();
    const int top = r.top() + 3, h = r.height() - 6;
    const int cols = r.width();
    // Per column, the level drawn there; where clips share a column the
    // unannotated one wins, then S, HN, EN (so a missing label shows).
    m_columnLevel.assign(size_t(std::max(0, cols)), qint8(-1));
    struct Marked
    {
        int x0, x1;
        quint8 modalities;
    };
    QList<Marked> marks;
    QRect current;
    const int n = int(m_clips.size());
    for (int i = firstVisible(m_clips, from, m_longestClip); i < n; ++i) {
        const Clip &c = m_clips[i];
        if (double(c.startMs) > to)
            break;
        if (double(c.endMs) < from)
            continue;
        const int x0 = int(std::floor(m_scale.xForMs(double(c.startMs))));
        const int x1 = std::max(x0 + 1, int(std::ceil(m_scale.xForMs(double(c.endMs)))));
        const qint8 bucket = qint8(c.level ? int(*c.level) : 3);
        // A one-pixel gap keeps neighbouring clips apart once there is room.
        const int e = std::min(cols, x1 - (x1 - x0 > 4 ? 1 : 0));
        for (int col = std::max(0, x0); col < e; ++col)
            m_columnLevel[size_t(col)] = std::max(m_columnLevel[size_t(col)], bucket);
        if (c.modalities && x1 - x0 >= 12)
            marks.append({r.left() + x0, r.left() + x1, c.modalities});
        if (c.id == m_currentClip)
            current = QRect(r.left() + x0, top - 2, x1 - x0, h + 4);
    }
    if (cols > 0) {
        QRgb colours[4];
        for (int b = 0; b < 4; ++b)
            colours[b] =
                LevelPalette::color(b < 3 ? std::optional(core::Level(b)) : std::nullopt).rgb();
        QImage &img = strip(cols, r.height());
        fillStrip(img, cols, 3, m_laneBg);
        auto *row = reinterpret_cast<QRgb *>(img.scanLine(3));
        for (int col = 0; col < cols; ++col) {
            const qint8 b = m_columnLevel[size_t(col)];
            row[col] = b < 0 ? m_laneBg : colours[b];
        }
        repeatRow(img, cols, 3, 3, 3 + h);
        for (int y = 3 + h; y < r.height(); ++y)
            std::fill_n(reinterpret_cast<QRgb *>(img.scanLine(y)), cols, m_laneBg);
        p.drawImage(r.topLeft(), img, QRect(0, 0, cols, r.height()));
    }

    if (!marks.isEmpty()) {
        QFont f = font();
        f.setPixelSize(9);
        f.setBold(true);
        p.setFont(f);
        for (const Marked &m : std::as_const(marks)) {
            // Letters when they fit, coloured dots otherwise.
            const bool letters = m.x1 - m.x0 >= 34;
            int x = m.x0 + 2;
            for (core::Modality mod : core::kAllModalities) {
                if (!(m.modalities & (1u << unsigned(mod))))
                    continue;
                const QRect box(x, top + 1, letters ? 10 : 3, letters ? 10 : 3);
                p.fillRect(box, ModalityPalette::color(mod));
                if (letters) {
                    p.setPen(Qt::white);
                    p.drawText(box, Qt::AlignCenter, core::modalityLetter(mod));
                }
                x += box.width() + 1;
            }
        }
        p.setFont(font());
    }
    if (!current.isNull()) {
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(Qt::black, 2));
        p.drawRect(current.adjusted(1, 1, -1, -1));
        // Handles show that the edges can be dragged.
        p.fillRect(QRect(current.left(), current.top(), 3, current.height()), Qt::black);
        p.fillRect(QRect(current.right() - 2, current.top(), 3, current.height()), Qt::black);
    }
}

void TimelineWidget::paintWaveform(QPainter &p, const QRect &r)
{
    if (!m_waveform || m_waveform->sampleRate() <= 0 || m_waveform->levelCount() == 0) {
        p.fillRect(r, QColor(m_laneBg)); // a dense lane paints its own background
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(r.adjusted(8, 0, 0, 0), Qt::AlignVCenter | Qt::AlignLeft,
                   m_waveform ? tr("computing the waveform\u2026") : tr("no waveform"));
        return;
    }
    const core::WaveformPyramid &w = *m_waveform;
    const double perMs = w.sampleRate() / 1000.0;
    const qint64 available = w.sampleCount();
    const double mid = r.top() + r.height() / 2.0;
    const double half = r.height() / 2.0 - 2;
    const int cols = r.width();
    if (cols <= 0)
        return;
    QImage &img = strip(cols, r.height());
    fillStrip(img, cols, r.height(), m_laneBg);
    const QRgb ink = QColor(0x3a, 0x5f, 0x8a).rgb();
    const double midRel = mid - r.top();
    const qsizetype stride = img.bytesPerLine() / qsizetype(sizeof(QRgb));
    auto *bits = reinterpret_cast<QRgb *>(img.bits());
    for (int c = 0; c < cols; ++c) {
        const qint64 s0 = qint64(m_scale.msForX(c) * perMs);
        if (s0 >= available)
            break;
        const qint64 s1 = std::min(available, std::max(s0 + 1, qint64(m_scale.msForX(c + 1) * perMs)));
        const auto [lo, hi] = w.range(s0, s1);
        const int y0 = std::clamp(int(std::lround(midRel - std::clamp(hi, -1.0f, 1.0f) * half)), 0,
                                  r.height() - 1);
        const int y1 = std::clamp(int(std::lround(midRel - std::clamp(lo, -1.0f, 1.0f) * half)), 0,
                                  r.height() - 1);
        for (int y = y0; y <= y1; ++y)
            bits[y * stride + c] = ink;
    }
    p.drawImage(r.topLeft(), img, QRect(0, 0, cols, r.height()));
    if (!w.isFinished()) {
        // Shows what part is still being decoded.
        const double endX = m_scale.xForMs(available / perMs);
        if (endX < cols)
            p.fillRect(QRect(r.left() + int(std::max(0.0, endX)), r.top(),
                             cols - int(std::max(0.0, endX)), r.height()),
                       QColor(0, 0, 0, 18));
    }
}

void TimelineWidget::paintSubtitles(QPainter &p, const QRect &r)
{
    const double from = m_scale.startMs(), to = m_scale.endMs();
    const int top = r.top() + 3, h = r.height() - 6;
    RectBatch blocks;
    struct Label
    {
        QRect box;
        int cue;
    };
    QList<Label> labels;
    const int n = int(m_cues.size());
    for (int i = firstVisible(m_cues, from, m_longestCue); i < n; ++i) {
        const core::SubtitleCue &c = m_cues[i];
        if (double(c.startMs) > to)
            break;
        if (double(c.endMs) < from)
            continue;
        const int x0 = r.left() + int(std::floor(m_scale.xForMs(double(c.startMs))));
        const int x1 = std::max(x0 + 1, r.left() + int(std::ceil(m_scale.xForMs(double(c.endMs)))));
        blocks.add(x0, x1 - (x1 - x0 > 4 ? 1 : 0), top, h);
        if (x1 - x0 >= 24)
            labels.append({QRect(x0 + 3, top, x1 - x0 - 6, h), i});
    }
    blocks.draw(p, QColor(0xdd, 0xd3, 0xb8));
    if (labels.isEmpty())
        return;
    p.setPen(QColor(0x30, 0x30, 0x30));
    const QFontMetrics fm = fontMetrics();
    for (const Label &l : std::as_const(labels))
        p.drawText(l.box, Qt::AlignVCenter | Qt::AlignLeft,
                   fm.elidedText(m_cueLines[l.cue], Qt::ElideRight, l.box.width()));
}

template<typename T, typename Value>
void TimelineWidget::fillColumns(const QList<T> &items, qint64 longest, int cols, Value value)
{
    m_columns.assign(size_t(std::max(0, cols)), -1.0f);
    if (cols <= 0)
        return;
    // Thousands of items per lane: multiply instead of divide, and truncate
    // instead of floor (x is clamped to >= 0 first).
    const double from = m_scale.startMs(), to = m_scale.endMs();
    const double inv = 1.0 / m_scale.msPerPixel();
    float *col = m_columns.data();
    const int n = int(items.size());
    for (int i = firstVisible(items, from, longest); i < n; ++i) {
        const T &s = items[i];
        if (double(s.startMs) > to)
            break;
        if (double(s.endMs) < from)
            continue;
        const double x0 = std::max(0.0, (double(s.startMs) - from) * inv);
        const double x1 = (double(s.endMs) - from) * inv;
        const int c0 = std::min(cols - 1, int(x0));
        int c1 = int(x1);
        c1 += double(c1) < x1; // ceil
        c1 = std::min(cols, std::max(c0 + 1, c1));
        const float v = value(s);
        for (int c = c0; c < c1; ++c)
            col[c] = std::max(col[c], v);
    }
}

void TimelineWidget::paintScores(QPainter &p, const QRect &r, int modality)
{
    const int cols = r.width();
    fillColumns(m_overlay.scores, m_longestScore, cols,
                [modality](const TimelineOverlay::Score &s) { return s.value[size_t(modality)]; });
    if (cols <= 0)
        return;
    // Bars up from the bottom, written row by row (in memory order): a
    // pixel is ink when its column's bar reaches its row.
    const int base = r.height() - 2, span = r.height() - 4;
    m_heights.resize(size_t(cols));
    for (int c = 0; c < cols; ++c) {
        const float v = m_columns[size_t(c)];
        m_heights[size_t(c)] = v < 0 ? 0 : std::min(span, std::max(1, int(std::lround(v * span))));
    }
    QImage &img = strip(cols, r.height());
    const QRgb ink = ModalityPalette::color(core::Modality(modality)).rgb();
    const QRgb bg = m_laneBg;
    const int *heights = m_heights.data();
    for (int y = 0; y < r.height(); ++y) {
        auto *line = reinterpret_cast<QRgb *>(img.scanLine(y));
        const int need = base - y + 1; // the height a bar needs to reach row y
        if (need <= 0 || need > span) {
            std::fill_n(line, cols, bg);
            continue;
        }
        for (int c = 0; c < cols; ++c)
            line[c] = heights[c] >= need ? ink : bg;
    }
    p.drawImage(r.topLeft(), img, QRect(0, 0, cols, r.height()));
    // The 0.5 threshold the model's decision uses.
    p.setPen(QPen(QColor(0, 0, 0, 90), 1, Qt::DotLine));
    const int y = r.top() + base - span / 2;
    p.drawLine(r.left(), y, r.right(), y);
}

void TimelineWidget::paintHeat(QPainter &p, const QRect &r, int modality)
{
    const int cols = r.width();
    fillColumns(m_overlay.heat[size_t(modality)], m_longestHeat[size_t(modality)], cols,
                [](const TimelineOverlay::HeatSpan &s) { return s.value; });
    if (cols <= 0)
        return;
    // Sixteen shades; one row computed, then repeated down the lane.
    constexpr int kShades = 16;
    QRgb shades[kShades];
    for (int k = 0; k < kShades; ++k)
        shades[k] = heatColor(core::Modality(modality), (k + 0.5f) / kShades).rgb();
    QImage &img = strip(cols, r.height());
    auto *row = reinterpret_cast<QRgb *>(img.scanLine(1));
    for (int c = 0; c < cols; ++c) {
        const float v = m_columns[size_t(c)];
        row[c] = v < 0 ? m_laneBg : shades[std::clamp(int(v * kShades), 0, kShades - 1)];
    }
    repeatRow(img, cols, 1, 1, r.height() - 1);
    std::fill_n(reinterpret_cast<QRgb *>(img.scanLine(0)), cols, m_laneBg);
    std::fill_n(reinterpret_cast<QRgb *>(img.scanLine(r.height() - 1)), cols, m_laneBg);
    p.drawImage(r.topLeft(), img, QRect(0, 0, cols, r.height()));
}

void TimelineWidget::paintErrors(QPainter &p, const QRect &r)
{
    const double from = m_scale.startMs(), to = m_scale.endMs();
    const auto &errors = m_overlay.errors;
    const int n = int(errors.size());
    // Spurious attributions are solid marks in the upper half; missed
    // modalities are lighter marks in the lower half, so both can show.
    RectBatch batches[3], missed[3];
    const int half = (r.height() - 6) / 2;
    for (int i = firstVisible(errors, from, m_longestError); i < n; ++i) {
        const auto &e = errors[i];
        if (double(e.startMs) > to)
            break;
        if (double(e.endMs) < from)
            continue;
        const int x0 = r.left() + int(std::floor(m_scale.xForMs(double(e.startMs))));
        const int x1 = std::max(x0 + 3, r.left() + int(std::ceil(m_scale.xForMs(double(e.endMs)))));
        if (e.missed)
            missed[int(e.modality)].add(x0, x1, r.top() + 3 + half + 1, half);
        else
            batches[int(e.modality)].add(x0, x1, r.top() + 3, half + 1);
    }
    for (int m = 0; m < 3; ++m) {
        batches[m].draw(p, ModalityPalette::color(core::Modality(m)).darker(130));
        missed[m].draw(p, ModalityPalette::color(core::Modality(m)).lighter(125));
    }
}

int TimelineWidget::clipAt(const QPoint &pos) const
{
    const double ms = m_scale.msForX(pos.x() - kHeaderWidth);
    const double slack = m_scale.msPerPixel() * 2;
    int best = -1;
    const int n = int(m_clips.size());
    for (int i = firstVisible(m_clips, ms - slack, m_longestClip); i < n; ++i) {
        const Clip &c = m_clips[i];
        if (double(c.startMs) > ms + slack)
            break;
        if (double(c.startMs) - slack <= ms && ms <= double(c.endMs) + slack) {
            best = i;
            if (double(c.startMs) <= ms && ms <= double(c.endMs))
                break;
        }
    }
    return best;
}

QString TimelineWidget::toolTipAt(const QPoint &pos) const
{
    const auto lane = laneAt(pos.y());
    if (!lane || pos.x() < kHeaderWidth) {
        if (lane)
            return tr("%1 lane: right-click to hide, show or move lanes").arg(laneName(*lane));
        return {};
    }
    const double ms = m_scale.msForX(pos.x() - kHeaderWidth);
    const double slack = m_scale.msPerPixel() * 2;
    switch (*lane) {
    case Lane::Clips: {
        const int i = clipAt(pos);
        if (i < 0)
            return {};
        const Clip &c = m_clips[i];
        QStringList mods;
        for (core::Modality m : core::kAllModalities)
            if (c.modalities & (1u << unsigned(m)))
                mods << core::modalityName(m);
        return tr("%1: %2%3").arg(c.name, c.level ? core::levelName(*c.level) : tr("not yet annotated"),
                                  mods.isEmpty() ? QString()
                                                 : tr("; concepts: %1").arg(mods.join(QStringLiteral(", "))));
    }
    case Lane::Subtitles:
        for (int i = firstVisible(m_cues, ms, m_longestCue); i < m_cues.size(); ++i) {
            if (m_cues[i].startMs > ms + slack)
                break;
            if (m_cues[i].startMs - slack <= ms && ms <= m_cues[i].endMs + slack)
                return m_cues[i].text;
        }
        return {};
    case Lane::Errors:
        for (int i = firstVisible(m_overlay.errors, ms - slack, m_longestError);
             i < m_overlay.errors.size(); ++i) {
            const auto &e = m_overlay.errors[i];
            if (e.startMs > ms + slack * 2)
                break;
            if (e.startMs - slack * 2 <= ms && ms <= e.endMs + slack * 2)
                return e.text;
        }
        return {};
    default:
        return tr("%1 of run %2").arg(laneName(*lane), m_overlay.runName);
    }
}

bool TimelineWidget::event(QEvent *e)
{
    if (e->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(e);
        const QString text = toolTipAt(help->pos());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    return QWidget::event(e);
}

void TimelineWidget::wheelEvent(QWheelEvent *event)
{
    const QPoint d = event->angleDelta();
    if (event->modifiers() & Qt::ControlModifier) {
        const double factor = std::pow(2.0, d.y() / 240.0);
        m_scale.zoom(factor, event->position().x() - kHeaderWidth);
        scaleChanged();
    } else {
        const int delta = d.x() != 0 ? d.x() : d.y();
        m_scale.setStartMs(m_scale.startMs() - delta / 120.0 * m_scale.msPerPixel() * 80);
        scaleChanged();
    }
    event->accept();
}

void TimelineWidget::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomIn();
        return;
    case Qt::Key_Minus:
        zoomOut();
        return;
    case Qt::Key_Left:
        m_scale.setStartMs(m_scale.startMs() - m_scale.msPerPixel() * viewWidth() / 4);
        scaleChanged();
        return;
    case Qt::Key_Right:
        m_scale.setStartMs(m_scale.startMs() + m_scale.msPerPixel() * viewWidth() / 4);
        scaleChanged();
        return;
    default:
        QWidget::keyPressEvent(event);
    }
}

void TimelineWidget::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || event->position().x() < kHeaderWidth) {
        QWidget::mousePressEvent(event);
        return;
    }
    const QPoint pos = event->position().toPoint();
    const auto lane = laneAt(pos.y());
    const double ms = std::clamp(m_scale.msForX(pos.x() - kHeaderWidth), 0.0,
                                 double(m_scale.duration()));
    if (lane == Lane::Clips) {
        // Edges of the current clip can be dragged.
        for (int i = 0; i < m_clips.size() && m_currentClip; ++i) {
            const Clip &c = m_clips[i];
            if (c.id != m_currentClip)
                continue;
            const int xl = kHeaderWidth + int(std::lround(m_scale.xForMs(double(c.startMs))));
            const int xr = kHeaderWidth + int(std::lround(m_scale.xForMs(double(c.endMs))));
            if (std::abs(pos.x() - xl) <= kEdgeGrab || std::abs(pos.x() - xr) <= kEdgeGrab) {
                m_drag = {i, std::abs(pos.x() - xl) <= std::abs(pos.x() - xr), c.startMs, c.endMs};
                return;
            }
        }
        const int i = clipAt(pos);
        if (i >= 0) {
            emit clipActivated(m_clips[i].id);
            emit seekRequested(qint64(ms));
            return;
        }
    }
    m_scrubbing = true;
    emit seekRequested(qint64(ms));
}

void TimelineWidget::mouseMoveEvent(QMouseEvent *event)
{
    const QPoint pos = event->position().toPoint();
    const double ms = std::clamp(m_scale.msForX(pos.x() - kHeaderWidth), 0.0,
                                 double(m_scale.duration()));
    if (m_drag.index >= 0 && m_drag.index < m_clips.size()) {
        Clip &c = m_clips[m_drag.index];
        // At least 100 ms long: an empty clip is refused by the repository.
        if (m_drag.left)
            c.startMs = std::min(qint64(ms), c.endMs - 100);
        else
            c.endMs = std::max(qint64(ms), c.startMs + 100);
        m_longestClip = std::max(m_longestClip, c.endMs - c.startMs);
        update();
        return;
    }
    if (m_scrubbing) {
        emit seekRequested(qint64(ms));
        return;
    }
    // Cursor says what a press would do.
    bool onEdge = false;
    if (laneAt(pos.y()) == Lane::Clips && m_currentClip) {
        for (const Clip &c : std::as_const(m_clips)) {
            if (c.id != m_currentClip)
                continue;
            const int xl = kHeaderWidth + int(std::lround(m_scale.xForMs(double(c.startMs))));
            const int xr = kHeaderWidth + int(std::lround(m_scale.xForMs(double(c.endMs))));
            onEdge = std::abs(pos.x() - xl) <= kEdgeGrab || std::abs(pos.x() - xr) <= kEdgeGrab;
            break;
        }
    }
    setCursor(onEdge ? Qt::SizeHorCursor : Qt::ArrowCursor);
}

void TimelineWidget::mouseReleaseEvent(QMouseEvent *event)
{
    m_scrubbing = false;
    if (m_drag.index >= 0 && m_drag.index < m_clips.size()) {
        Clip &c = m_clips[m_drag.index];
        const Drag d = m_drag;
        m_drag = {};
        if (c.startMs != d.origStart || c.endMs != d.origEnd) {
            const qint64 id = c.id, s = c.startMs, e = c.endMs;
            // Shown as before until the owner confirms it through setClips().
            c.startMs = d.origStart;
            c.endMs = d.origEnd;
            emit clipTimesEdited(id, s, e);
        }
        update();
        return;
    }
    QWidget::mouseReleaseEvent(event);
}

void TimelineWidget::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu menu(this);
    const auto lane = laneAt(event->pos().y());
    if (lane) {
        const Lane l = *lane;
        menu.addAction(tr("Hide \u201c%1\u201d").arg(laneName(l)), this,
                       [this, l] { setLaneVisible(l, false); });
        menu.addAction(tr("Move Up"), this, [this, l] { moveLane(l, -1); });
        menu.addAction(tr("Move Down"), this, [this, l] { moveLane(l, +1); });
        menu.addSeparator();
    }
    QMenu *lanes = menu.addMenu(tr("Lanes"));
    for (Lane l : std::as_const(m_order)) {
        QAction *a = lanes->addAction(laneName(l));
        a->setCheckable(true);
        a->setChecked(isLaneVisible(l));
        connect(a, &QAction::toggled, this, [this, l](bool on) { setLaneVisible(l, on); });
    }
    menu.addAction(tr("Zoom to Whole Film"), this, &TimelineWidget::fitAll);
    menu.exec(event->globalPos());
}

QString TimelineWidget::legendHtml()
{
    auto swatch = [](const QColor &c, const QString &text) {
        return QStringLiteral("<span style='background:%1;color:%1'>&nbsp;&nbsp;&nbsp;</span>&nbsp;%2"
                              "&nbsp;&nbsp;&nbsp;")
            .arg(c.name(), text.toHtmlEscaped());
    };
    QString html;
    for (core::Level l : {core::Level::EasyNegative, core::Level::HardNegative, core::Level::Sure})
        html += swatch(LevelPalette::color(l), core::levelName(l));
    html += swatch(LevelPalette::color(std::nullopt), tr("not yet annotated"));
    html += QStringLiteral("&nbsp;|&nbsp;&nbsp;");
    for (core::Modality m : core::kAllModalities)
        html += swatch(ModalityPalette::color(m), core::modalityName(m));
    html += QStringLiteral("&nbsp;|&nbsp;&nbsp;");
    html += swatch(QColor(0x60, 0x60, 0x60), tr("error: dark = spurious, light = missed"));
    html += swatch(kPlayhead, tr("playhead"));
    return html;
}

} // namespace ms::ui
