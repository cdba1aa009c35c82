#pragma once

#include "core/subtitlecue.h"

#include <QWidget>

class QLabel;
class QListWidget;

namespace ms::ui {

// The film's subtitles as a list beside the player: the cue under the
// playhead is selected and kept in sight, and a click seeks to a cue.
class SubtitleList : public QWidget
{
    Q_OBJECT
public:
    explicit SubtitleList(QWidget *parent = nullptr);

    // `source` is shown above the list (file name, or why there are none).
    void setCues(QList<core::SubtitleCue> cues, const QString &source);
    const QList<core::SubtitleCue> &cues() const { return m_cues; }
    void setPosition(qint64 ms);
    // -1 when no cue is at the position.
    int currentCue() const { return m_current; }
    QListWidget *list() const { return m_list; }

    // Index of the last cue starting at or before `ms` that is still shown
    // at `ms`, or -1; cues must be sorted by start.
    static int cueAt(const QList<core::SubtitleCue> &cues, qint64 ms);

signals:
    void seekRequested(qint64 ms);

private:
    QLabel *m_source;
    QListWidget *m_list;
    QList<core::SubtitleCue> m_cues;
    int m_current = -1;
};

} // namespace ms::ui
