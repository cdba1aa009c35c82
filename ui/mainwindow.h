#pragma once

#include "core/obygazereader.h"
#include "ui/settings.h"

#include "core/jobs/jobrunner.h"
#include "database/explanationrepository.h"
#include "ui/timelineoverlay.h"

#include <QMainWindow>
#include <functional>
#include <memory>

class QAction;
class QComboBox;
class QDockWidget;
class QLabel;
class QMenu;
class QProgressBar;
class QSplitter;
class QThread;
class QToolButton;

namespace ms::models {
}

namespace ms::ui {

class AnnotationController;
class AnnotationPanel;
class ClipBrowser;
class ClipTableModel;
class ExplanationPanel;
class PlayerWidget;
class ProjectDocument;
class RunsView;
class StatisticsView;
class SubtitleList;
class TimelineWidget;
class TrainingPanel;

// The main window: the player top-left and the subtitle list top-right, the
// timeline across the bottom, and the clip browser and annotation panel in
// docks (more panels dock beside them through addPanelDock()).
//
// The current clip drives everything: its film is loaded in the player (or a
// Relink... message shown when the file moved), its subtitles in the list,
// its film's clips in the timeline, and the film's waveform is computed by a
// core::WaveformJob on the window's JobRunner, filling the lane as it goes.
//
// Every operation a menu offers is a public method that returns false and
// sets lastError() instead of showing a dialog; only the menu slots show
// dialogs. Tests and the screenshot mode drive the methods directly.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    explicit MainWindow(Settings settings, QWidget *parent = nullptr);
    ~MainWindow() override;

    // On failure the project open before stays open and unchanged.
    bool openProject(const QString &path);
    bool newProject(const QString &path);
    void closeProject();
    // Imports as annotator "obygaze" (ObyGaze tables) or "import" (Modalscope
    // CSV), like the CLI; lastReport() then says what changed.
    bool importAnnotations(const QString &path, const QString &format, core::NotSureRule rule);
    bool exportSplits(const QString &folder, int folds, quint64 seed);

    QString lastError() const { return m_lastError; }
    QString lastReport() const { return m_lastReport; }

    // The name written with the GUI's annotations; asked once when empty.
    QString annotator() const;
    void setAnnotator(const QString &name);

    Settings &settings() { return m_settings; }
    ProjectDocument *document() const { return m_document.get(); }
    AnnotationController *controller() const { return m_controller; }
    ClipBrowser *clipBrowser() const { return m_browser; }
    AnnotationPanel *annotationPanel() const { return m_panel; }
    ClipTableModel *clipModel() const { return m_model; }
    PlayerWidget *player() const { return m_player; }
    TimelineWidget *timeline() const { return m_timeline; }
    SubtitleList *subtitleList() const { return m_subtitles; }
    QDockWidget *browserDock() const { return m_browserDock; }
    QDockWidget *annotationDock() const { return m_panelDock; }
    TrainingPanel *trainingPanel() const { return m_training; }
    QDockWidget *trainingDock() const { return m_trainingDock; }
    // The device LibTorch trains on, as the status bar shows it.
    QString deviceText() const;

    // The docking hook for further panels (the training panel): docks
    // `panel` in `area`, tabbed with the annotation panel when on the right,
    // and lists it in the View menu. The window owns the dock.
    QDockWidget *addPanelDock(QWidget *panel, const QString &title,
                              Qt::DockWidgetArea area = Qt::RightDockWidgetArea);

    // The film shown in the player and the timeline (0 for none).
    qint64 currentFilmId() const { return m_filmId; }
    // Points the current film at its moved media file and reloads it.
    bool relinkCurrentFilm(const QString &path, bool force = false);
    // A model run's explanations on the timeline (empty: no overlay lanes).
    void setOverlay(const TimelineOverlay &overlay);
    // The "Run:" chooser above the timeline: the project's stored
    // explanation sets. Choosing one (0: none) draws its lanes for the shown
    // film and fills the explanation panel for the selected clip.
    void refreshExplanationSets();
    bool showExplanationSet(qint64 setId);
    qint64 currentExplanationSet() const { return m_set ? m_set->id : 0; }
    // Selects the clip named `name` (false and lastError() when unknown).
    bool selectClipByName(const QString &name);
    QComboBox *runChooser() const { return m_runChooser; }
    ExplanationPanel *explanationPanel() const { return m_explanation; }
    QDockWidget *explanationDock() const { return m_explanationDock; }
    bool isWaveformComplete() const { return m_waveformComplete; }
    void cancelWaveform();
    void showStatistics();
    StatisticsView *statisticsView() const { return m_statistics; }
    void showRuns();
    RunsView *runsView() const { return m_runsView; }

    // Explains a stored run in a worker thread (models::ExplanationJob):
    // progress and Cancel in the status bar, the window stays responsive;
    // when done the set is stored, listed in the Run chooser and shown.
    // False (and lastError()) without a project or while one is running.
    bool explainRun(qint64 runId, const QString &baseline = QStringLiteral("mean"));
    bool isExplaining() const;
    void cancelExplanation();
    // Extracts the features of one film (`movieId`) or of every film (empty)
    // in a worker thread (models::ExtractionJob), with progress and
    // Cancel in the status bar; nothing current is extracted again.
    bool extractFeatures(const QString &movieId, core::ModalitySet modalities);
    bool isExtracting() const;
    void cancelExtraction();

signals:
    // The waveform of the current film is complete (or could not be made).
    void waveformDone();
    // An explanation started by explainRun() ended: the stored set's id, or
    // 0 when it was cancelled or failed (lastError() says why).
    void explanationDone(qint64 setId);
    // An extraction started by extractFeatures() ended: the report in words
    // (or why it failed); `ok` false when it failed or was cancelled.
    void extractionDone(const QString &report, bool ok);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createMenus();
    void setDocument(std::unique_ptr<ProjectDocument> document);
    void updateTitle();
    void updateStatus();
    void updateActions();
    void rebuildRecentMenu();
    QString ensureAnnotator();
    bool fail(const QString &message);

    void newProjectDialog();
    void openProjectDialog();
    void importDialog();
    void exportDialog();
    void showError(const QString &title, const QString &message);
    void relinkDialog();
    void explainDialog();
    void extractDialog();

    void showClip(qint64 clipId);
    void loadFilm(qint64 filmId);
    void rebuildTimelineClips();
    void startWaveform(const QString &path, const QString &fingerprint);
    void setWaveformBusy(bool busy);
    void waveformEnded(const core::JobOutcome &outcome);
    void explanationEnded(const core::JobOutcome &outcome);
    void extractionEnded(const core::JobOutcome &outcome);
    void trainingEnded();
    void rebuildOverlay();
    void updateExplanation();
    // Player keys act unless a text field has the keyboard.
    bool typing() const;
    QAction *addKeyAction(const QString &text, const QKeySequence &key,
                          const std::function<void()> &slot);

    Settings m_settings;
    std::unique_ptr<ProjectDocument> m_document;
    AnnotationController *m_controller;
    ClipTableModel *m_model;
    ClipBrowser *m_browser;
    AnnotationPanel *m_panel;
    PlayerWidget *m_player;
    SubtitleList *m_subtitles;
    TimelineWidget *m_timeline;
    QLabel *m_legend;
    QSplitter *m_mainSplitter;
    QSplitter *m_workSplitter;
    QDockWidget *m_browserDock;
    QDockWidget *m_panelDock;
    StatisticsView *m_statistics = nullptr;
    RunsView *m_runsView = nullptr;
    QComboBox *m_runChooser = nullptr;
    ExplanationPanel *m_explanation = nullptr;
    QDockWidget *m_explanationDock = nullptr;
    std::optional<db::ExplanationSet> m_set;
    std::vector<db::ClipExplanation> m_explained;
    QHash<QString, int> m_explainedIndex; // clip name -> index in m_explained
    TrainingPanel *m_training;
    QDockWidget *m_trainingDock = nullptr;
    QLabel *m_deviceStatus;
    // A project opened while training runs: the panel follows once it ends.
    QString m_pendingTrainingProject;
    QMenu *m_viewMenu = nullptr;
    QList<QAction *> m_playerActions;
    qint64 m_filmId = 0;
    qint64 m_shownClip = 0;

    // Every long piece of work (waveform, explanation, extraction) runs as a
    // job on this runner; the ids say which of its reports are ours.
    core::JobRunner *m_jobs;
    core::JobRunner::JobId m_explainJob = 0;
    QProgressBar *m_explainProgress = nullptr;
    QToolButton *m_explainCancel = nullptr;
    core::JobRunner::JobId m_extractJob = 0;
    QProgressBar *m_extractProgress = nullptr;
    QToolButton *m_extractCancel = nullptr;
    core::JobRunner::JobId m_waveJob = 0;
    bool m_waveformComplete = false;
    QProgressBar *m_waveProgress;
    QToolButton *m_waveCancel;

    QLabel *m_statusCounts;
    QString m_lastError;
    QString m_lastReport;

    QAction *m_newAction = nullptr;
    QAction *m_openAction = nullptr;
    QAction *m_importAction = nullptr;
    QAction *m_exportAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_undoAction = nullptr;
    QAction *m_redoAction = nullptr;
    QAction *m_nextUnannotatedAction = nullptr;
    QAction *m_clearAction = nullptr;
    QAction *m_changeAnnotatorAction = nullptr;
    QList<QAction *> m_levelActions;
    QMenu *m_recentMenu = nullptr;
};

} // namespace ms::ui
