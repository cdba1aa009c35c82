#include "ui/playerwidget.h"

#include "core/error.h"
#include "core/frameseeker.h"
#include "ui/playbacksupport.h"
#include "ui/subtitlelist.h"
#include "ui/videoview.h"

#include <QAudioOutput>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMediaPlayer>
#include <QPushButton>
#include <QSlider>
#include <QFileInfo>
#include <QStyle>
#include <QTimer>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>
#include <QVideoFrame>
#include <QVideoSink>
#include <cmath>

namespace ms::ui {

namespace {

const double kSpeeds[] = {0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0};

// GStreamer shows the first picture well within this after loading; a
// backend that stays silent longer cannot play the film.
constexpr int kFirstFrameTimeoutMs = 5000;

} // namespace

PlayerWidget::PlayerWidget(QWidget *parent)
    : QWidget(parent), m_clock(new QTimer(this)), m_watchdog(new QTimer(this)),
      m_view(new VideoView(this)),
      m_relink(new QPushButton(tr("Relink\u2026"), m_view)), m_playButton(new QToolButton(this)),
      m_stepBack(new QToolButton(this)), m_stepForward(new QToolButton(this)),
      m_speedBox(new QComboBox(this)), m_loopButton(new QToolButton(this)),
      m_muteButton(new QToolButton(this)), m_volume(new QSlider(Qt::Horizontal, this)),
      m_time(new QLabel(this))
{
    const PlaybackSupport::Status &support = PlaybackSupport::status();
    if (support.gstreamer) {
        m_player = new QMediaPlayer(this);
        m_sink = new QVideoSink(this);
        m_player->setVideoSink(m_sink);
        m_audio = new QAudioOutput(this);
        if (support.audioOutput) {
            m_player->setAudioOutput(m_audio);
        } else {
            m_baseNote = tr("No audio output device: films play muted.");
        }
    } else {
        QStringList missing = support.missing.mid(0, 3);
        if (support.missing.size() > 3)
            missing.append(tr("%n more", nullptr, int(support.missing.size()) - 3));
        m_baseNote = tr("GStreamer cannot play here (missing %1): films show their frames "
                        "through FFmpeg, without sound. For sound, install %2.")
                         .arg(missing.join(QStringLiteral(", ")), PlaybackSupport::installAdvice());
    }
    m_note = m_baseNote;
    m_clock->setTimerType(Qt::PreciseTimer);
    connect(m_clock, &QTimer::timeout, this, &PlayerWidget::fallbackTick);
    m_watchdog->setSingleShot(true);
    connect(m_watchdog, &QTimer::timeout, this, [this] {
        if (!m_path.isEmpty() && !m_hadFrame && !m_fallback)
            enterFallback(tr("GStreamer showed no picture of it"));
    });
    m_relink->hide();
    connect(m_relink, &QPushButton::clicked, this, &PlayerWidget::relinkRequested);

    // Buttons never take focus: Space and the other keys stay window shortcuts.
    for (QToolButton *b : {m_playButton, m_stepBack, m_stepForward, m_loopButton, m_muteButton})
        b->setFocusPolicy(Qt::NoFocus);
    m_speedBox->setFocusPolicy(Qt::NoFocus);
    m_volume->setFocusPolicy(Qt::NoFocus);

    m_playButton->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    m_playButton->setToolTip(tr("Play / pause (Space)"));
    m_stepBack->setIcon(style()->standardIcon(QStyle::SP_MediaSeekBackward));
    m_stepBack->setToolTip(tr("One frame back (,)"));
    m_stepForward->setIcon(style()->standardIcon(QStyle::SP_MediaSeekForward));
    m_stepForward->setToolTip(tr("One frame forward (.)"));
    for (double s : kSpeeds)
        m_speedBox->addItem(QStringLiteral("%1\u00d7").arg(s), s);
    m_speedBox->setCurrentIndex(3);
    m_speedBox->setToolTip(tr("Speed ([ slower, ] faster)"));
    m_loopButton->setText(tr("Loop clip"));
    m_loopButton->setCheckable(true);
    m_loopButton->setToolTip(tr("Loop the current clip (L)"));
    m_muteButton->setIcon(style()->standardIcon(QStyle::SP_MediaVolume));
    m_muteButton->setCheckable(true);
    m_muteButton->setToolTip(tr("Mute"));
    m_volume->setRange(0, 100);
    m_volume->setValue(80);
    m_volume->setMaximumWidth(100);
    m_volume->setToolTip(tr("Volume"));
    if (m_audio)
        m_audio->setVolume(0.8f);
    QFont mono = m_time->font();
    mono.setFamily(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    m_time->setFont(mono);

    auto *controls = new QHBoxLayout;
    controls->setContentsMargins(4, 2, 4, 2);
    controls->addWidget(m_stepBack);
    controls->addWidget(m_playButton);
    controls->addWidget(m_stepForward);
    controls->addWidget(m_speedBox);
    controls->addWidget(m_loopButton);
    controls->addStretch(1);
    controls->addWidget(m_time);
    controls->addStretch(1);
    controls->addWidget(m_muteButton);
    controls->addWidget(m_volume);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_view, 1);
    layout->addLayout(controls);

    connect(m_playButton, &QToolButton::clicked, this, &PlayerWidget::togglePlay);
    connect(m_stepBack, &QToolButton::clicked, this, [this] { stepFrames(-1); });
    connect(m_stepForward, &QToolButton::clicked, this, [this] { stepFrames(1); });
    connect(m_speedBox, &QComboBox::activated, this,
            [this](int i) { setSpeed(m_speedBox->itemData(i).toDouble()); });
    connect(m_loopButton, &QToolButton::toggled, this, &PlayerWidget::setLooping);
    connect(m_muteButton, &QToolButton::toggled, this, &PlayerWidget::setMuted);
    connect(m_volume, &QSlider::valueChanged, this, &PlayerWidget::setVolume);

    if (m_player) {
        connect(m_sink, &QVideoSink::videoFrameChanged, this, &PlayerWidget::onFrame);
        connect(m_player, &QMediaPlayer::positionChanged, this, &PlayerWidget::onPosition);
        connect(m_player, &QMediaPlayer::playbackStateChanged, this, &PlayerWidget::updateButtons);
        connect(m_player, &QMediaPlayer::mediaStatusChanged, this,
                [this](QMediaPlayer::MediaStatus s) {
                    // Paused on the first frame, so a loaded film shows a picture.
                    if (s == QMediaPlayer::LoadedMedia
                        && m_player->playbackState() == QMediaPlayer::StoppedState) {
                        m_player->pause();
                        if (m_pendingSeek >= 0)
                            m_player->setPosition(m_pendingSeek);
                        m_pendingSeek = -1;
                    }
                    if (s == QMediaPlayer::EndOfMedia && m_loop && m_loopStart >= 0) {
                        m_player->setPosition(m_loopStart);
                        m_player->play();
                    }
                });
        connect(m_player, &QMediaPlayer::errorOccurred, this,
                [this](QMediaPlayer::Error, const QString &text) { onPlayerError(text); });
    }
    updateTime();
    updateButtons();
}

PlayerWidget::~PlayerWidget()
{
    // No frame may arrive into a half-destroyed widget.
    if (m_player) {
        disconnect(m_sink, nullptr, this, nullptr);
        disconnect(m_player, nullptr, this, nullptr);
        m_player->stop();
    }
}

void PlayerWidget::setMedia(const QString &path, double frameRate, qint64 durationMs)
{
    m_fps = frameRate > 0 ? frameRate : 25.0;
    m_duration = durationMs;
    m_requested = 0;
    m_pendingSeek = -1;
    m_hadFrame = false;
    m_view->setMessage({});
    m_view->clearFrame();
    m_relink->hide();
    if (path == m_path && (m_fallback || (m_player && m_player->source().isValid()))) {
        seek(0);
        return;
    }
    m_path = path;
    m_fallback = false;
    m_audioFailed = false;
    m_seeker.reset();
    m_fallbackPlaying = false;
    m_clock->stop();
    setNote(m_baseNote);
    if (!m_player) {
        enterFallback(QString());
        return;
    }
    // A film after one whose sink failed tries sound again.
    if (PlaybackSupport::status().audioOutput && !m_player->audioOutput())
        m_player->setAudioOutput(m_audio);
    m_player->setSource(QUrl::fromLocalFile(path));
    m_player->setPlaybackRate(m_speed);
    m_watchdog->start(kFirstFrameTimeoutMs);
    updateTime();
}

bool PlayerWidget::isSilent() const
{
    return m_fallback || !m_player || !m_player->audioOutput();
}

void PlayerWidget::setNote(const QString &note)
{
    if (note == m_note)
        return;
    m_note = note;
    m_muteButton->setToolTip(isSilent() && !note.isEmpty() ? note : tr("Mute"));
    emit playbackNoteChanged(note);
}

void PlayerWidget::onPlayerError(const QString &text)
{
    if (m_path.isEmpty() || m_fallback)
        return;
    // A sink that fails stops the whole pipeline ("Internal data stream
    // error"): try once more without sound before giving up on GStreamer.
    if (m_player->audioOutput() && !m_audioFailed) {
        reloadWithoutAudio(text);
        return;
    }
    enterFallback(text);
}

void PlayerWidget::reloadWithoutAudio(const QString &why)
{
    m_audioFailed = true;
    const qint64 at = position();
    m_player->stop();
    m_player->setAudioOutput(nullptr);
    m_player->setSource(QUrl());
    m_hadFrame = false;
    m_requested = at;
    m_pendingSeek = at;
    m_player->setSource(QUrl::fromLocalFile(m_path));
    m_player->setPlaybackRate(m_speed);
    m_watchdog->start(kFirstFrameTimeoutMs);
    setNote(tr("The audio output failed (%1): the film plays muted.").arg(why));
}

void PlayerWidget::enterFallback(const QString &why)
{
    // Where the picture was: asked for while paused, the backend's while playing.
    const qint64 at = m_requested >= 0 ? m_requested : (m_player ? m_player->position() : 0);
    m_watchdog->stop();
    if (m_player) {
        m_player->stop();
        m_player->setSource(QUrl());
    }
    try {
        m_seeker = std::make_unique<core::FrameSeeker>(m_path);
    } catch (const core::UserError &e) {
        m_seeker.reset();
        m_view->setMessage(e.message());
        emit errorOccurred(why.isEmpty() ? e.message()
                                         : tr("%1: cannot play: %2").arg(m_path, why));
        return;
    }
    m_fallback = true;
    if (m_duration <= 0)
        m_duration = m_seeker->durationMs();
    const QString name = QFileInfo(m_path).fileName();
    setNote(why.isEmpty()
                ? m_baseNote
                : tr("GStreamer cannot play %1 (%2): its frames come from FFmpeg, without "
                     "sound. For sound, install %3.")
                      .arg(name, why, PlaybackSupport::installAdvice()));
    m_requested = at;
    showFallbackFrame(at);
    updateTime();
    updateButtons();
}

void PlayerWidget::showFallbackFrame(qint64 ms)
{
    m_fallbackPos = ms;
    if (!m_seeker)
        return;
    const core::FrameSeeker::Picture &p = m_seeker->frameAt(ms);
    if (p.isNull())
        return;
    const QImage image(p.rgb.data(), p.width, p.height, p.width * 3, QImage::Format_RGB888);
    m_view->setFrame(image.copy());
    if (!m_hadFrame) {
        m_hadFrame = true;
        emit firstFrameShown();
    }
}

void PlayerWidget::fallbackTick()
{
    if (!m_fallbackPlaying)
        return;
    qint64 ms = m_playFrom + qint64(double(m_playClock.elapsed()) * m_speed);
    if (m_loop && m_loopStart >= 0 && m_loopEnd > m_loopStart && ms >= m_loopEnd) {
        ms = m_loopStart;
        m_playFrom = ms;
        m_playClock.restart();
    } else if (m_duration > 0 && ms >= m_duration) {
        ms = m_duration;
        pause();
    }
    showFallbackFrame(ms);
    updateTime();
    updateSubtitle(ms);
    emit positionChanged(ms);
}

void PlayerWidget::showMissing(const QString &message, bool canRelink)
{
    clearMedia();
    m_view->setMessage(message);
    m_relink->setVisible(canRelink);
    m_relink->adjustSize();
    m_relink->move((m_view->width() - m_relink->width()) / 2, m_view->height() / 2 + 40);
}

void PlayerWidget::clearMedia()
{
    m_watchdog->stop();
    m_clock->stop();
    m_fallbackPlaying = false;
    m_fallback = false;
    m_seeker.reset();
    if (m_player) {
        m_player->stop();
        m_player->setSource(QUrl());
    }
    m_path.clear();
    m_duration = 0;
    m_requested = -1;
    m_hadFrame = false;
    m_view->clearFrame();
    m_view->setMessage({});
    m_relink->hide();
    updateTime();
}

void PlayerWidget::setSubtitles(QList<core::SubtitleCue> cues)
{
    std::stable_sort(cues.begin(), cues.end(),
                     [](const auto &a, const auto &b) { return a.startMs < b.startMs; });
    m_cues = std::move(cues);
    updateSubtitle(position());
}

qint64 PlayerWidget::position() const
{
    if (m_path.isEmpty())
        return 0;
    if (m_fallback)
        return m_fallbackPlaying ? m_fallbackPos : std::max<qint64>(0, m_requested);
    if (m_requested >= 0 && !isPlaying())
        return m_requested;
    return m_player ? m_player->position() : 0;
}

bool PlayerWidget::isPlaying() const
{
    if (m_fallback)
        return m_fallbackPlaying;
    return m_player && m_player->playbackState() == QMediaPlayer::PlayingState;
}

bool PlayerWidget::hasFrame() const
{
    return m_hadFrame;
}

bool PlayerWidget::isMuted() const
{
    return m_muteButton->isChecked();
}

int PlayerWidget::volume() const
{
    return m_volume->value();
}

qint64 PlayerWidget::frameAt(qint64 ms, double fps)
{
    // The epsilon absorbs the float error of ms*fps/1000 for exact frame starts.
    return qint64(std::floor(double(ms) * fps / 1000.0 + 1e-6));
}

qint64 PlayerWidget::frameStartMs(qint64 frame, double fps)
{
    return qint64(std::ceil(double(frame) * 1000.0 / fps - 1e-6));
}

QString PlayerWidget::formatTime(qint64 ms, double fps)
{
    ms = std::max<qint64>(0, ms);
    const qint64 s = ms / 1000;
    const qint64 frame = frameAt(ms, fps) - frameAt(s * 1000, fps);
    const int digits = fps > 100 ? 3 : 2;
    return QStringLiteral("%1:%2:%3.%4")
        .arg(s / 3600, 2, 10, QLatin1Char('0'))
        .arg((s / 60) % 60, 2, 10, QLatin1Char('0'))
        .arg(s % 60, 2, 10, QLatin1Char('0'))
        .arg(frame, digits, 10, QLatin1Char('0'));
}

void PlayerWidget::play()
{
    if (m_path.isEmpty())
        return;
    if (m_loop && m_loopStart >= 0 && (position() < m_loopStart || position() >= m_loopEnd))
        seek(m_loopStart);
    if (m_fallback) {
        if (m_duration > 0 && position() >= m_duration)
            seek(0);
        m_playFrom = position();
        m_fallbackPos = m_playFrom;
        m_playClock.start();
        m_fallbackPlaying = true;
        m_clock->start(std::max(10, int(1000.0 / m_fps / std::max(1.0, m_speed))));
        m_requested = -1;
        updateButtons();
        return;
    }
    if (!m_player)
        return;
    m_requested = -1;
    m_player->play();
}

void PlayerWidget::pause()
{
    if (m_path.isEmpty())
        return;
    if (m_fallback) {
        m_clock->stop();
        m_fallbackPlaying = false;
        m_requested = m_fallbackPos;
        updateButtons();
        return;
    }
    if (!m_player)
        return;
    m_player->pause();
    m_requested = m_player->position();
}

void PlayerWidget::togglePlay()
{
    isPlaying() ? pause() : play();
}

void PlayerWidget::seek(qint64 ms)
{
    if (m_path.isEmpty())
        return;
    if (m_duration > 0)
        ms = std::clamp<qint64>(ms, 0, m_duration);
    if (!isPlaying())
        m_requested = ms;
    if (m_fallback) {
        if (m_fallbackPlaying) {
            m_playFrom = ms;
            m_playClock.restart();
        }
        showFallbackFrame(ms);
    } else if (m_player) {
        const auto status = m_player->mediaStatus();
        if (status == QMediaPlayer::LoadingMedia || status == QMediaPlayer::NoMedia)
            m_pendingSeek = ms;
        m_player->setPosition(ms);
    }
    updateTime();
    updateSubtitle(ms);
    emit positionChanged(ms);
}

void PlayerWidget::stepFrames(int frames)
{
    if (m_path.isEmpty())
        return;
    if (isPlaying())
        pause();
    qint64 frame = frameAt(position(), m_fps) + frames;
    const qint64 last = m_duration > 0 ? frameAt(m_duration, m_fps) - 1 : frame;
    frame = std::clamp<qint64>(frame, 0, std::max<qint64>(0, last));
    seek(frameStartMs(frame, m_fps));
}

void PlayerWidget::setSpeed(double speed)
{
    if (m_fallback && m_fallbackPlaying) {
        m_playFrom = m_fallbackPos;
        m_playClock.restart();
    }
    m_speed = std::clamp(speed, 0.25, 4.0);
    if (m_player)
        m_player->setPlaybackRate(m_speed);
    int best = 0;
    for (int i = 0; i < int(std::size(kSpeeds)); ++i)
        if (std::abs(kSpeeds[i] - m_speed) < std::abs(kSpeeds[best] - m_speed))
            best = i;
    m_speedBox->setCurrentIndex(best);
}

void PlayerWidget::faster()
{
    for (double s : kSpeeds)
        if (s > m_speed + 1e-9) {
            setSpeed(s);
            return;
        }
}

void PlayerWidget::slower()
{
    for (int i = int(std::size(kSpeeds)) - 1; i >= 0; --i)
        if (kSpeeds[i] < m_speed - 1e-9) {
            setSpeed(kSpeeds[i]);
            return;
        }
}

void PlayerWidget::setLoopRange(qint64 startMs, qint64 endMs)
{
    m_loopStart = startMs;
    m_loopEnd = endMs;
}

void PlayerWidget::setLooping(bool on)
{
    if (m_loop == on)
        return;
    m_loop = on;
    {
        const QSignalBlocker block(m_loopButton);
        m_loopButton->setChecked(on);
    }
    emit loopingChanged(on);
}

void PlayerWidget::setMuted(bool muted)
{
    if (m_audio)
        m_audio->setMuted(muted);
    const QSignalBlocker block(m_muteButton);
    m_muteButton->setChecked(muted);
    m_muteButton->setIcon(
        style()->standardIcon(muted ? QStyle::SP_MediaVolumeMuted : QStyle::SP_MediaVolume));
}

void PlayerWidget::setVolume(int volume)
{
    volume = std::clamp(volume, 0, 100);
    if (m_audio)
        m_audio->setVolume(float(volume) / 100.f);
    const QSignalBlocker block(m_volume);
    m_volume->setValue(volume);
}

void PlayerWidget::onFrame(const QVideoFrame &frame)
{
    if (!frame.isValid() || m_path.isEmpty() || m_fallback)
        return;
    m_watchdog->stop();
    m_view->setFrame(frame.toImage());
    if (!m_hadFrame) {
        m_hadFrame = true;
        emit firstFrameShown();
    }
}

void PlayerWidget::onPosition(qint64 ms)
{
    if (m_path.isEmpty() || m_fallback)
        return;
    if (isPlaying()) {
        if (m_loop && m_loopStart >= 0 && m_loopEnd > m_loopStart && ms >= m_loopEnd) {
            m_player->setPosition(m_loopStart);
            ms = m_loopStart;
        }
    } else if (m_requested >= 0) {
        // While paused the requested position is shown; the backend's
        // report may be a frame off.
        return;
    }
    updateTime();
    updateSubtitle(ms);
    emit positionChanged(ms);
}

void PlayerWidget::updateTime()
{
    const QString total = formatTime(m_duration, m_fps);
    m_time->setText(QStringLiteral("%1 / %2").arg(formatTime(position(), m_fps), total));
}

void PlayerWidget::updateSubtitle(qint64 ms)
{
    const int i = SubtitleList::cueAt(m_cues, ms);
    m_view->setSubtitle(i >= 0 ? m_cues[i].text : QString());
}

void PlayerWidget::updateButtons()
{
    m_playButton->setIcon(
        style()->standardIcon(isPlaying() ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
}

} // namespace ms::ui
