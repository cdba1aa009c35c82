#pragma once

#include "core/subtitlecue.h"

#include <QElapsedTimer>
#include <QList>
#include <QWidget>
#include <memory>

class QAudioOutput;
class QComboBox;
class QLabel;
class QMediaPlayer;
class QPushButton;
class QSlider;
class QToolButton;
class QVideoFrame;
class QTimer;
class QVideoSink;

namespace ms::core {
class FrameSeeker;
}

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
//
// Playback that does not fail: without an audio output the film plays muted;
// when the audio sink fails the film is loaded again without sound; when
// GStreamer lacks its plugins (no QMediaPlayer is made at all: it would
// crash) or cannot play the film (an error, or no picture within a few
// seconds), the frames come from FFmpeg (core::FrameSeeker) on a timer, so
// stepping, scrubbing and the clip loop work, silently. playbackNote() says
// which, and what to install for sound.
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
    // nullptr when GStreamer cannot play on this machine.
    QMediaPlayer *mediaPlayer() const { return m_player; }
    // True while the film's frames come from FFmpeg (no sound).
    bool isFfmpegFallback() const { return m_fallback; }
    // True while the film plays without sound for want of a working output.
    bool isSilent() const;
    // Why playback is degraded and what to do; empty when all is well.
    QString playbackNote() const { return m_note; }
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
    // Playback goes on in a degraded way (muted, or frames from FFmpeg):
    // status-bar material, not an error.
    void playbackNoteChanged(const QString &note);

private:
    void onFrame(const QVideoFrame &frame);
    void onPosition(qint64 ms);
    void updateTime();
    void updateSubtitle(qint64 ms);
    void updateButtons();
    void onPlayerError(const QString &text);
    // Loads the film through GStreamer again without audio (a failing sink).
    void reloadWithoutAudio(const QString &why);
    // From now on this film's frames come from FFmpeg.
    void enterFallback(const QString &why);
    void showFallbackFrame(qint64 ms);
    void fallbackTick();
    void setNote(const QString &note);

    QMediaPlayer *m_player = nullptr;
    QAudioOutput *m_audio = nullptr;
    QVideoSink *m_sink = nullptr;
    bool m_audioFailed = false;
    bool m_fallback = false;
    std::unique_ptr<core::FrameSeeker> m_seeker;
    QTimer *m_clock;    // fallback playback ticks
    QTimer *m_watchdog; // no picture from GStreamer in time: fallback
    QElapsedTimer m_playClock;
    qint64 m_playFrom = 0;
    qint64 m_fallbackPos = 0;
    bool m_fallbackPlaying = false;
    QString m_note;
    QString m_baseNote; // the machine-wide part (no GStreamer, no audio device)
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
