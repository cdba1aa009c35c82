#pragma once

#include "ui/timeline/lanestrip.h"
#include "ui/timeline/timelineclip.h"
#include "ui/timeline/timelinedata.h"
#include "ui/timelineoverlay.h"
#include "ui/timescale.h"

#include <QHash>
#include <QList>
#include <QStaticText>
#include <QWidget>
#include <memory>
#include <optional>
#include <vector>

class QScrollBar;

namespace ms::ui {

class Lane;
struct LaneContext;

// The film's timeline: a ruler, then lanes (clips by level with V/A/T marks,
// the audio waveform, subtitles, and a model run's score, attention and
// attribution-error lanes), a playhead, zoom (Ctrl+wheel, +/-) and scroll.
//
// Design: the widget owns the time <-> pixel mapping (TimeScale), scrolling,
// zoom, the playhead, the ruler and the lanes' order and visibility; each
// lane is its own class behind the Lane interface (ui/timeline/lane.h),
// created in one registration function, registeredLanes(), so a new lane is
// one class and one line there (and a name in the Lane enum, which is how
// callers address it). Lanes read the data from one TimelineData and paint
// only the visible range; paint() draws onto any QPainter, which is what the
// benchmark measures.
//
// The widget only draws and forwards input: clicks become seekRequested()
// and clipActivated(), a dragged clip edge becomes clipTimesEdited() and the
// owner decides (undoably) whether the clip really changes.
class TimelineWidget : public QWidget
{
    Q_OBJECT
public:
    // Lane identities, for callers (not the ms::ui::Lane interface).
    enum class Lane {
        Clips,
        Waveform,
        Subtitles,
        ScoreVisual,
        ScoreAudio,
        ScoreText,
        HeatVisual,
        HeatAudio,
        HeatText,
        Errors,
        Proposal
    };
    Q_ENUM(Lane)

    using Clip = TimelineClip;

    explicit TimelineWidget(QWidget *parent = nullptr);
    ~TimelineWidget() override;

    void setDuration(qint64 ms);
    qint64 duration() const { return m_scale.duration(); }
    // Sorted here; keeps the view.
    void setClips(QList<Clip> clips);
    const QList<Clip> &clips() const { return m_data.clips(); }
    void setCurrentClip(qint64 clipId);
    qint64 currentClip() const { return m_currentClip; }
    void setWaveform(std::shared_ptr<const core::WaveformPyramid> pyramid);
    bool hasWaveform() const { return m_data.waveform() != nullptr; }
    void setSubtitles(QList<core::SubtitleCue> cues);
    // Proposed clips shown in their own lane until accepted or discarded
    // (empty: the lane goes away).
    void setProposal(QList<core::TimeRange> ranges);
    // The in and out marks of a clip being made (I, O), drawn across the lanes.
    void setMarks(std::optional<qint64> in, std::optional<qint64> out);
    const QList<core::TimeRange> &proposal() const { return m_data.proposal(); }
    void setOverlay(TimelineOverlay overlay);
    const TimelineOverlay &overlay() const { return m_data.overlay(); }

    qint64 position() const { return m_position; }
    void setPosition(qint64 ms);

    TimeScale &scale() { return m_scale; }
    const TimeScale &scale() const { return m_scale; }
    void zoomIn();
    void zoomOut();
    void fitAll();

    // Lanes in drawing order, and which are shown. Score, heatmap and error
    // lanes are hidden while there is no overlay.
    QList<Lane> laneOrder() const;
    void setLaneOrder(const QList<Lane> &order);
    void setLaneVisible(Lane lane, bool visible);
    bool isLaneVisible(Lane lane) const;
    // Moves a lane one place up (-1) or down (+1).
    void moveLane(Lane lane, int step);
    static QString laneName(Lane lane);
    // The lane's rectangle in widget coordinates (null when not shown).
    QRect laneRect(Lane lane) const;

    // Draws the whole timeline into `target` (widget coordinates) with the
    // current scale; also used by paintEvent.
    void paint(QPainter &p, const QRect &target);

    // HTML for a legend label: level colours, modality colours, marks.
    static QString legendHtml();

    static constexpr int kHeaderWidth = 92;
    static constexpr int kRulerHeight = 20;

signals:
    void seekRequested(qint64 ms);
    void clipActivated(qint64 clipId);
    void clipTimesEdited(qint64 clipId, qint64 startMs, qint64 endMs);
    // A range drawn by dragging on a free part of the clips lane.
    void clipDrawn(qint64 startMs, qint64 endMs);
    void laneLayoutChanged();

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void changeEvent(QEvent *event) override;
    bool event(QEvent *event) override;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

private:
    struct LaneEntry
    {
        Lane id;
        std::unique_ptr<ms::ui::Lane> lane;
        bool hidden = false;
    };
    // Every lane, in the default order: the one place that lists them.
    static std::vector<LaneEntry> registeredLanes();

    LaneEntry *entry(Lane id);
    const LaneEntry *entry(Lane id) const;
    bool laneShown(const LaneEntry &e) const;
    // The lane's natural height shrunk (to at least 8 px) when the shown
    // lanes do not fit the widget's height, so every shown lane stays in sight.
    int fittedHeight(const LaneEntry &e) const;
    void updateFit();
    // The shown lane at widget y, and its rectangle.
    const LaneEntry *laneAt(int y, QRect *rect = nullptr) const;
    LaneContext context(QRgb background = 0) const;
    // `pos` in widget coordinates, made relative to the time area of `rect`.
    static QPoint lanePoint(const QPoint &pos, const QRect &rect);
    void cancelDrag();
    void syncScrollBar();
    void scaleChanged();
    int viewWidth() const;
    QString toolTipAt(const QPoint &pos) const;
    void paintRuler(QPainter &p, const QRect &r);

    TimeScale m_scale;
    QScrollBar *m_scroll;
    TimelineData m_data;
    qint64 m_currentClip = 0;
    std::vector<LaneEntry> m_lanes; // in drawing order
    double m_fit = 1.0;
    qint64 m_position = 0;
    std::optional<qint64> m_inMark, m_outMark;
    bool m_syncingScroll = false;
    bool m_scrubbing = false;
    ms::ui::Lane *m_dragLane = nullptr; // the lane that took a press as an edge drag
    // Shared by the dense lanes; mutable as painting through a const
    // context only reuses it.
    mutable LaneStrip m_strip;

    // Laid-out texts (lane names, ruler times) kept between paints: shaping
    // the same twenty strings every frame cost a sixth of a full repaint.
    // Keyed by font size class (0 normal, 1 ruler) and text.
    void drawStaticText(QPainter &p, int cache, const QPoint &topLeft, const QString &text);
    QHash<QString, QStaticText> m_textCache[2];
};

} // namespace ms::ui
