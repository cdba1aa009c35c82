#include "ui/filmsession.h"

#include "core/error.h"
#include "core/subtitleparser.h"
#include "core/waveformjob.h"
#include "ui/playerwidget.h"
#include "ui/projectdocument.h"
#include "ui/subtitlelist.h"
#include "ui/timeline/timelinewidget.h"

#include <QDir>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>

namespace ms::ui {

FilmSession::FilmSession(PlayerWidget *player, TimelineWidget *timeline, SubtitleList *subtitles,
                         core::JobRunner *jobs, QObject *parent)
    : QObject(parent), m_player(player), m_timeline(timeline), m_subtitles(subtitles), m_jobs(jobs)
{
    // One playhead: the player's position moves the timeline's and the
    // subtitle list's, and a seek on either moves the player.
    connect(m_player, &PlayerWidget::positionChanged, this, &FilmSession::followPosition);
    connect(m_subtitles, &SubtitleList::seekRequested, m_player, &PlayerWidget::seek);
    connect(m_timeline, &TimelineWidget::seekRequested, this, [this](qint64 ms) {
        m_player->seek(ms);
        followPosition(ms);
    });
    connect(m_player, &PlayerWidget::errorOccurred, this,
            [this](const QString &text) { emit message(text, 10000); });
    // Reports come back queued; the runner drops those of a waveform that a
    // newer one superseded, and the id check drops those of one cancelled.
    connect(m_jobs, &core::JobRunner::partialResult, this,
            [this](core::JobRunner::JobId id, const QVariant &v) {
                if (id == m_waveJob)
                    m_timeline->setWaveform(v.value<core::WaveformJob::Pyramid>());
            });
    connect(m_jobs, &core::JobRunner::finished, this,
            [this](core::JobRunner::JobId id, const core::JobOutcome &outcome) {
                if (id == m_waveJob)
                    waveformEnded(outcome);
            });
}

void FilmSession::followPosition(qint64 ms)
{
    m_timeline->setPosition(ms);
    m_subtitles->setPosition(ms);
}

void FilmSession::setDocument(ProjectDocument *document)
{
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    m_shownClip = 0;
    // Nothing of the old project stays on screen, even when the new one has
    // no clip to show; the first clip shown loads its film.
    loadFilm(0);
    if (!document)
        return;
    connect(document, &ProjectDocument::annotationChanged, this, &FilmSession::rebuildClips);
    connect(document, &ProjectDocument::reloaded, this, &FilmSession::rebuildClips);
    connect(document, &ProjectDocument::clipTimesChanged, this, [this](qint64 id) {
        rebuildClips();
        if (const core::Clip *c = m_document->clip(id);
            c && id == m_shownClip && c->startMs && c->endMs)
            m_player->setLoopRange(*c->startMs, *c->endMs);
    });
}

void FilmSession::showClip(qint64 clipId)
{
    m_shownClip = clipId;
    m_timeline->setCurrentClip(clipId);
    const core::Clip *clip = m_document && clipId ? m_document->clip(clipId) : nullptr;
    if (!clip) {
        if (!m_document)
            loadFilm(0);
        return;
    }
    if (clip->filmId != m_filmId)
        loadFilm(clip->filmId);
    if (clip->startMs && clip->endMs) {
        m_player->setLoopRange(*clip->startMs, *clip->endMs);
        m_player->seek(*clip->startMs);
        followPosition(*clip->startMs);
        m_timeline->scale().ensureVisible(double(*clip->startMs));
        m_timeline->update();
    } else {
        m_player->setLoopRange(-1, -1);
    }
}

void FilmSession::showFilm(qint64 filmId)
{
    m_shownClip = 0;
    m_timeline->setCurrentClip(0);
    m_player->setLoopRange(-1, -1);
    if (filmId != m_filmId)
        loadFilm(filmId);
}

void FilmSession::reloadFilm()
{
    const qint64 clip = m_shownClip;
    loadFilm(m_filmId);
    if (clip)
        showClip(clip);
}

void FilmSession::clearFilm()
{
    m_player->clearMedia();
    showSubtitles({}, tr("No film"));
    m_timeline->setClips({});
    m_timeline->setDuration(0);
    emit filmChanged(0);
}

void FilmSession::loadFilm(qint64 filmId)
{
    cancelWaveform();
    ++m_subtitleRead; // a read still running is for the film before
    m_filmId = filmId;
    m_timeline->setWaveform(nullptr);
    const core::Film *film = m_document && filmId ? m_document->film(filmId) : nullptr;
    if (!film) {
        clearFilm();
        return;
    }
    const core::MediaInfo &info = film->media;
    double fps = 0;
    for (const core::MediaInfo::Stream &st : info.streamsOf(QStringLiteral("video")))
        if (st.frameRate > 0) {
            fps = st.frameRate;
            break;
        }
    // Clips may run past the probed end (a shorter re-encode): show them all.
    qint64 duration = info.durationMs;
    for (const core::Clip &c : m_document->clips())
        if (c.filmId == filmId && c.endMs)
            duration = std::max(duration, *c.endMs);
    m_timeline->setDuration(duration);
    rebuildClips();
    emit filmChanged(filmId);

    const db::MediaStatus status = m_document->mediaStatus(*film);
    const QString name = film->title.isEmpty() ? film->movieId : film->title;
    switch (status.state) {
    case db::MediaStatus::State::Ok:
    case db::MediaStatus::State::Changed:
        m_player->setMedia(status.absolutePath, fps, duration);
        if (status.state == db::MediaStatus::State::Changed)
            emit message(status.describe(), 15000);
        if (!info.streamsOf(QStringLiteral("audio")).isEmpty())
            startWaveform(status.absolutePath, film->mediaFingerprint);
        break;
    case db::MediaStatus::State::Missing:
        m_player->showMissing(
            tr("The media file of %1 is missing:\n%2\n\nIt may have been moved or renamed. "
               "Relink the film to the file's new place.")
                .arg(name, QDir::toNativeSeparators(status.absolutePath)),
            true);
        break;
    case db::MediaStatus::State::None:
        m_player->showMissing(tr("No media file is attached to %1.\nAttach one with "
                                 "\"modalscope-cli media attach\".")
                                  .arg(name),
                              false);
        break;
    }

    if (const core::SubtitleSource source = m_document->subtitleSource(*film); source.isEmpty())
        showSubtitles({}, tr("No subtitle file for %1").arg(name));
    else
        readSubtitles(source);
}

void FilmSession::readSubtitles(const core::SubtitleSource &source)
{
    const QString name = source.displayName();
    const quint64 generation = m_subtitleRead;
    m_subtitlesLoaded = false;
    m_cues.clear();
    m_player->setSubtitles({});
    m_timeline->setSubtitles({});
    m_subtitles->setCues({}, tr("Reading %1\u2026").arg(name));
    auto *watcher = new QFutureWatcher<SubtitleRead>(this);
    connect(watcher, &QFutureWatcher<SubtitleRead>::finished, this,
            [this, watcher, generation, name] {
                watcher->deleteLater();
                if (generation != m_subtitleRead)
                    return;
                const SubtitleRead read = watcher->result();
                if (!read.error.isEmpty())
                    showSubtitles({}, read.error);
                else
                    showSubtitles(read.cues, tr("%1 (%n cue(s))", nullptr, int(read.cues.size()))
                                                 .arg(name));
            });
    watcher->setFuture(QtConcurrent::run([source] {
        const QString &path = source.path;
        SubtitleRead read;
        try {
            read.cues = source.read().cues;
        } catch (const core::UserError &e) {
            read.error = e.message();
        } catch (const std::exception &e) {
            read.error = QStringLiteral("%1: %2").arg(path, QString::fromLocal8Bit(e.what()));
        }
        return read;
    }));
}

void FilmSession::showSubtitles(QList<core::SubtitleCue> cues, const QString &source)
{
    m_cues = std::move(cues);
    m_subtitles->setCues(m_cues, source);
    // Read after the playhead moved: show the cue under it.
    m_subtitles->setPosition(m_timeline->position());
    m_player->setSubtitles(m_cues);
    m_timeline->setSubtitles(m_cues);
    m_subtitlesLoaded = true;
    emit subtitlesLoaded();
}

void FilmSession::rebuildClips()
{
    QList<TimelineWidget::Clip> clips;
    if (m_document && m_filmId > 0) {
        QHash<QString, core::Annotation> byClip;
        for (core::Annotation &a : m_document->effectiveAnnotations())
            byClip.insert(a.clipName, std::move(a));
        const core::Taxonomy &tax = m_document->taxonomy();
        for (const core::Clip &c : m_document->clips()) {
            if (c.filmId != m_filmId || !c.startMs || !c.endMs)
                continue;
            TimelineWidget::Clip t;
            t.id = c.id;
            t.startMs = *c.startMs;
            t.endMs = *c.endMs;
            t.name = c.name;
            if (auto it = byClip.constFind(c.name); it != byClip.cend()) {
                t.level = it->level;
                for (const QString &conceptName : it->concepts)
                    if (const core::Concept *k = tax.find(conceptName); k && k->modality)
                        t.modalities |= quint8(1u << unsigned(*k->modality));
            }
            clips.append(t);
        }
    }
    m_timeline->setClips(clips);
}

bool FilmSession::relink(const QString &path, bool force)
{
    m_lastError.clear();
    const core::Film *film = m_document ? m_document->film(filmId()) : nullptr;
    if (!film) {
        m_lastError = tr("No film is shown to relink.");
        return false;
    }
    try {
        m_document->relinkFilm(film->movieId, path, force);
    } catch (const core::UserError &e) {
        m_lastError = e.message();
        return false;
    }
    loadFilm(m_filmId);
    showClip(m_shownClip);
    return true;
}

void FilmSession::startWaveform(const QString &path, const QString &fingerprint)
{
    m_waveformComplete = false;
    // An empty pyramid says "computing" until the first partial result.
    m_timeline->setWaveform(std::make_shared<core::WaveformPyramid>());
    m_waveJob = m_jobs->start(std::make_unique<core::WaveformJob>(path, fingerprint),
                              QStringLiteral("waveform"));
}

void FilmSession::cancelWaveform()
{
    if (!m_waveJob)
        return;
    m_jobs->cancel(m_waveJob);
    // Ended now: what the cancelled job still says is not for this film.
    waveformEnded(core::JobOutcome::cancelled());
}

void FilmSession::waveformEnded(const core::JobOutcome &outcome)
{
    m_waveJob = 0;
    // A failure is said by the job view; the lane stays empty.
    if (outcome.isDone())
        m_timeline->setWaveform(outcome.result.value<core::WaveformJob::Pyramid>());
    m_waveformComplete = true;
    emit waveformDone();
}

} // namespace ms::ui
