#include "ui/segmentationsession.h"

#include "core/error.h"
#include "core/segmentationjob.h"
#include "core/segmenter.h"
#include "ui/clipeditor.h"
#include "ui/projectdocument.h"
#include "ui/timeline/timelinewidget.h"

namespace ms::ui {

SegmentationSession::SegmentationSession(core::JobRunner *jobs, TimelineWidget *timeline,
                                         ClipEditor *editor,
                                         std::function<QList<core::SubtitleCue>()> cues,
                                         QObject *parent)
    : QObject(parent), m_jobs(jobs), m_timeline(timeline), m_editor(editor), m_cues(std::move(cues))
{
    connect(m_jobs, &core::JobRunner::finished, this,
            [this](core::JobRunner::JobId id, const core::JobOutcome &outcome) {
                if (id == m_job)
                    detectionEnded(outcome);
            });
}

void SegmentationSession::setDocument(ProjectDocument *document)
{
    m_document = document;
    setFilm(0);
}

void SegmentationSession::setFilm(qint64 filmId)
{
    if (filmId == m_filmId && m_document)
        return;
    cancelDetection();
    m_filmId = filmId;
    m_scores.reset();
    setProposal({});
}

bool SegmentationSession::fail(const QString &message)
{
    m_lastError = message;
    emit this->message(message);
    return false;
}

void SegmentationSession::setProposal(QList<core::TimeRange> ranges)
{
    m_proposal = std::move(ranges);
    m_timeline->setProposal(m_proposal);
    emit proposalChanged(int(m_proposal.size()));
}

void SegmentationSession::cancelDetection()
{
    if (!m_job)
        return;
    m_jobs->cancel(m_job);
    m_job = 0;
    emit detectingChanged(false);
}

bool SegmentationSession::propose(const Parameters &parameters)
{
    m_lastError.clear();
    m_parameters = parameters;
    const core::Film *film = m_document && m_filmId ? m_document->film(m_filmId) : nullptr;
    if (!film)
        return fail(tr("No film is shown: choose a film (or one of its clips) first."));
    const QString name = film->title.isEmpty() ? film->movieId : film->title;
    try {
        switch (parameters.method) {
        case Method::Shots: {
            if (m_scores) {
                setProposal(core::Segmenter::fromCuts(
                    core::ShotDetector::cuts(*m_scores, parameters.sensitivity,
                                             parameters.minLengthMs),
                    m_scores->durationMs));
                emit message(
                    tr("%n clip(s) proposed from the shots of %1.", nullptr, int(m_proposal.size()))
                        .arg(name));
                return true;
            }
            if (m_job)
                return true; // proposes when the detection ends
            const db::MediaStatus media = m_document->mediaStatus(*film);
            if (media.state != db::MediaStatus::State::Ok &&
                media.state != db::MediaStatus::State::Changed)
                return fail(tr("%1 has no media file to detect shots in; attach or relink it "
                               "first.")
                                .arg(name));
            m_job = m_jobs->start(std::make_unique<core::SegmentationJob>(media.absolutePath, name),
                                  QStringLiteral("segmentation"));
            emit detectingChanged(true);
            emit message(tr("Detecting the shots of %1\u2026").arg(name));
            return true;
        }
        case Method::Fixed: {
            const qint64 duration = m_timeline->duration();
            if (duration <= 0)
                return fail(
                    tr("The length of %1 is not known (no media file attached).").arg(name));
            setProposal(core::Segmenter::fixedLength(duration, parameters.lengthMs,
                                                     parameters.lengthMs / 2));
            break;
        }
        case Method::Cues: {
            const QList<core::SubtitleCue> cues = m_cues ? m_cues() : QList<core::SubtitleCue>();
            if (cues.isEmpty())
                return fail(tr("%1 has no subtitles shown to cut by; attach a subtitle file "
                               "first.")
                                .arg(name));
            setProposal(core::Segmenter::byCues(cues, parameters.gapMs, m_timeline->duration()));
            break;
        }
        }
    } catch (const core::UserError &e) {
        return fail(e.message());
    }
    emit message(tr("%n clip(s) proposed for %1.", nullptr, int(m_proposal.size())).arg(name));
    return true;
}

void SegmentationSession::detectionEnded(const core::JobOutcome &outcome)
{
    m_job = 0;
    emit detectingChanged(false);
    if (outcome.isDone()) {
        m_scores = outcome.result.value<core::ShotDetector::Scores>();
        propose(m_parameters);
    } else if (outcome.isFailed()) {
        fail(outcome.message);
    } else {
        emit message(tr("Shot detection cancelled; nothing was proposed."));
    }
}

QList<qint64> SegmentationSession::accept()
{
    m_lastError.clear();
    if (!m_document || m_proposal.isEmpty()) {
        fail(tr("There is no proposal to accept."));
        return {};
    }
    // Proposed clips over existing ones are left out, not forced in.
    QList<core::TimeRange> kept;
    for (const core::TimeRange &r : std::as_const(m_proposal)) {
        bool clear = true;
        if (!m_document->clipsMayOverlap())
            for (const core::Clip &c : m_document->clips())
                if (c.filmId == m_filmId && c.startMs && c.endMs &&
                    *c.startMs<r.endMs && * c.endMs> r.startMs)
                    clear = false;
        if (clear)
            kept.append(r);
    }
    const qsizetype left = m_proposal.size() - kept.size();
    if (kept.isEmpty()) {
        fail(tr("Every proposed clip overlaps a clip the film already has; nothing was made."));
        return {};
    }
    static const char *methods[] = {QT_TR_NOOP("shots"), QT_TR_NOOP("fixed length"),
                                    QT_TR_NOOP("subtitles")};
    const QList<qint64> ids =
        m_editor->createMany(m_filmId, kept,
                             tr("Segment into %n clip(s) (%1)", nullptr, int(kept.size()))
                                 .arg(tr(methods[int(m_parameters.method)])));
    if (ids.isEmpty()) {
        fail(m_editor->lastError());
        return {};
    }
    m_lastReport = tr("%n clip(s) made.", nullptr, int(ids.size()));
    if (left > 0)
        m_lastReport += QLatin1Char(' ') +
                        tr("%n proposed clip(s) overlapped clips the film already has and were "
                           "left out.",
                           nullptr, int(left));
    setProposal({});
    emit message(m_lastReport);
    return ids;
}

void SegmentationSession::discard()
{
    cancelDetection();
    setProposal({});
}

} // namespace ms::ui
