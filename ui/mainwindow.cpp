#include "ui/mainwindow.h"

#include "core/error.h"
#include "models/torchruntime.h"
#include "ui/adjudicationview.h"
#include "ui/agreementview.h"
#include "ui/labelrulecombo.h"
#include "ui/labelrulemenu.h"
#include "ui/annotationcontroller.h"
#include "ui/annotationpanel.h"
#include "ui/clipbrowser.h"
#include "ui/clipeditor.h"
#include "ui/clipsession.h"
#include "ui/segmentationdialog.h"
#include "ui/segmentationsession.h"
#include "ui/cliptablemodel.h"
#include "ui/explanationpanel.h"
#include "ui/explanationsession.h"
#include "ui/featureextraction.h"
#include "ui/filmimport.h"
#include "ui/filmsession.h"
#include "ui/mainactions.h"
#include "ui/maindialogs.h"
#include "ui/mainstatusbar.h"
#include "ui/modelassistsession.h"
#include "ui/playerwidget.h"
#include "ui/projectbanner.h"
#include "ui/projectdocument.h"
#include "ui/projectoperations.h"
#include "ui/runchooser.h"
#include "ui/runsview.h"
#include "ui/statisticsview.h"
#include "ui/teamsynccontroller.h"
#include "ui/subtitlelist.h"
#include "ui/timeline/timelinewidget.h"
#include "ui/timelinearea.h"
#include "ui/trainingpanel.h"
#include "ui/waitcursor.h"

#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QVBoxLayout>
#include <QFileInfo>
#include <QLabel>
#include <QSplitter>
#include <QUndoStack>

namespace ms::ui {

MainWindow::MainWindow(QWidget *parent) : MainWindow(Settings(), parent) {}

MainWindow::MainWindow(Settings settings, QWidget *parent)
    : QMainWindow(parent), m_settings(std::move(settings)),
      m_controller(new AnnotationController(this)), m_model(new ClipTableModel(this)),
      m_browser(new ClipBrowser(m_model, this)), m_panel(new AnnotationPanel(m_controller, this)),
      m_player(new PlayerWidget(this)), m_subtitles(new SubtitleList(this)),
      m_timeline(new TimelineWidget(this)), m_jobs(new core::JobRunner(this)),
      m_status(new MainStatusBar(this)), m_dialogs(new MainDialogs(this)),
      m_operations(new ProjectOperations(m_controller, m_settings, this))
{
    m_controller->setAnnotatorProvider([this] { return ensureAnnotator(); });
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks);
    setStatusBar(m_status);
    m_actions = new MainActions(this, m_controller->undoStack(), m_settings);

    auto *mainSplitter = new QSplitter(Qt::Vertical, this);
    auto *workSplitter = new QSplitter(Qt::Horizontal, mainSplitter);
    workSplitter->addWidget(m_player);
    workSplitter->addWidget(m_subtitles);
    workSplitter->setStretchFactor(0, 3);
    workSplitter->setStretchFactor(1, 1);
    workSplitter->setChildrenCollapsible(false);
    mainSplitter->addWidget(workSplitter);
    auto *timelineArea = new TimelineArea(m_timeline, mainSplitter);
    m_runChooser = timelineArea->runChooser();
    mainSplitter->addWidget(timelineArea);
    mainSplitter->setStretchFactor(0, 3);
    mainSplitter->setStretchFactor(1, 2);
    mainSplitter->setSizes({470, 330});
    mainSplitter->setChildrenCollapsible(false);
    // The banner (read-only project, file gone) sits above the work area.
    auto *central = new QWidget(this);
    auto *centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(0, 0, 0, 0);
    centralLayout->setSpacing(0);
    m_banner = new ProjectBanner(central);
    centralLayout->addWidget(m_banner);
    centralLayout->addWidget(mainSplitter, 1);
    setCentralWidget(central);
    connect(m_banner, &ProjectBanner::saveCopyRequested, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Save a Copy of the Project"), m_settings.lastFolder(),
            tr("Modalscope projects (*.msproj)"));
        if (!path.isEmpty() && !saveProjectCopy(path))
            m_dialogs->showError(tr("Copy not saved"), m_lastError);
    });
    createDocks();

    // Every long piece of work runs on m_jobs; the status bar shows each
    // job with Cancel, before the parts report how theirs ended.
    m_status->followJobs(m_jobs);
    m_team = new TeamSyncController(m_status, this);
    // A team project is annotated under its member's name (the server
    // takes only the member's own annotations).
    connect(m_team, &TeamSyncController::annotatorRequested, this, [this](const QString &member) {
        const QString before = annotator();
        setAnnotator(member);
        m_status->showMessage(
            before.isEmpty()
                ? tr("Team project: you annotate as '%1', the member it belongs to.").arg(member)
                : tr("Team project: you annotate as '%1' (was '%2'), the member it belongs to.")
                      .arg(member, before),
            10000);
    });
    m_training->setJobRunner(m_jobs);
    m_film = new FilmSession(m_player, m_timeline, m_subtitles, m_jobs, this);
    m_explanations = new ExplanationSession(m_runChooser, m_timeline, m_explanation, m_jobs, this);
    connect(m_film, &FilmSession::filmChanged, m_explanations, &ExplanationSession::setFilm);
    connect(m_film, &FilmSession::message, m_status, &QStatusBar::showMessage);
    connect(m_explanations, &ExplanationSession::message, m_status, &QStatusBar::showMessage);
    connect(m_explanations, &ExplanationSession::explanationDone, this,
            [this](qint64 setId, const QString &text) {
                if (setId <= 0)
                    m_lastError = text;
                emit explanationDone(setId);
            });
    m_extraction = new FeatureExtraction(m_jobs, this);
    connect(m_extraction, &FeatureExtraction::message, m_status, &QStatusBar::showMessage);
    connect(m_extraction, &FeatureExtraction::ended, this, [this](const QString &text, bool ok) {
        if (!ok)
            m_lastError = text;
        emit extractionDone(text, ok);
    });
    m_filmImport = new FilmImport(
        m_jobs, [this] { return m_document.get(); }, this);
    m_filmImport->acceptDropsOn(this);
    connect(m_filmImport, &FilmImport::message, m_status, &QStatusBar::showMessage);
    m_status->showRuntime(models::TorchRuntime::initialise());
    // Clips by hand: one editor on the window's undo stack (ClipSession wires the keys).
    m_clipEditor = new ClipEditor(m_controller->undoStack(), this);
    m_clips = new ClipSession(m_clipEditor, m_actions, m_browser, m_timeline, m_film, m_player,
                              m_status, m_settings, this);
    // Segmentation: a proposal on the timeline, accepted in one undo step.
    m_segmentation = new SegmentationSession(
        m_jobs, m_timeline, m_clipEditor, [this] { return m_film->cues(); }, this);
    connect(m_film, &FilmSession::filmChanged, m_segmentation, &SegmentationSession::setFilm);
    connect(m_segmentation, &SegmentationSession::message, this,
            [this](const QString &text) { m_status->showMessage(text, 8000); });
    connect(m_actions, &MainActions::segmentRequested, this, [this] {
        if (!m_segmentDialog)
            m_segmentDialog = new SegmentationDialog(m_segmentation, this);
        m_segmentDialog->show();
        m_segmentDialog->raise();
    });

    connectActions();
    m_assist = new ModelAssistSession(this);
    connect(m_browser, &ClipBrowser::currentClipChanged, this, [this](qint64 id) {
        m_panel->setClip(id);
        m_explanations->setClip(id);
        m_film->showClip(id);
        updateActions();
    });
    connect(m_model, &ClipTableModel::countsChanged, this, &MainWindow::updateStatus);
    connect(m_operations, &ProjectOperations::imported, this, &MainWindow::updateStatus);
    connect(m_browser->filmFilter(), &QComboBox::currentIndexChanged, this,
            &MainWindow::updateStatus);
    // Undo and redo bring the clip they change into sight, as the user would
    // otherwise not see what Ctrl+Z did.
    connect(m_controller, &AnnotationController::clipReplayed, m_browser, &ClipBrowser::selectClip);
    connect(m_controller, &AnnotationController::errorOccurred, this,
            [this](const QString &message) {
                m_dialogs->showError(tr("Annotation not saved"), message);
            });
    connect(m_controller, &AnnotationController::notice, this,
            [this](const QString &message) { m_status->showMessage(message, 6000); });

    connect(m_player, &PlayerWidget::relinkRequested, m_dialogs, &MainDialogs::relinkFilm);
    // Playback that goes on without sound (or with FFmpeg's frames) says so
    // in the status bar: a lasting mark with the reason, and the message once.
    auto *soundMark = new QLabel(this);
    soundMark->setObjectName(QStringLiteral("playbackNote"));
    m_status->addPermanentWidget(soundMark);
    const auto showNote = [this, soundMark](const QString &note) {
        soundMark->setText(note.isEmpty() ? QString()
                           : m_player->isFfmpegFallback() || !m_player->mediaPlayer()
                               ? tr("No sound (FFmpeg frames)")
                               : tr("Muted: no audio output"));
        soundMark->setToolTip(note);
        soundMark->setVisible(!note.isEmpty());
        if (!note.isEmpty())
            m_status->showMessage(note, 15000);
    };
    connect(m_player, &PlayerWidget::playbackNoteChanged, this, showNote);
    showNote(m_player->playbackNote());
    connect(m_timeline, &TimelineWidget::clipActivated, m_browser, &ClipBrowser::selectClip);
    connect(m_timeline, &TimelineWidget::clipTimesEdited, m_controller,
            &AnnotationController::setClipTimes);

    resize(1400, 850);
    resizeDocks({m_browserDock, m_panelDock}, {270, 420}, Qt::Horizontal);
    if (const QByteArray g = m_settings.windowGeometry(); !g.isEmpty())
        restoreGeometry(g);
    if (const QByteArray s = m_settings.windowState(); !s.isEmpty())
        restoreState(s);
    updateTitle();
    updateStatus();
    updateActions();
    m_explanations->setDocument(nullptr);
}

MainWindow::~MainWindow()
{
    // Before the views go: no job may report into them any more.
    m_jobs->cancelAll();
    m_jobs->waitForIdle();
    // Views, sessions and the controller hold plain pointers to the document.
    m_film->setDocument(nullptr);
    m_explanations->setDocument(nullptr);
    m_controller->setDocument(nullptr);
    m_clips->setDocument(nullptr);
    m_segmentation->setDocument(nullptr);
    m_model->setDocument(nullptr);
}

void MainWindow::createDocks()
{
    // The clips and the annotation panel cannot be closed, only moved.
    const auto fixedDock = [this](QWidget *widget, const QString &title, const char *name,
                                  Qt::DockWidgetArea area) {
        auto *dock = new QDockWidget(title, this);
        dock->setObjectName(QLatin1String(name));
        dock->setWidget(widget);
        dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
        addDockWidget(area, dock);
        m_actions->addToViewMenu(dock->toggleViewAction());
        return dock;
    };
    m_browserDock = fixedDock(m_browser, tr("Clips"), "clipsDock", Qt::LeftDockWidgetArea);
    m_panelDock = fixedDock(m_panel, tr("Annotation"), "annotationDock", Qt::RightDockWidgetArea);
    m_panel->setMinimumWidth(300);
    m_browser->setMinimumWidth(250);

    // Training docks beside the annotation panel; it trains on the window's
    // job runner and reads the project on its own connection.
    m_training = new TrainingPanel(nullptr, this);
    m_training->setObjectName(QStringLiteral("trainingPanel"));
    m_trainingDock = addPanelDock(m_training, tr("Training"));
    m_trainingDock->setObjectName(QStringLiteral("trainingDock"));
    m_explanation = new ExplanationPanel(this);
    m_explanation->setObjectName(QStringLiteral("explanationPanel"));
    m_explanationDock = addPanelDock(m_explanation, tr("Explanation"));
    m_explanationDock->setObjectName(QStringLiteral("explanationDock"));

    connect(m_training, &TrainingPanel::deviceChanged, m_status, &MainStatusBar::showDevice);
    connect(m_training, &TrainingPanel::trainingStarted, this, [this] {
        m_status->showMessage(tr("Training started; the Training panel shows its progress."), 6000);
    });
    for (auto signal : {&TrainingPanel::trainingFinished, &TrainingPanel::trainingCancelled})
        connect(m_training, signal, this, &MainWindow::trainingEnded);
    connect(m_training, &TrainingPanel::trainingFailed, this, &MainWindow::trainingEnded);
    connect(m_training, &TrainingPanel::runActivated, this, [this](qint64 runId) {
        showRuns();
        m_runsView->selectRun(runId);
    });
}

void MainWindow::connectActions()
{
    MainActions *a = m_actions;
    connect(a, &MainActions::newProjectRequested, m_dialogs, &MainDialogs::newProject);
    connect(a, &MainActions::openProjectRequested, m_dialogs, &MainDialogs::openProject);
    connect(a, &MainActions::openRecentRequested, m_dialogs, &MainDialogs::openRecent);
    connect(a, &MainActions::addFilmsRequested, m_dialogs, &MainDialogs::addFilms);
    connect(a, &MainActions::importRequested, m_dialogs, &MainDialogs::importAnnotations);
    connect(a, &MainActions::exportRequested, m_dialogs, &MainDialogs::exportSplits);
    connect(a, &MainActions::nextUnannotatedRequested, this, [this] {
        if (m_assist->selectNext()) // a chosen Annotate Next queue leads
            return;
        if (!m_browser->selectNextUnannotated())
            m_status->showMessage(tr("Every clip shown is annotated."), 5000);
    });
    connect(a, &MainActions::levelRequested, this, [this](core::Level l) {
        if (const qint64 id = m_browser->currentClipId())
            m_controller->setLevel(id, l);
    });
    connect(a, &MainActions::clearRequested, this, [this] {
        if (const qint64 id = m_browser->currentClipId())
            m_controller->clear(id);
    });
    connect(a, &MainActions::changeAnnotatorRequested, m_dialogs, &MainDialogs::changeAnnotator);
    connect(a, &MainActions::playPauseRequested, m_player, &PlayerWidget::togglePlay);
    connect(a, &MainActions::frameStepRequested, m_player, &PlayerWidget::stepFrames);
    connect(a, &MainActions::slowerRequested, m_player, &PlayerWidget::slower);
    connect(a, &MainActions::fasterRequested, m_player, &PlayerWidget::faster);
    connect(a, &MainActions::loopRequested, m_player, &PlayerWidget::toggleLooping);
    connect(a, &MainActions::clipStepRequested, m_browser, &ClipBrowser::selectRelative);
    connect(a, &MainActions::zoomInRequested, m_timeline, &TimelineWidget::zoomIn);
    connect(a, &MainActions::zoomOutRequested, m_timeline, &TimelineWidget::zoomOut);
    connect(a, &MainActions::wholeFilmRequested, m_timeline, &TimelineWidget::fitAll);
    connect(a, &MainActions::statisticsRequested, this, &MainWindow::showStatistics);
    connect(a, &MainActions::agreementRequested, this, [this] {
        m_agreement = m_agreement ? m_agreement : new AgreementView(this);
        m_agreement->showFor(m_document.get());
    });
    // Issue 14: which annotation the views show, and adjudication.
    m_labelRules = new LabelRuleMenu(this);
    QAction *firstView = a->viewMenu()->actions().value(0);
    a->viewMenu()->insertMenu(firstView, m_labelRules);
    QAction *adjudicate = new QAction(tr("A&djudicate Disagreements…"), this);
    adjudicate->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_J));
    connect(adjudicate, &QAction::triggered, this, &MainWindow::showAdjudication);
    a->viewMenu()->insertAction(firstView, adjudicate);
    a->viewMenu()->insertSeparator(firstView);
    connect(a, &MainActions::runsRequested, this, &MainWindow::showRuns);
    connect(a, &MainActions::explainRequested, m_dialogs, &MainDialogs::explainRun);
    connect(a, &MainActions::extractRequested, m_dialogs, &MainDialogs::extractFeatures);
    // Concept keys and the concept type-ahead (the panel knows the taxonomy's keys).
    connect(m_panel, &AnnotationPanel::conceptKeysChanged, a, &MainActions::setConceptKeys);
    connect(a, &MainActions::conceptToggleRequested, this, [this](const QString &name) {
        if (const qint64 id = m_browser->currentClipId())
            m_controller->toggleConcept(id, name);
    });
    connect(a, &MainActions::conceptFilterRequested, this, [this] {
        m_panelDock->show();
        m_panelDock->raise();
        m_panel->openConceptFilter();
    });
}

QDockWidget *MainWindow::addPanelDock(QWidget *panel, const QString &title, Qt::DockWidgetArea area)
{
    auto *dock = new QDockWidget(title, this);
    dock->setObjectName(title.simplified().remove(QLatin1Char(' ')) + QStringLiteral("Dock"));
    dock->setWidget(panel);
    addDockWidget(area, dock);
    if (area == Qt::RightDockWidgetArea) {
        tabifyDockWidget(m_panelDock, dock);
        m_panelDock->raise();
    }
    m_actions->addToViewMenu(dock->toggleViewAction());
    return dock;
}

bool MainWindow::isFilmReady() const
{
    return m_film->isReady();
}

bool MainWindow::relinkCurrentFilm(const QString &path, bool force)
{
    m_lastError.clear();
    return m_film->relink(path, force) || fail(m_film->lastError());
}

void MainWindow::trainingEnded()
{
    if (!m_pendingTrainingProject.isEmpty()) {
        m_training->setDocument(m_document.get());
        m_pendingTrainingProject.clear();
    }
    if (m_runsView)
        m_runsView->refresh();
    refreshExplanationSets();
}

void MainWindow::refreshExplanationSets()
{
    m_explanations->refresh();
}

bool MainWindow::showExplanationSet(qint64 setId)
{
    m_lastError.clear();
    return m_explanations->showSet(setId) || fail(m_explanations->lastError());
}

QComboBox *MainWindow::runChooser() const
{
    return m_runChooser->comboBox();
}

qint64 MainWindow::currentExplanationSet() const
{
    return m_explanations->currentSet();
}

bool MainWindow::selectClipByName(const QString &name)
{
    m_lastError.clear();
    if (ProjectDocument *doc = m_controller->document())
        for (const core::Clip &c : doc->clips())
            if (c.name == name && m_browser->selectClip(c.id))
                return true;
    return fail(tr("The project has no clip named %1 (or the film filter hides it).").arg(name));
}

void MainWindow::showRuns()
{
    if (!m_runsView) {
        m_runsView = new RunsView(this);
        m_runsView->setWindowFlag(Qt::Window);
        m_runsView->resize(1200, 760);
        m_runsView->setDocument(m_document.get());
    } else {
        m_runsView->refresh();
    }
    m_runsView->show();
    m_runsView->raise();
}

void MainWindow::showStatistics()
{
    if (!m_statistics) {
        m_statistics = new StatisticsView(this);
        m_statistics->setWindowFlag(Qt::Window);
        m_statistics->resize(1000, 480);
        connect(m_statistics, &StatisticsView::exportRequested, m_dialogs,
                &MainDialogs::exportSplits);
    }
    m_statistics->refresh(m_document.get());
    m_statistics->show();
    m_statistics->raise();
}

QString MainWindow::ensureAnnotator()
{
    if (annotator().isEmpty())
        if (const QString name = m_dialogs->askAnnotator(); !name.isEmpty())
            setAnnotator(name);
    return annotator();
}

bool MainWindow::fail(const QString &message)
{
    m_lastError = message;
    return false;
}

bool MainWindow::openProject(const QString &path)
{
    return open(path, false);
}

bool MainWindow::newProject(const QString &path)
{
    return open(path, true);
}

bool MainWindow::open(const QString &path, bool create)
{
    m_lastError.clear();
    std::unique_ptr<ProjectDocument> doc;
    try {
        WaitCursor wait;
        doc = std::make_unique<ProjectDocument>(path,
                                                create ? ProjectDocument::OpenMode::Create
                                                       : ProjectDocument::OpenMode::OpenExisting);
    } catch (const core::UserError &e) {
        return fail(e.message());
    } catch (const std::exception &e) {
        return fail((create ? tr("%1: cannot create the project: %2")
                            : tr("%1: cannot open the project: %2"))
                        .arg(path, QString::fromLocal8Bit(e.what())));
    }
    setDocument(std::move(doc));
    return true;
}

void MainWindow::closeProject()
{
    setDocument(nullptr);
}

void MainWindow::setDocument(std::unique_ptr<ProjectDocument> document)
{
    m_panel->commitPendingEdits();
    // Switch every part to the new document before the old one is
    // destroyed; the browser goes last, as it announces the new current
    // clip (which loads its film).
    m_controller->setDocument(document.get());
    m_clips->setDocument(document.get());
    m_segmentation->setDocument(document.get());
    m_film->setDocument(document.get());
    m_explanations->setDocument(document.get());
    m_panel->setDocument(document.get());
    m_model->setDocument(document.get());
    m_browser->setDocument(document.get());
    m_assist->setDocument(document.get());
    std::swap(m_document, document);
    m_team->setAnnotator(annotator());
    m_team->setDocument(m_document.get());
    if (m_statistics)
        m_statistics->refresh(m_document.get());
    if (m_agreement) // a hidden view is computed again by showFor() when opened
        m_agreement->refresh(m_agreement->isVisible() ? m_document.get() : nullptr);
    const QString projectPath = m_document ? m_document->path() : QString();
    if (m_training->setDocument(m_document.get())) {
        m_pendingTrainingProject.clear();
    } else {
        m_pendingTrainingProject = projectPath.isEmpty() ? QStringLiteral(" ") : projectPath;
        m_status->showMessage(tr("Training goes on with the project it started on; the "
                                 "Training panel switches to this project when it ends."),
                              10000);
    }
    if (m_runsView)
        m_runsView->setDocument(m_document.get());
    m_labelRules->setDocument(m_document.get());
    if (m_document)
        connect(m_document.get(), &ProjectDocument::labelRuleChanged, this, [this] {
            const core::LabelRule &rule = m_document->labelRule();
            m_status->showMessage(tr("Labels from: %1 \u2014 %2")
                                      .arg(LabelRuleCombo::textOf(rule), rule.description()),
                                  10000);
            if (m_statistics && m_statistics->isVisible())
                m_statistics->refresh(m_document.get());
        });
    if (m_adjudication) // a hidden view reads the project again when opened
        m_adjudication->refresh(m_adjudication->isVisible() ? m_document.get() : nullptr);
    m_banner->setDocument(m_document.get());
    if (m_document) {
        connect(m_document.get(), &ProjectDocument::externalChange, this, [this] {
            updateStatus();
            m_status->showMessage(tr("The project was changed by another program; shown as "
                                     "it is now."),
                                  6000);
        });
        connect(m_document.get(), &ProjectDocument::fileStateChanged, this,
                &MainWindow::updateTitle);
    }
    document.reset();
    if (m_document) {
        m_settings.addRecentProject(m_document->path());
        m_settings.setLastFolder(QFileInfo(m_document->path()).absolutePath());
    }
    updateTitle();
    updateStatus();
    updateActions();
}

bool MainWindow::importAnnotations(const QString &path, const QString &format,
                                   core::NotSureRule rule)
{
    m_lastError.clear();
    return m_operations->importAnnotations(path, format, rule) || fail(m_operations->lastError());
}

bool MainWindow::importAnnotations(const QString &path, const QString &format,
                                   const core::FormatOptionValues &options)
{
    m_lastError.clear();
    return m_operations->importAnnotations(path, format, options) ||
           fail(m_operations->lastError());
}

bool MainWindow::exportSplits(const QString &folder, int folds, quint64 seed,
                              const std::optional<core::LabelRule> &rule)
{
    m_lastError.clear();
    return m_operations->exportSplits(folder, folds, seed, rule) || fail(m_operations->lastError());
}

void MainWindow::showAdjudication()
{
    if (!m_adjudication) {
        m_adjudication = new AdjudicationView(this);
        m_adjudication->setUndoStack(m_controller->undoStack());
        m_adjudication->setDeciderProvider([this] { return ensureAnnotator(); });
        connect(m_adjudication, &AdjudicationView::clipActivated, m_browser, &ClipBrowser::selectClip);
        connect(m_adjudication, &AdjudicationView::errorOccurred, this,
                [this](const QString &m) { m_status->showMessage(m, 10000); });
    }
    m_adjudication->showFor(m_document.get());
}

QString MainWindow::lastReport() const
{
    return m_operations->lastReport();
}

QString MainWindow::annotator() const
{
    return m_settings.annotator();
}

void MainWindow::setAnnotator(const QString &name)
{
    m_settings.setAnnotator(name);
    m_team->setAnnotator(name);
    updateStatus();
}

void MainWindow::updateTitle()
{
    const QString path = m_document ? m_document->path() : QString();
    setWindowFilePath(path);
    QString mark;
    if (m_document && m_document->isReadOnly())
        mark = tr(" [read-only]");
    else if (m_document && m_document->hasMoved())
        mark = tr(" [file gone]");
    setWindowTitle(path.isEmpty()
                       ? tr("Modalscope")
                       : tr("%1%2 \u2014 Modalscope").arg(QDir::toNativeSeparators(path), mark));
}

void MainWindow::updateStatus()
{
    std::optional<MainStatusBar::Counts> counts;
    if (m_document)
        counts = MainStatusBar::Counts{m_model->rowCount(), m_model->annotatedCount(),
                                       m_browser->visibleClipCount()};
    m_status->showCounts(counts, annotator());
}

void MainWindow::updateActions()
{
    m_actions->updateEnabled(m_document != nullptr, m_browser->currentClipId() != 0);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_panel->commitPendingEdits();
    m_settings.setWindowGeometry(saveGeometry());
    m_settings.setWindowState(saveState());
    m_settings.sync();
    event->accept();
}

bool MainWindow::saveProjectCopy(const QString &path)
{
    m_lastError.clear();
    if (!m_document)
        return fail(tr("Open a project first."));
    try {
        m_document->saveCopy(path);
    } catch (const core::UserError &e) {
        return fail(e.message());
    }
    m_status->showMessage(tr("Copy saved to %1").arg(QDir::toNativeSeparators(path)), 10000);
    return true;
}

bool MainWindow::explainRun(qint64 runId, const QString &baseline)
{
    m_lastError.clear();
    return m_explanations->explainRun(runId, baseline) || fail(m_explanations->lastError());
}

bool MainWindow::isExtracting() const
{
    return m_extraction->isRunning();
}

void MainWindow::cancelExtraction()
{
    m_extraction->cancel();
}

bool MainWindow::extractFeatures(const QString &movieId, core::ModalitySet modalities)
{
    m_lastError.clear();
    if (!m_document)
        return fail(tr("Open a project first."));
    return m_extraction->start(m_document->location(), movieId, modalities) ||
           fail(m_extraction->lastError());
}

} // namespace ms::ui
