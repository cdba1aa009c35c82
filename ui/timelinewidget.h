#pragma once

#include "core/level.h"
#include "core/subtitlecue.h"
#include "core/waveformpyramid.h"
#include "ui/timelineoverlay.h"
#include "ui/timescale.h"

#include <QHash>
#include <QImage>
#include <QStaticText>
#include <QList>
#include <QWidget>
#include <memory>
#include <optional>
#include <vector>

class QScrollBar;

namespace ms::ui {

// The film's timeline: a ruler, then lanes (clips by level with V/A/T marks,
// the audio waveform, subtitles, and a model run's score, attention and
// attribution-error lanes), a playhead, zoom (Ctrl+wheel, +/-) and scroll.
//
// Design: custom-painted, and only the visible range is painted. Every list
// is sorted by start, so paint() finds the first visible item with a binary
// search (starting from start - longest item, as items may overlap) and
// stops at the first one past the right edge. Items narrower than a pixel
// are merged per column; dense lanes (clips, waveform, scores, heat) are
// computed per pixel column and written straight into a reused image that
// is blitted once per lane, sparse ones batch rectangles per colour; the
// waveform is read from the pyramid level that matches samples per pixel.
// paint() draws onto any QPainter, which is what the benchmark measures.
//
// The widget only draws and forwards input: clicks become seekRequested()
// and clipActivated(), a dragged clip edge becomes clipTimesEdited() and the
// owner decides (undoably) whether the clip really changes.
class TimelineWidget : public QWidget
{
    Q_OBJECT
public:
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
        Errors
    };
    Q_ENUM(Lane)

    struct Clip
    {
        qint64 id = 0;
        qint64 startMs = 0;
        qint64 endMs = 0;
        std::optional<core::Level> level;
        quint8 modalities = 0; // core::ModalitySet bits of the concepts
        QString name;
    };

    explicit TimelineWidget(QWidget *parent = nullptr);
    ~TimelineWidget() override;

    void setDuration(qint64 ms);
    qint64 duration() const { return m_scale.duration(); }
    // Sorted here; keeps the view.
    void setClips(QList<Clip> clips);
    const QList<Clip> &clips() const { return m_clips; }
    void setCurrentClip(qint64 clipId);
    qint64 currentClip() const { return m_currentClip; }
    void setWaveform(std::shared_ptr<const core::WaveformPyramid> pyramid);
    bool hasWaveform() const { return m_waveform != nullptr; }
    void setSubtitles(QList<core::SubtitleCue> cues);
    void setOverlay(TimelineOverlay overlay);
    const TimelineOverlay &overlay() const { return m_overlay; }

    qint64 position() const { return m_position; }
    void setPosition(qint64 ms);

    TimeScale &scale() { return m_scale; }
    const TimeScale &scale() const { return m_scale; }
    void zoomIn();
    void zoomOut();
    void fitAll();

    // Lanes in drawing order, and which are shown. Score, heatmap and error
    // lanes are hidden while there is no overlay.
    QList<Lane> laneOrder() const { return m_order; }
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
    struct LaneState
    {
        bool visible = true;
    };
    static int laneHeight(Lane lane);
    // laneHeight() shrunk (to at least 8 px) when the shown lanes do not fit
    // the widget's height, so every shown lane stays in sight.
    int fittedHeight(Lane lane) const;
    void updateFit();
    double m_fit = 1.0;
    bool laneShown(Lane lane) const;
    std::optional<Lane> laneAt(int y) const;
    void syncScrollBar();
    void scaleChanged();
    int viewWidth() const;
    // Index of the first item that may be visible at `fromMs`.
    template<typename T>
    static int firstVisible(const QList<T> &items, double fromMs, qint64 longest);
    // m_columns[c] = the largest value(item) of the items over column c of
    // the lane (-1 where none), for `cols` columns.
    template<typename T, typename Value>
    void fillColumns(const QList<T> &items, qint64 longest, int cols, Value value);
    int clipAt(const QPoint &pos) const;
    QString toolTipAt(const QPoint &pos) const;

    void paintRuler(QPainter &p, const QRect &r);
    void paintClips(QPainter &p, const QRect &r);
    void paintWaveform(QPainter &p, const QRect &r);
    void paintSubtitles(QPainter &p, const QRect &r);
    void paintScores(QPainter &p, const QRect &r, int modality);
    void paintHeat(QPainter &p, const QRect &r, int modality);
    void paintErrors(QPainter &p, const QRect &r);

    TimeScale m_scale;
    QScrollBar *m_scroll;
    QList<Clip> m_clips;
    qint64 m_longestClip = 0;
    qint64 m_currentClip = 0;
    std::shared_ptr<const core::WaveformPyramid> m_waveform;
    QList<core::SubtitleCue> m_cues;
    qint64 m_longestCue = 0;
    QList<QString> m_cueLines; // first line of each cue, ready to elide
    TimelineOverlay m_overlay;
    qint64 m_longestScore = 0;
    std::array<qint64, 3> m_longestHeat{};
    qint64 m_longestError = 0;
    QList<Lane> m_order;
    QHash<int, bool> m_hidden; // by int(Lane)
    qint64 m_position = 0;
    bool m_syncingScroll = false;

    // Edge drag of the current clip.
    struct Drag
    {
        int index = -1;
        bool left = false;
        qint64 origStart = 0, origEnd = 0;
    };
    Drag m_drag;
    bool m_scrubbing = false;
    std::vector<float> m_columns; // per-column scratch for scores and heat
    std::vector<int> m_heights;   // per-column bar heights of a score lane
    std::vector<qint8> m_columnLevel; // per-column scratch for the clips lane
    // Dense lanes (clips, waveform, scores, heat) are written pixel by
    // pixel into this reused opaque strip and blitted: one drawImage per
    // lane instead of thousands of rectangles or lines.
    QImage m_strip;
    QRgb m_laneBg = 0;
    QImage &strip(int width, int height);
    // Laid-out texts (lane names, ruler times) kept between paints: shaping
    // the same twenty strings every frame cost a sixth of a full repaint.
    // Keyed by font size class (0 normal, 1 ruler) and text.
    void drawStaticText(QPainter &p, int cache, const QPoint &topLeft, const QString &text);
    QHash<QString, QStaticText> m_textCache[2];
};

} // namespace ms::ui
