#pragma once

#include "core/jobs/jobrunner.h"
#include "core/modality.h"
#include "core/formats/formatoption.h"
#include "core/labelrule.h"
#include "core/obygazereader.h"
#include "ui/settings.h"

#include <QMainWindow>
#include <memory>
#include <optional>

class QComboBox;
class QDockWidget;

namespace ms::ui {

class AdjudicationView;
class AgreementView;
class LabelRuleMenu;
class AnnotationController;
class AnnotationPanel;
class ClipBrowser;
class ClipEditor;
class ClipSession;
class SegmentationDialog;
class SegmentationSession;
class ClipTableModel;
class ExplanationPanel;
class ExplanationSession;
class FeatureExtraction;
class FilmImport;
class FilmSession;
class MainActions;
class MainDialogs;
class MainStatusBar;
class ModelAssistSession;
class PlayerWidget;
class ProjectBanner;
class ProjectDocument;
class ProjectOperations;
class RunChooser;
class RunsView;
class StatisticsView;
class SubtitleList;
class TeamSyncController;
class TimelineWidget;
class TrainingPanel;

// The main window: the player top-left and the subtitle list top-right, the
// timeline across the bottom, and the clip browser and annotation panel in
// docks (more panels dock beside them through addPanelDock()).
//
// Design: the window wires parts and owns the project; each part does one
// job. MainActions holds the menus and keys, MainStatusBar the counts, the
// device and the long work with Cancel, FilmSession the film on screen
// (media, waveform, subtitles, relinking, the timeline's clips) and
// ExplanationSession the run shown (the Run chooser, the overlay lanes, the
// explanation panel). The current clip drives the sessions.
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
    bool importAnnotations(const QString &path, const QString &format,
                           const core::FormatOptionValues &options);
    // `rule` none: the view's label rule (View > Labels From).
    bool exportSplits(const QString &folder, int folds, quint64 seed,
                      const std::optional<core::LabelRule> &rule = std::nullopt);

    QString lastError() const { return m_lastError; }
    QString lastReport() const;

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
    MainActions *actions() const { return m_actions; }
    MainStatusBar *mainStatusBar() const { return m_status; }
    MainDialogs *dialogs() const { return m_dialogs; }
    // Runs every long piece of work; the status bar follows it.
    core::JobRunner *jobRunner() const { return m_jobs; }
    TeamSyncController *teamSync() const { return m_team; }
    FilmSession *filmSession() const { return m_film; }
    // Add Films and films dropped on the window.
    FilmImport *filmImport() const { return m_filmImport; }
    ExplanationSession *explanationSession() const { return m_explanations; }
    // Clips made, split, merged, deleted by hand (Film menu, clips lane).
    ClipEditor *clipEditor() const { return m_clipEditor; }
    ClipSession *clipSession() const { return m_clips; }
    // Film > Segment Film into Clips (the dialog exists once asked for).
    SegmentationSession *segmentationSession() const { return m_segmentation; }
    SegmentationDialog *segmentationDialog() const { return m_segmentDialog; }

    // The docking hook for further panels (the training panel): docks
    // `panel` in `area`, tabbed with the annotation panel when on the right,
    // and lists it in the View menu. The window owns the dock.
    QDockWidget *addPanelDock(QWidget *panel, const QString &title,
                              Qt::DockWidgetArea area = Qt::RightDockWidgetArea);

    // Above the player: says when the project cannot take edits (read-only,
    // or its file gone while open; issue 17), hidden otherwise.
    ProjectBanner *projectBanner() const { return m_banner; }
    // Writes a copy of the open project to `path` (a new file), also when
    // the file it was opened from is gone; false and lastError() on failure.
    bool saveProjectCopy(const QString &path);

    // Points the current film at its moved media file and reloads it.
    bool relinkCurrentFilm(const QString &path, bool force = false);
    // The "Run:" chooser above the timeline: the project's stored
    // explanation sets. Choosing one (0: none) draws its lanes for the shown
    // film and fills the explanation panel for the selected clip.
    void refreshExplanationSets();
    bool showExplanationSet(qint64 setId);
    qint64 currentExplanationSet() const;
    // Selects the clip named `name` (false and lastError() when unknown).
    bool selectClipByName(const QString &name);
    QComboBox *runChooser() const;
    ExplanationPanel *explanationPanel() const { return m_explanation; }
    QDockWidget *explanationDock() const { return m_explanationDock; }
    // The shown film's waveform and subtitles are in (a screenshot waits).
    bool isFilmReady() const;
    void showStatistics();
    StatisticsView *statisticsView() const { return m_statistics; }
    // Created by View > Inter-annotator Agreement (nullptr before).
    AgreementView *agreementView() const { return m_agreement; }
    // View > Adjudicate Disagreements (created on first use) and View >
    // Labels From (issue 14).
    void showAdjudication();
    AdjudicationView *adjudicationView() const { return m_adjudication; }
    LabelRuleMenu *labelRuleMenu() const { return m_labelRules; }
    void showRuns();
    RunsView *runsView() const { return m_runsView; }
    // Issue 16: the Annotate Next dock (N follows its queue once a run is
    // chosen) and View > Rationale Agreement.
    ModelAssistSession *modelAssist() const { return m_assist; }

    // Explains a stored run in the background (ExplanationSession):
    // progress and Cancel in the status bar, the window stays responsive;
    // when done the set is stored, listed in the Run chooser and shown.
    // False (and lastError()) without a project or while one is running.
    bool explainRun(qint64 runId, const QString &baseline = QStringLiteral("mean"));
    // Extracts the features of one film (`movieId`) or of every film (empty)
    // in the background (FeatureExtraction), with progress and
    // Cancel in the status bar; nothing current is extracted again.
    bool extractFeatures(const QString &movieId, core::ModalitySet modalities);
    bool isExtracting() const;
    void cancelExtraction();

signals:
    // An explanation started by explainRun() ended: the stored set's id, or
    // 0 when it was cancelled or failed (lastError() says why).
    void explanationDone(qint64 setId);
    // An extraction started by extractFeatures() ended: the report in words
    // (or why it failed); `ok` false when it failed or was cancelled.
    void extractionDone(const QString &report, bool ok);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createDocks();
    void connectActions();
    // On failure the project open before stays open and unchanged.
    bool open(const QString &path, bool create);
    void setDocument(std::unique_ptr<ProjectDocument> document);
    void updateTitle();
    void updateStatus();
    void updateActions();
    QString ensureAnnotator();
    bool fail(const QString &message);

    void trainingEnded();

    Settings m_settings;
    std::unique_ptr<ProjectDocument> m_document;
    AnnotationController *m_controller;
    ClipTableModel *m_model;
    ClipBrowser *m_browser;
    AnnotationPanel *m_panel;
    PlayerWidget *m_player;
    SubtitleList *m_subtitles;
    TimelineWidget *m_timeline;
    // Every long piece of work (waveform, explanation, extraction, training).
    core::JobRunner *m_jobs;
    RunChooser *m_runChooser = nullptr;
    MainStatusBar *m_status;
    MainDialogs *m_dialogs;
    // Import and export (lastReport() is its report).
    ProjectOperations *m_operations;
    FilmSession *m_film = nullptr;
    ExplanationSession *m_explanations = nullptr;
    MainActions *m_actions = nullptr;
    QDockWidget *m_browserDock = nullptr;
    QDockWidget *m_panelDock = nullptr;
    StatisticsView *m_statistics = nullptr;
    AgreementView *m_agreement = nullptr;
    AdjudicationView *m_adjudication = nullptr;
    LabelRuleMenu *m_labelRules = nullptr;
    RunsView *m_runsView = nullptr;
    ExplanationPanel *m_explanation = nullptr;
    QDockWidget *m_explanationDock = nullptr;
    TrainingPanel *m_training = nullptr;
    QDockWidget *m_trainingDock = nullptr;
    // A project opened while training runs: the panel follows once it ends.
    QString m_pendingTrainingProject;

    FeatureExtraction *m_extraction = nullptr;
    FilmImport *m_filmImport = nullptr;
    ClipEditor *m_clipEditor = nullptr;
    ClipSession *m_clips = nullptr;
    SegmentationSession *m_segmentation = nullptr;
    SegmentationDialog *m_segmentDialog = nullptr;
    // Background sync with the team server of a linked project.
    TeamSyncController *m_team = nullptr;
    ModelAssistSession *m_assist = nullptr;

    ProjectBanner *m_banner = nullptr;

    QString m_lastError;
};

} // namespace ms::ui
