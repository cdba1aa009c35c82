#pragma once

#include "core/jobs/jobrunner.h"
#include "core/subtitlecue.h"
#include "core/subtitlesource.h"

#include <QObject>
#include <QString>

namespace ms::ui {

class PlayerWidget;
class ProjectDocument;
class SubtitleList;
class TimelineWidget;

// The film on screen: which film the player, the subtitle list and the
// timeline show, and the clip within it.
//
// Design: opening a film is one sequence here, so the window only says which
// clip is current. The film's media goes into the player (its frame rate and
// duration from the film record's media info, the duration stretched to the
// last clip), a missing or unattached file shows the Relink message; the
// waveform is a core::WaveformJob in the runner's "waveform" slot, filling
// the lane as it goes; the subtitle file is read on the thread pool, since a
// large file or a slow disk must not freeze the window. A film switched away
// from supersedes its waveform job and its subtitle read (a generation
// number), so neither paints over the new film. The timeline's clip lane
// follows the document's edits, and the timeline's and the subtitle list's
// playheads follow the player.
class FilmSession : public QObject
{
    Q_OBJECT
public:
    // `jobs` runs the waveform (it must outlive the session).
    FilmSession(PlayerWidget *player, TimelineWidget *timeline, SubtitleList *subtitles,
                core::JobRunner *jobs, QObject *parent = nullptr);

    // Clears the film; the next showClip() loads its film from `document`.
    void setDocument(ProjectDocument *document);
    // Loads the clip's film when it is another one, then loops the player
    // over the clip and brings it into sight (0: none).
    void showClip(qint64 clipId);
    qint64 shownClip() const { return m_shownClip; }
    // Loads the film without choosing a clip (a film that has none yet).
    void showFilm(qint64 filmId);
    // Loads the shown film again (its subtitle file changed), keeping the clip.
    void reloadFilm();
    // The film shown (0 for none).
    qint64 filmId() const { return m_filmId; }

    // Points the shown film at its moved media file and reloads it; false
    // and lastError() when the document refuses (another film's file).
    bool relink(const QString &path, bool force);
    QString lastError() const { return m_lastError; }

    bool isWaveformComplete() const { return m_waveformComplete; }
    bool isWaveformRunning() const { return m_waveJob != 0; }
    bool areSubtitlesLoaded() const { return m_subtitlesLoaded; }
    // Waveform finished (or impossible) and subtitles read: what a
    // screenshot waits for.
    bool isReady() const { return m_waveformComplete && m_subtitlesLoaded; }
    void cancelWaveform();
    // The subtitles shown, once read.
    const QList<core::SubtitleCue> &cues() const { return m_cues; }

signals:
    // A film was loaded (0: none); its clips are on the timeline already.
    void filmChanged(qint64 filmId);
    // The waveform of the film is complete, cancelled or could not be made.
    void waveformDone();
    void subtitlesLoaded();
    // For the status bar: a changed media file, a player error.
    void message(const QString &text, int timeoutMs);

private:
    struct SubtitleRead
    {
        QList<core::SubtitleCue> cues;
        QString error;
    };

    void loadFilm(qint64 filmId);
    void clearFilm();
    void followPosition(qint64 ms);
    void rebuildClips();
    void startWaveform(const QString &path, const QString &fingerprint);
    void waveformEnded(const core::JobOutcome &outcome);
    void readSubtitles(const core::SubtitleSource &source);
    void showSubtitles(QList<core::SubtitleCue> cues, const QString &source);

    PlayerWidget *m_player;
    TimelineWidget *m_timeline;
    SubtitleList *m_subtitles;
    ProjectDocument *m_document = nullptr;
    qint64 m_filmId = 0;
    qint64 m_shownClip = 0;
    QString m_lastError;
    QList<core::SubtitleCue> m_cues;
    quint64 m_subtitleRead = 0; // generation of the read whose result is wanted
    bool m_subtitlesLoaded = true;

    core::JobRunner *m_jobs;
    core::JobRunner::JobId m_waveJob = 0; // 0: none running
    bool m_waveformComplete = true;
};

} // namespace ms::ui
