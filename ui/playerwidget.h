#pragma once

#include "core/subtitlecue.h"

#include <QList>
#include <QWidget>

class QAudioOutput;
class QComboBox;
class QLabel;
class QMediaPlayer;
class QPushButton;
class QSlider;
class QToolButton;
class QVideoFrame;
class QVideoSink;

namespace ms::ui {

class VideoView;

// The film player: QMediaPlayer into a QVideoSink whose frames VideoView
// paints, with the current subtitle under the picture, and the controls
// (play/pause, frame steps, speed 0.25x..4x, loop the clip, volume, mute,
// time with frames).
//
// Frame steps are computed from the film's frame rate (the probe), not from
// the player: frame k is shown from k/fps seconds, so a step seeks to the
// first whole millisecond at or after that time, which lands on frame k
// exactly whatever rounding the backend does.
class PlayerWidget : public QWidget
{
    Q_OBJECT
public:
    explicit PlayerWidget(QWidget *parent = nullptr);
    ~PlayerWidget() override;

    // Loads the film paused on its first frame. `frameRate` from the probe
    // (25 when unknown).
    void setMedia(const QString &path, double frameRate, qint64 durationMs);
    // No film: shows `message`, and the Relink... button when `canRelink`.
    void showMissing(const QString &message, bool canRelink);
    void clearMedia();
    QString mediaPath() const { return m_path; }
    bool hasMedia() const { return !m_path.isEmpty(); }
    void setSubtitles(QList<core::SubtitleCue> cues);

    qint64 position() const;
    qint64 duration() const { return m_duration; }
    double frameRate() const { return m_fps; }
    bool isPlaying() const;
    bool hasFrame() const;
    double speed() const { return m_speed; }
    bool isLooping() const { return m_loop; }
    bool isMuted() const;
    int volume() const; // 0..100

    // Frame index shown at `ms`, and the first millisecond of frame `k`.
    static qint64 frameAt(qint64 ms, double fps);
    static qint64 frameStartMs(qint64 frame, double fps);
    // "hh:mm:ss.ff" with ff the frame within the second.
    static QString formatTime(qint64 ms, double fps);

    VideoView *videoView() const { return m_view; }
    QMediaPlayer *mediaPlayer() const { return m_player; }
    QPushButton *relinkButton() const { return m_relink; }
    QLabel *timeLabel() const { return m_time; }

public slots:
    void play();
    void pause();
    void togglePlay();
    void seek(qint64 ms);
    void stepFrames(int frames);
    void setSpeed(double speed);
    void faster();
    void slower();
    // The range playback loops over when looping is on (the current clip).
    void setLoopRange(qint64 startMs, qint64 endMs);
    void setLooping(bool on);
    void toggleLooping() { setLooping(!m_loop); }
    void setMuted(bool muted);
    void setVolume(int volume);

signals:
    void positionChanged(qint64 ms);
    void firstFrameShown();
    void relinkRequested();
    void loopingChanged(bool on);
    void errorOccurred(const QString &message);

private:
    void onFrame(const QVideoFrame &frame);
    void onPosition(qint64 ms);
    void updateTime();
    void updateSubtitle(qint64 ms);
    void updateButtons();

    QMediaPlayer *m_player;
    QAudioOutput *m_audio;
    QVideoSink *m_sink;
    VideoView *m_view;
    QPushButton *m_relink;
    QToolButton *m_playButton;
    QToolButton *m_stepBack;
    QToolButton *m_stepForward;
    QComboBox *m_speedBox;
    QToolButton *m_loopButton;
    QToolButton *m_muteButton;
    QSlider *m_volume;
    QLabel *m_time;

    QString m_path;
    double m_fps = 25;
    qint64 m_duration = 0;
    double m_speed = 1.0;
    bool m_loop = false;
    qint64 m_loopStart = -1, m_loopEnd = -1;
    // The position asked for last: between a seek and the backend's answer
    // (and while paused) it is the truth, and steps build on it.
    qint64 m_requested = -1;
    // A seek asked for before the media finished loading, applied once loaded.
    qint64 m_pendingSeek = -1;
    bool m_hadFrame = false;
    QList<core::SubtitleCue> m_cues;
};

} // namespace ms::ui
