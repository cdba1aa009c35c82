#pragma once

#include "core/annotationqueue.h"
#include "core/jobs/jobrunner.h"
#include "database/annotationqueuebuilder.h"

#include <QHash>
#include <QPointer>
#include <QSet>
#include <QWidget>
#include <functional>
#include <optional>

class QComboBox;
class QLabel;
class QTableWidget;

namespace ms::ui {

class ProjectDocument;

// Annotate Next (issue 16): the clips waiting for an expert, ordered by a
// run's uncertainty, its attribution errors or the gap between annotators
// and model (db::AnnotationQueueBuilder). The user chooses the run, the
// order and which clips wait (not annotated by me, by nobody, or not yet
// adjudicated); once a run is chosen, N in the window follows the queue
// (nextClip()). The queue is built again whenever an annotation changes, so
// a clip just annotated leaves it. A run without test predictions or
// explanations says so in place of the list. Waiting clips the run never
// tested (nobody had annotated them) are scored by its stored models in the
// background (models::RunScoringJob) when ordering by uncertainty; the
// scores are kept per run for the session.
class AnnotationQueuePanel : public QWidget
{
    Q_OBJECT
public:
    enum class Pool { NotMine, Nobody, Unadjudicated };
    enum Column { RankColumn, ClipColumn, FilmColumn, KeyColumn, ReasonColumn };

    explicit AnnotationQueuePanel(QWidget *parent = nullptr);

    // Lists the document's runs (nullptr: none) and shows no queue.
    void setDocument(ProjectDocument *document);
    // Whose annotations "not annotated by me" means (the window's annotator).
    void setAnnotatorProvider(std::function<QString()> provider);
    // Where untested clips are scored (nullptr: they stay unranked).
    void setJobRunner(core::JobRunner *jobs);
    bool isScoring() const { return m_scoringJob != 0; }

    // 0: no queue (N goes to the next unannotated clip again). False for a
    // run the project lacks.
    bool chooseRun(qint64 runId);
    qint64 currentRun() const;
    void setOrder(core::QueueOrder order);
    core::QueueOrder order() const;
    void setPool(Pool pool);
    Pool pool() const;
    // Reads the runs again (after training or explaining), keeping the choice.
    void refreshRuns();
    // Builds the queue again.
    void refresh();

    // A run is chosen: N follows the queue.
    bool isActive() const { return currentRun() > 0; }
    // The queue's clip after `currentClip` when it is in the queue, else the
    // first; 0 when the queue is empty (message() says why).
    qint64 nextClip(qint64 currentClip) const;
    // The queue's clips in order.
    QList<qint64> clips() const;
    const std::optional<db::QueueReport> &report() const { return m_report; }
    // Why the list is empty, or what it is ("4 clips not annotated by ...").
    QString message() const;

    QComboBox *runChooser() const { return m_run; }
    QComboBox *orderChooser() const { return m_order; }
    QComboBox *poolChooser() const { return m_pool; }
    QTableWidget *table() const { return m_table; }

signals:
    // A row activated (double-click, Enter): the window shows the clip.
    void clipActivated(qint64 clipId);
    // The queue was built again (or dropped).
    void queueChanged();

private:
    void fill();
    void scoreUntested();
    void scoringEnded(const core::JobOutcome &outcome);

    // Scores of clips a run never tested, by run id.
    struct ModelScores
    {
        QHash<QString, double> scores;
        QSet<QString> tried;
        int folds = 0;
        QString error;
    };
    QHash<qint64, ModelScores> m_modelScores;
    core::JobRunner *m_jobs = nullptr;
    core::JobRunner::JobId m_scoringJob = 0;
    qint64 m_scoringRun = 0;

    QPointer<ProjectDocument> m_document;
    std::function<QString()> m_annotator;
    std::optional<db::QueueReport> m_report;
    QString m_error;
    QComboBox *m_run, *m_order, *m_pool;
    QLabel *m_summary;
    QTableWidget *m_table;
};

} // namespace ms::ui
