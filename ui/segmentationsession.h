#pragma once

#include "core/jobs/jobrunner.h"
#include "core/shotdetector.h"
#include "core/subtitlecue.h"
#include "core/timerange.h"

#include <QObject>
#include <QPointer>
#include <functional>
#include <optional>

namespace ms::ui {

class ClipEditor;
class ProjectDocument;
class TimelineWidget;

// Segmenting the shown film into clips in the window: a proposal on the
// timeline's Proposal lane, then the clips made in one undoable step.
//
// Design: shot detection decodes the film once, as a core::SegmentationJob
// on the window's runner (progress and Cancel in the status bar); its
// scores are kept for the film, so a change of sensitivity or minimum
// length proposes again at once, without decoding. Fixed lengths and
// subtitle cues need no job. Nothing is written before accept(), which goes
// through ClipEditor::createMany (one undo step); a proposed clip that would
// overlap an existing clip of the film is left out (unless clips may
// overlap), and the message says how many.
class SegmentationSession : public QObject
{
    Q_OBJECT
public:
    enum class Method { Shots, Fixed, Cues };
    struct Parameters
    {
        Method method = Method::Shots;
        double sensitivity = 0.5;  // shots: 0 (clear cuts only) to 1
        qint64 minLengthMs = 1000; // shots: the shortest clip
        qint64 lengthMs = 60000;   // fixed
        qint64 gapMs = 0;          // cues: cues closer than this share a clip
    };

    // `cues` gives the shown film's subtitles (FilmSession::cues).
    SegmentationSession(core::JobRunner *jobs, TimelineWidget *timeline, ClipEditor *editor,
                        std::function<QList<core::SubtitleCue>()> cues, QObject *parent = nullptr);

    void setDocument(ProjectDocument *document);
    // The film shown; another film drops the proposal and the kept scores.
    void setFilm(qint64 filmId);
    qint64 filmId() const { return m_filmId; }

    // Proposes clips for the shown film. Shots without kept scores start
    // the detection and propose when it ends (proposalChanged). False and
    // lastError() when it cannot (no film, no media, no subtitles).
    bool propose(const Parameters &parameters);
    bool isDetecting() const { return m_job != 0; }
    void cancelDetection();
    bool hasScores() const { return m_scores.has_value(); }
    const QList<core::TimeRange> &proposal() const { return m_proposal; }
    // Makes the proposed clips (one undo step); returns their ids (empty,
    // with lastError(), when none could be made).
    QList<qint64> accept();
    void discard();

    QString lastError() const { return m_lastError; }
    QString lastReport() const { return m_lastReport; }

signals:
    void proposalChanged(int count);
    void detectingChanged(bool running);
    // For the status bar and the dialog: what happened, in words.
    void message(const QString &text);

private:
    bool fail(const QString &message);
    void setProposal(QList<core::TimeRange> ranges);
    void detectionEnded(const core::JobOutcome &outcome);

    core::JobRunner *m_jobs;
    TimelineWidget *m_timeline;
    ClipEditor *m_editor;
    std::function<QList<core::SubtitleCue>()> m_cues;
    QPointer<ProjectDocument> m_document;
    qint64 m_filmId = 0;
    Parameters m_parameters;
    std::optional<core::ShotDetector::Scores> m_scores; // of m_filmId
    core::JobRunner::JobId m_job = 0;
    QList<core::TimeRange> m_proposal;
    QString m_lastError, m_lastReport;
};

} // namespace ms::ui
