#include "ui/timeline/timelinewidget.h"

#include "ui/levelpalette.h"
#include "ui/modalitypalette.h"
#include "ui/timeline/attentionlane.h"
#include "ui/timeline/clipslane.h"
#include "ui/timeline/proposallane.h"
#include "ui/timeline/errorslane.h"
#include "ui/timeline/lane.h"
#include "ui/timeline/lanecontext.h"
#include "ui/timeline/scorelane.h"
#include "ui/timeline/subtitleslane.h"
#include "ui/timeline/waveformlane.h"

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

} // namespace

std::vector<TimelineWidget::LaneEntry> TimelineWidget::registeredLanes()
{
    using core::Modality;
    std::vector<LaneEntry> lanes;
    auto add = [&lanes](Lane id, std::unique_ptr<ms::ui::Lane> lane) {
        lanes.push_back({id, std::move(lane)});
    };
    add(Lane::Clips, std::make_unique<ClipsLane>());
    add(Lane::Proposal, std::make_unique<ProposalLane>());
    add(Lane::Waveform, std::make_unique<WaveformLane>());
    add(Lane::Subtitles, std::make_unique<SubtitlesLane>());
    add(Lane::ScoreVisual, std::make_unique<ScoreLane>(Modality::Visual));
    add(Lane::ScoreAudio, std::make_unique<ScoreLane>(Modality::Audio));
    add(Lane::ScoreText, std::make_unique<ScoreLane>(Modality::Text));
    add(Lane::HeatVisual, std::make_unique<AttentionLane>(Modality::Visual));
    add(Lane::HeatAudio, std::make_unique<AttentionLane>(Modality::Audio));
    add(Lane::HeatText, std::make_unique<AttentionLane>(Modality::Text));
    add(Lane::Errors, std::make_unique<ErrorsLane>());
    return lanes;
}

TimelineWidget::TimelineWidget(QWidget *parent)
    : QWidget(parent), m_scroll(new QScrollBar(Qt::Horizontal, this)), m_lanes(registeredLanes())
{
    setFocusPolicy(Qt::ClickFocus);
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
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
    for (const LaneEntry &e : m_lanes)
        if (laneShown(e))
            h += e.lane->height();
    return {900, h};
}

QSize TimelineWidget::minimumSizeHint() const
{
    return {300, kRulerHeight + kScrollHeight + 60};
}

TimelineWidget::LaneEntry *TimelineWidget::entry(Lane id)
{
    for (LaneEntry &e : m_lanes)
        if (e.id == id)
            return &e;
    return nullptr;
}

const TimelineWidget::LaneEntry *TimelineWidget::entry(Lane id) const
{
    return const_cast<TimelineWidget *>(this)->entry(id);
}

int TimelineWidget::fittedHeight(const LaneEntry &e) const
{
    const int natural = e.lane->height();
    return m_fit >= 1.0 ? natural : std::max(8, int(natural * m_fit));
}

void TimelineWidget::updateFit()
{
    int needed = 0;
    for (const LaneEntry &e : m_lanes)
        if (laneShown(e))
            needed += e.lane->height();
    const int available = height() - kRulerHeight - kScrollHeight;
    m_fit = needed > 0 && available > 0 ? std::min(1.0, double(available) / needed) : 1.0;
}

QString TimelineWidget::laneName(Lane lane)
{
    // Names are the lanes' own; a set of lanes that never paints answers
    // for the static call.
    static const std::vector<LaneEntry> lanes = registeredLanes();
    for (const LaneEntry &e : lanes)
        if (e.id == lane)
            return e.lane->name();
    return {};
}

bool TimelineWidget::laneShown(const LaneEntry &e) const
{
    return !e.hidden && e.lane->isAvailable(m_data);
}

QList<TimelineWidget::Lane> TimelineWidget::laneOrder() const
{
    QList<Lane> order;
    order.reserve(qsizetype(m_lanes.size()));
    for (const LaneEntry &e : m_lanes)
        order.append(e.id);
    return order;
}

bool TimelineWidget::isLaneVisible(Lane lane) const
{
    const LaneEntry *e = entry(lane);
    return e && !e->hidden;
}

void TimelineWidget::setLaneVisible(Lane lane, bool visible)
{
    if (LaneEntry *e = entry(lane))
        e->hidden = !visible;
    updateFit();
    updateGeometry();
    update();
    emit laneLayoutChanged();
}

void TimelineWidget::setLaneOrder(const QList<Lane> &order)
{
    // The lanes named first, in that order, then the others as they were.
    std::vector<LaneEntry> next;
    next.reserve(m_lanes.size());
    for (Lane id : order)
        for (LaneEntry &e : m_lanes)
            if (e.id == id && e.lane) {
                next.push_back(std::move(e));
                break;
            }
    for (LaneEntry &e : m_lanes)
        if (e.lane)
            next.push_back(std::move(e));
    m_lanes = std::move(next);
    update();
    emit laneLayoutChanged();
}

void TimelineWidget::moveLane(Lane lane, int step)
{
    const auto it = std::find_if(m_lanes.begin(), m_lanes.end(),
                                 [lane](const LaneEntry &e) { return e.id == lane; });
    const int i = it == m_lanes.end() ? -1 : int(it - m_lanes.begin());
    const int n = int(m_lanes.size());
    // Skip lanes that are not shown, so one step is one visible place.
    int j = i;
    do {
        j += step;
    } while (j >= 0 && j < n && !laneShown(m_lanes[size_t(j)]));
    if (i < 0 || j < 0 || j >= n)
        return;
    LaneEntry moved = std::move(m_lanes[size_t(i)]);
    m_lanes.erase(m_lanes.begin() + i);
    m_lanes.insert(m_lanes.begin() + j, std::move(moved));
    update();
    emit laneLayoutChanged();
}

QRect TimelineWidget::laneRect(Lane lane) const
{
    int y = kRulerHeight;
    for (const LaneEntry &e : m_lanes) {
        if (!laneShown(e))
            continue;
        if (e.id == lane)
            return QRect(0, y, width(), fittedHeight(e));
        y += fittedHeight(e);
    }
    return {};
}

const TimelineWidget::LaneEntry *TimelineWidget::laneAt(int y, QRect *rect) const
{
    int top = kRulerHeight;
    for (const LaneEntry &e : m_lanes) {
        if (!laneShown(e))
            continue;
        const int h = fittedHeight(e);
        if (y >= top && y < top + h) {
            if (rect)
                *rect = QRect(0, top, width(), h);
            return &e;
        }
        top += h;
    }
    return nullptr;
}

LaneContext TimelineWidget::context(QRgb background) const
{
    return {m_scale, m_data, m_currentClip, m_position, font(), palette(), background, m_strip};
}

QPoint TimelineWidget::lanePoint(const QPoint &pos, const QRect &rect)
{
    return pos - QPoint(kHeaderWidth, rect.top());
}

int TimelineWidget::viewWidth() const
{
    return std::max(1, width() - kHeaderWidth);
}

void TimelineWidget::setDuration(qint64 ms)
{
    m_scale.setDuration(ms);
    m_scale.setWidth(viewWidth());
    m_scale.fitAll();
    scaleChanged();
}

void TimelineWidget::cancelDrag()
{
    if (m_dragLane)
        m_dragLane->cancelDrag();
    m_dragLane = nullptr;
}

void TimelineWidget::setClips(QList<Clip> clips)
{
    // A drag refers to the clip by its place in the list, which changes.
    cancelDrag();
    m_data.setClips(std::move(clips));
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
    m_data.setWaveform(std::move(pyramid));
    update();
}

void TimelineWidget::setMarks(std::optional<qint64> in, std::optional<qint64> out)
{
    m_inMark = in;
    m_outMark = out;
    update();
}

void TimelineWidget::setProposal(QList<core::TimeRange> ranges)
{
    m_data.setProposal(std::move(ranges));
    updateFit();
    updateGeometry();
    update();
}

void TimelineWidget::setSubtitles(QList<core::SubtitleCue> cues)
{
    m_data.setCues(std::move(cues));
    update();
}

void TimelineWidget::setOverlay(TimelineOverlay overlay)
{
    m_data.setOverlay(std::move(overlay));
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
    if (!m_scrubbing && !m_dragLane && (ms < m_scale.startMs() || ms > m_scale.endMs())) {
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
    for (const LaneEntry &e : m_lanes) {
        if (!laneShown(e))
            continue;
        const int h = fittedHeight(e);
        const QRect header(0, y, kHeaderWidth, h);
        const QRect r(kHeaderWidth, y, laneRight - kHeaderWidth + 1, h);
        const QColor bg = band++ % 2 ? kLaneAltBg : kLaneBg;
        if (!e.lane->paintsBackground() || r.width() <= 0)
            p.fillRect(r, bg);
        p.setPen(palette().color(QPalette::WindowText));
        p.fillRect(header, palette().color(QPalette::Button));
        drawStaticText(p, 0,
                       QPoint(header.left() + 6, header.top() + (h - fontMetrics().height()) / 2),
                       e.lane->name());
        p.save();
        p.setClipRect(r.intersected(target));
        e.lane->paint(p, r, context(bg.rgb()));
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

    // In and out marks (I, O) over every lane, a bracket at the top.
    for (const auto &[mark, in] : {std::pair{m_inMark, true}, std::pair{m_outMark, false}}) {
        if (!mark)
            continue;
        const double mx = m_scale.xForMs(double(*mark));
        if (mx < 0 || mx > viewWidth())
            continue;
        const int x = kHeaderWidth + int(std::lround(mx));
        p.setPen(QPen(palette().color(QPalette::Highlight), 1, Qt::DashLine));
        p.drawLine(x, 0, x, y - 1);
        p.setPen(QPen(palette().color(QPalette::Highlight), 2));
        p.drawLine(x, 1, x + (in ? 6 : -6), 1);
    }

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
    static const double steps[] = {10,     20,     50,     100,     200,     500,     1000,
                                   2000,   5000,   10000,  15000,   30000,   60000,   120000,
                                   300000, 600000, 900000, 1800000, 3600000, 7200000, 18000000};
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

QString TimelineWidget::toolTipAt(const QPoint &pos) const
{
    QRect rect;
    const LaneEntry *e = laneAt(pos.y(), &rect);
    if (!e)
        return {};
    if (pos.x() < kHeaderWidth)
        return tr("%1 lane: right-click to hide, show or move lanes").arg(e->lane->name());
    return e->lane->toolTip(lanePoint(pos, rect), context());
}

bool TimelineWidget::event(QEvent *e)
{
    if (e->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(e);
        const QString text = toolTipAt(help->pos());
        // An empty text hides the tooltip.
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
    const double ms =
        std::clamp(m_scale.msForX(pos.x() - kHeaderWidth), 0.0, double(m_scale.duration()));
    QRect rect;
    if (const LaneEntry *e = laneAt(pos.y(), &rect)) {
        const LaneContext ctx = context();
        const LaneHit hit = e->lane->hitTest(lanePoint(pos, rect), ctx);
        if (hit.isEdge() && e->lane->beginDrag(hit, ctx)) {
            m_dragLane = e->lane.get();
            return;
        }
        // A press on a free place seeks there; dragging on draws a new clip.
        if (hit.part == LaneHit::Part::Empty && e->lane->beginDrag(hit, ctx)) {
            m_dragLane = e->lane.get();
            emit seekRequested(qint64(ms));
            return;
        }
        if (hit.clipId) {
            emit clipActivated(*hit.clipId);
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
    const double ms =
        std::clamp(m_scale.msForX(pos.x() - kHeaderWidth), 0.0, double(m_scale.duration()));
    if (m_dragLane) {
        m_dragLane->dragTo(qint64(ms), context());
        update();
        return;
    }
    if (m_scrubbing) {
        emit seekRequested(qint64(ms));
        return;
    }
    // The cursor says what a press would do.
    QRect rect;
    const LaneEntry *e = pos.x() >= kHeaderWidth ? laneAt(pos.y(), &rect) : nullptr;
    const bool onEdge = e && e->lane->hitTest(lanePoint(pos, rect), context()).isEdge();
    setCursor(onEdge ? Qt::SizeHorCursor : Qt::ArrowCursor);
}

void TimelineWidget::mouseReleaseEvent(QMouseEvent *event)
{
    m_scrubbing = false;
    if (m_dragLane) {
        ms::ui::Lane *lane = m_dragLane;
        m_dragLane = nullptr;
        // Shown as before until the owner confirms it through setClips().
        if (const std::optional<Clip> edited = lane->endDrag(context())) {
            if (edited->id == 0)
                emit clipDrawn(edited->startMs, edited->endMs);
            else
                emit clipTimesEdited(edited->id, edited->startMs, edited->endMs);
        }
        update();
        return;
    }
    QWidget::mouseReleaseEvent(event);
}

void TimelineWidget::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu menu(this);
    if (const LaneEntry *e = laneAt(event->pos().y())) {
        const Lane l = e->id;
        menu.addAction(tr("Hide \u201c%1\u201d").arg(e->lane->name()), this,
                       [this, l] { setLaneVisible(l, false); });
        menu.addAction(tr("Move Up"), this, [this, l] { moveLane(l, -1); });
        menu.addAction(tr("Move Down"), this, [this, l] { moveLane(l, +1); });
        menu.addSeparator();
    }
    QMenu *lanes = menu.addMenu(tr("Lanes"));
    for (const LaneEntry &e : m_lanes) {
        QAction *a = lanes->addAction(e.lane->name());
        a->setCheckable(true);
        a->setChecked(!e.hidden);
        const Lane l = e.id;
        connect(a, &QAction::toggled, this, [this, l](bool on) { setLaneVisible(l, on); });
    }
    menu.addAction(tr("Zoom to Whole Film"), this, &TimelineWidget::fitAll);
    menu.exec(event->globalPos());
}

QString TimelineWidget::legendHtml()
{
    auto swatch = [](const QColor &c, const QString &text) {
        return QStringLiteral(
                   "<span style='background:%1;color:%1'>&nbsp;&nbsp;&nbsp;</span>&nbsp;%2"
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
