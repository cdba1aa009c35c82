#pragma once

#include "core/jobs/jobrunner.h"
#include "database/explanationrepository.h"
#include "database/rationalereader.h"

#include <QHash>
#include <QObject>
#include <optional>
#include <vector>

namespace ms::ui {

class ExplanationPanel;
class RunChooser;
class ProjectDocument;
class TimelineWidget;

// Which model run's explanations are shown, and where: the RunChooser above
// the timeline lists the project's stored explanation sets, the chosen set's lanes are
// drawn on the timeline for the film shown (OverlayBuilder), and the
// explanation panel shows the selected clip's numbers or says why there are
// none.
//
// Design: the set and its clips are read once when chosen, through the
// document's connection (ProjectDocument::explanationSets() and
// explanationClips()), and indexed by clip name; changing film or clip only
// rebuilds from that. Explaining a run (a models::ExplanationJob on the
// window's runner, with its own connection) ends here too, as its result is
// a new set to list and show.
class ExplanationSession : public QObject
{
    Q_OBJECT
public:
    // `jobs` runs the explanations (it must outlive the session).
    ExplanationSession(RunChooser *chooser, TimelineWidget *timeline, ExplanationPanel *panel,
                       core::JobRunner *jobs, QObject *parent = nullptr);

    // Shows no set and lists the new document's sets.
    void setDocument(ProjectDocument *document);
    // The film whose lanes are drawn (0: none).
    void setFilm(qint64 filmId);
    // The clip the explanation panel explains (0: none).
    void setClip(qint64 clipId);
    // Reads the stored sets again (after "modalscope-cli explain"), keeping
    // the shown one when it is still there.
    void refresh();
    // 0 shows none; false and lastError() for a set the project lacks.
    bool showSet(qint64 setId);
    qint64 currentSet() const { return m_set ? m_set->id : 0; }
    // The shown set's explanation of a clip, nullptr when it has none.
    const db::ClipExplanation *explanation(const QString &clipName) const;
    QString lastError() const { return m_lastError; }
    // The shown set's rationale agreement (issue 16), nullopt without one.
    const std::optional<db::RationaleReport> &rationale() const { return m_rationale; }

    // Explains a stored run in the background; when done the set is listed
    // and shown. False (and lastError()) without a project or while one runs.
    bool explainRun(qint64 runId, const QString &baseline);
    bool isExplaining() const { return m_explainJob != 0; }
    void cancelExplanation();

signals:
    // The run's set id, or 0 when cancelled or failed; `text` says which.
    void explanationDone(qint64 setId, const QString &text);
    // For the status bar.
    void message(const QString &text, int timeoutMs);

private:
    // One read of the stored sets per action: refresh() and the end of an
    // explanation read them once and show `wanted` from that list.
    void refreshShowing(qint64 wanted);
    bool show(const QList<db::ExplanationSet> &sets, qint64 setId);
    void rebuildOverlay();
    void updatePanel();
    void explainEnded(const core::JobOutcome &outcome);

    RunChooser *m_chooser;
    TimelineWidget *m_timeline;
    ExplanationPanel *m_panel;
    ProjectDocument *m_document = nullptr;
    qint64 m_filmId = 0;
    qint64 m_clipId = 0;
    std::optional<db::ExplanationSet> m_set;
    std::vector<db::ClipExplanation> m_explained;
    QHash<QString, int> m_explainedIndex; // clip name -> index in m_explained
    // Read again when an annotation changes (the experts' modalities move).
    void computeRationale();
    std::optional<db::RationaleReport> m_rationale;
    QString m_rationaleError;
    QString m_lastError;

    core::JobRunner *m_jobs;
    core::JobRunner::JobId m_explainJob = 0; // 0: none running
};

} // namespace ms::ui
