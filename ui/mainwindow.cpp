#include "core/waveformjob.h"
#include "database/runrepository.h"
#include "models/explanationjob.h"
#include "models/extractionjob.h"
#include "ui/mainwindow.h"

#include "core/error.h"
#include "core/modalscopecsv.h"
#include "ui/annotationcontroller.h"
#include "ui/annotationpanel.h"
#include "ui/clipbrowser.h"
#include "ui/cliptablemodel.h"
#include "ui/explanationpanel.h"
#include "ui/exportsplitsdialog.h"
#include "ui/importdialog.h"
#include "ui/levelpalette.h"
#include "ui/overlaybuilder.h"
#include "ui/playerwidget.h"
#include "ui/projectdocument.h"
#include "ui/runsview.h"
#include "ui/statisticsview.h"
#include "ui/subtitlelist.h"
#include "ui/timelinewidget.h"
#include "ui/trainingpanel.h"
#include "core/mediaprobe.h"
#include "models/torchruntime.h"
#include "core/subtitleparser.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <algorithm>
#include <QInputDialog>
#include <QDockWidget>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QSpinBox>
#include <QTextEdit>
#include <QThread>
#include <QToolButton>
#include <QVBoxLayout>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QUndoStack>

namespace ms::ui {

namespace {

// Restores the arrow cursor on every path out of a long synchronous step.
class WaitCursor
{
public:
    WaitCursor() { QGuiApplication::setOverrideCursor(Qt::WaitCursor); }
    ~WaitCursor() { QGuiApplication::restoreOverrideCursor(); }
    WaitCursor(const WaitCursor &) = delete;
    WaitCursor &operator=(const WaitCursor &) = delete;
};

const QString kProjectFilter = QStringLiteral("Modalscope projects (*.msproj *.sqlite *.db);;"
                                              "All files (*)");

} // namespace

MainWindow::MainWindow(QWidget *parent) : MainWindow(Settings(), parent) {}

MainWindow::MainWindow(Settings settings, QWidget *parent)
    : QMainWindow(parent), m_settings(std::move(settings)),
      m_controller(new AnnotationController(this)), m_model(new ClipTableModel(this)),
      m_browser(new ClipBrowser(m_model, this)), m_panel(new AnnotationPanel(m_controller, this)),
      m_player(new PlayerWidget(this)), m_subtitles(new SubtitleList(this)),
      m_timeline(new TimelineWidget(this)), m_legend(new QLabel(this)),
      m_mainSplitter(new QSplitter(Qt::Vertical, this)),
      m_workSplitter(new QSplitter(Qt::Horizontal, m_mainSplitter)),
      m_browserDock(new QDockWidget(tr("Clips"), this)),
      m_panelDock(new QDockWidget(tr("Annotation"), this)), m_jobs(new core::JobRunner(this)),
      m_waveProgress(new QProgressBar(this)), m_waveCancel(new QToolButton(this)),
      m_statusCounts(new QLabel(this))
{
    m_controller->setAnnotatorProvider([this] { return ensureAnnotator(); });
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks);

    m_workSplitter->addWidget(m_player);
    m_workSplitter->addWidget(m_subtitles);
    m_workSplitter->setStretchFactor(0, 3);
    m_workSplitter->setStretchFactor(1, 1);
    m_workSplitter->setChildrenCollapsible(false);
    auto *bottom = new QWidget(m_mainSplitter);
    auto *bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    bottomLayout->setSpacing(2);
    auto *runRow = new QHBoxLayout;
    runRow->setContentsMargins(4, 0, 4, 0);
    auto *runLabel = new QLabel(tr("&Run:"), bottom);
    m_runChooser = new QComboBox(bottom);
    m_runChooser->setObjectName(QStringLiteral("runChooser"));
    m_runChooser->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_runChooser->setToolTip(tr("A run's stored explanations on the timeline: scores, attention "
                                "and attribution errors per modality"));
    runLabel->setBuddy(m_runChooser);
    auto *runRefresh = new QToolButton(bottom);
    runRefresh->setText(tr("Refresh"));
    runRefresh->setToolTip(tr("Read the project's explanations again (after "
                              "\"modalscope-cli explain\")"));
    connect(runRefresh, &QToolButton::clicked, this, &MainWindow::refreshExplanationSets);
    runRow->addWidget(runLabel);
    runRow->addWidget(m_runChooser);
    runRow->addWidget(runRefresh);
    runRow->addStretch(1);
    bottomLayout->addLayout(runRow);
    bottomLayout->addWidget(m_timeline, 1);
    bottomLayout->addWidget(m_legend);
    m_legend->setText(TimelineWidget::legendHtml());
    m_legend->setTextFormat(Qt::RichText);
    // One line, cut at the window's edge rather than widening it; the
    // tooltip says what each colour marks.
    m_legend->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_legend->setToolTip(
        tr("Level colours fill the Clips lane. Modality colours mark a clip's concepts (V, A, T "
           "letters or dots), and draw a run's score and attention lanes. In the Errors lane a "
           "dark mark is a spurious attribution (the model relies on a modality without an "
           "annotated concept), a light one an annotated modality the model ignores."));
    m_mainSplitter->addWidget(m_workSplitter);
    m_mainSplitter->addWidget(bottom);
    m_mainSplitter->setStretchFactor(0, 3);
    m_mainSplitter->setStretchFactor(1, 2);
    m_mainSplitter->setSizes({470, 330});
    m_mainSplitter->setChildrenCollapsible(false);
    setCentralWidget(m_mainSplitter);

    m_browserDock->setObjectName(QStringLiteral("clipsDock"));
    m_browserDock->setWidget(m_browser);
    m_browserDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::LeftDockWidgetArea, m_browserDock);
    m_panelDock->setObjectName(QStringLiteral("annotationDock"));
    m_panelDock->setWidget(m_panel);
    m_panelDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::RightDockWidgetArea, m_panelDock);
    m_panel->setMinimumWidth(300);
    m_browser->setMinimumWidth(250);

    // Training docks beside the annotation panel; it owns its worker thread
    // and reads the project on its own connection.
    m_training = new TrainingPanel(QString(), this);
    m_training->setObjectName(QStringLiteral("trainingPanel"));
    m_trainingDock = addPanelDock(m_training, tr("Training"));
    m_trainingDock->setObjectName(QStringLiteral("trainingDock"));
    m_explanation = new ExplanationPanel(this);
    m_explanation->setObjectName(QStringLiteral("explanationPanel"));
    m_explanationDock = addPanelDock(m_explanation, tr("Explanation"));
    m_explanationDock->setObjectName(QStringLiteral("explanationDock"));
    connect(m_runChooser, &QComboBox::activated, this, [this](int index) {
        showExplanationSet(m_runChooser->itemData(index).toLongLong());
    });
    m_deviceStatus = new QLabel(this);
    m_deviceStatus->setObjectName(QStringLiteral("deviceStatus"));
    {
        const models::TorchRuntime rt = models::TorchRuntime::initialise();
        m_deviceStatus->setText(rt.device.startsWith(u"cuda")
                                    ? tr("Device: CUDA")
                                    : tr("Device: CPU, %1 threads").arg(rt.threads));
        m_deviceStatus->setToolTip(tr("Training runs on: %1").arg(rt.describe()));
    }
    connect(m_training, &TrainingPanel::deviceChanged, this, [this](const QString &device) {
        m_deviceStatus->setText(tr("Device: %1").arg(device));
    });
    connect(m_training, &TrainingPanel::trainingStarted, this, [this] {
        statusBar()->showMessage(tr("Training started; the Training panel shows its progress."),
                                 6000);
    });
    for (auto signal : {&TrainingPanel::trainingFinished, &TrainingPanel::trainingCancelled})
        connect(m_training, signal, this, &MainWindow::trainingEnded);
    connect(m_training, &TrainingPanel::trainingFailed, this, &MainWindow::trainingEnded);
    connect(m_training, &TrainingPanel::runActivated, this, [this](qint64 runId) {
        showRuns();
        m_runsView->selectRun(runId);
    });

    statusBar()->addPermanentWidget(m_waveProgress);
    statusBar()->addPermanentWidget(m_waveCancel);
    statusBar()->addPermanentWidget(m_statusCounts);
    statusBar()->addPermanentWidget(m_deviceStatus);
    m_waveProgress->setMaximumWidth(160);
    m_waveProgress->setRange(0, 1000);
    m_waveProgress->setFormat(tr("waveform %p%"));
    m_waveCancel->setText(tr("Cancel"));
    m_waveCancel->setToolTip(tr("Stop computing the waveform"));
    connect(m_waveCancel, &QToolButton::clicked, this, &MainWindow::cancelWaveform);
    setWaveformBusy(false);

    // Reports come back queued; a waveform started for another film
    // supersedes this one in the runner's "waveform" slot, so its stale
    // reports never arrive.
    connect(m_jobs, &core::JobRunner::partialResult, this,
            [this](core::JobRunner::JobId id, const QVariant &v) {
                if (id == m_waveJob)
                    m_timeline->setWaveform(v.value<core::WaveformJob::Pyramid>());
            });
    connect(m_jobs, &core::JobRunner::progressed, this,
            [this](core::JobRunner::JobId id, const core::JobProgress &p) {
                if (id == m_waveJob) {
                    m_waveProgress->setValue(int(std::max(0.0, p.fraction) * 1000));
                } else if (id == m_explainJob) {
                    m_explainProgress->setRange(0, int(std::max<qint64>(1, p.total)));
                    m_explainProgress->setValue(int(std::max<qint64>(0, p.done)));
                } else if (id == m_extractJob) {
                    m_extractProgress->setValue(int(std::max(0.0, p.fraction) * 1000));
                    m_extractProgress->setToolTip(p.text);
                }
            });
    connect(m_jobs, &core::JobRunner::finished, this,
            [this](core::JobRunner::JobId id, const core::JobOutcome &o) {
                if (id == m_waveJob)
                    waveformEnded(o);
                else if (id == m_explainJob)
                    explanationEnded(o);
                else if (id == m_extractJob)
                    extractionEnded(o);
            });

    // Explanations of a stored run.
    m_explainProgress = new QProgressBar(this);
    m_explainProgress->setObjectName(QStringLiteral("explainProgress"));
    m_explainProgress->setMaximumWidth(180);
    m_explainProgress->setFormat(tr("explaining %v/%m"));
    m_explainProgress->setVisible(false);
    m_explainCancel = new QToolButton(this);
    m_explainCancel->setText(tr("Cancel"));
    m_explainCancel->setToolTip(tr("Stop explaining the run (nothing is stored)"));
    m_explainCancel->setVisible(false);
    statusBar()->addPermanentWidget(m_explainProgress);
    statusBar()->addPermanentWidget(m_explainCancel);
    connect(m_explainCancel, &QToolButton::clicked, this, &MainWindow::cancelExplanation);

    // Feature extraction.
    m_extractProgress = new QProgressBar(this);
    m_extractProgress->setObjectName(QStringLiteral("extractProgress"));
    m_extractProgress->setMaximumWidth(180);
    m_extractProgress->setRange(0, 1000);
    m_extractProgress->setFormat(tr("features %p%"));
    m_extractProgress->setVisible(false);
    m_extractCancel = new QToolButton(this);
    m_extractCancel->setText(tr("Cancel"));
    m_extractCancel->setToolTip(tr("Stop extracting (films already done are kept)"));
    m_extractCancel->setVisible(false);
    statusBar()->addPermanentWidget(m_extractProgress);
    statusBar()->addPermanentWidget(m_extractCancel);
    connect(m_extractCancel, &QToolButton::clicked, this, &MainWindow::cancelExtraction);

    createActions();
    createMenus();

    connect(m_browser, &ClipBrowser::currentClipChanged, this, [this](qint64 id) {
        m_panel->setClip(id);
        showClip(id);
        updateActions();
    });
    connect(m_model, &ClipTableModel::countsChanged, this, &MainWindow::updateStatus);
    connect(m_browser->filmFilter(), &QComboBox::currentIndexChanged, this,
            &MainWindow::updateStatus);
    // Undo and redo bring the clip they change into sight, as the user would
    // otherwise not see what Ctrl+Z did.
    connect(m_controller, &AnnotationController::clipReplayed, this,
            [this](qint64 id) { m_browser->selectClip(id); });
    connect(m_controller, &AnnotationController::errorOccurred, this,
            [this](const QString &message) { showError(tr("Annotation not saved"), message); });
    connect(m_controller, &AnnotationController::notice, this,
            [this](const QString &message) { statusBar()->showMessage(message, 6000); });

    connect(m_player, &PlayerWidget::positionChanged, this, [this](qint64 ms) {
        m_timeline->setPosition(ms);
        m_subtitles->setPosition(ms);
    });
    connect(m_player, &PlayerWidget::relinkRequested, this, &MainWindow::relinkDialog);
    connect(m_player, &PlayerWidget::errorOccurred, this,
            [this](const QString &message) { statusBar()->showMessage(message, 10000); });
    connect(m_subtitles, &SubtitleList::seekRequested, m_player, &PlayerWidget::seek);
    connect(m_timeline, &TimelineWidget::seekRequested, m_player, [this](qint64 ms) {
        m_player->seek(ms);
        m_timeline->setPosition(ms);
        m_subtitles->setPosition(ms);
    });
    connect(m_timeline, &TimelineWidget::clipActivated, this,
            [this](qint64 id) { m_browser->selectClip(id); });
    connect(m_timeline, &TimelineWidget::clipTimesEdited, this,
            [this](qint64 id, qint64 start, qint64 end) {
                m_controller->setClipTimes(id, start, end);
            });

    resize(1400, 850);
    resizeDocks({m_browserDock, m_panelDock}, {270, 420}, Qt::Horizontal);
    if (const QByteArray g = m_settings.windowGeometry(); !g.isEmpty())
        restoreGeometry(g);
    if (const QByteArray s = m_settings.windowState(); !s.isEmpty())
        restoreState(s);
    updateTitle();
    updateStatus();
    updateActions();
    refreshExplanationSets();
}

MainWindow::~MainWindow()
{
    // The runner (a child) waits for its threads when it goes and drops
    // whatever they still report, so no job paints on a view being deleted.
    m_waveJob = m_explainJob = m_extractJob = 0;
    m_jobs->cancelAll();
    // Views and the controller hold plain pointers to the document.
    m_controller->setDocument(nullptr);
    m_model->setDocument(nullptr);
}

QDockWidget *MainWindow::addPanelDock(QWidget *panel, const QString &title,
                                      Qt::DockWidgetArea area)
{
    auto *dock = new QDockWidget(title, this);
    dock->setObjectName(title.simplified().remove(QLatin1Char(' ')) + QStringLiteral("Dock"));
    dock->setWidget(panel);
    addDockWidget(area, dock);
    if (area == Qt::RightDockWidgetArea) {
        tabifyDockWidget(m_panelDock, dock);
        m_panelDock->raise();
    }
    if (m_viewMenu)
        m_viewMenu->addAction(dock->toggleViewAction());
    return dock;
}

bool MainWindow::typing() const
{
    QWidget *w = QApplication::focusWidget();
    return qobject_cast<QLineEdit *>(w) || qobject_cast<QTextEdit *>(w)
           || qobject_cast<QPlainTextEdit *>(w) || qobject_cast<QAbstractSpinBox *>(w);
}

QAction *MainWindow::addKeyAction(const QString &text, const QKeySequence &key,
                                  const std::function<void()> &slot)
{
    auto *a = new QAction(text, this);
    a->setShortcut(key);
    connect(a, &QAction::triggered, this, [this, slot] {
        if (!typing())
            slot();
    });
    addAction(a);
    m_playerActions.append(a);
    return a;
}

void MainWindow::showClip(qint64 clipId)
{
    ProjectDocument *doc = m_controller->document();
    m_shownClip = clipId;
    m_timeline->setCurrentClip(clipId);
    updateExplanation();
    const core::Clip *clip = doc && clipId ? doc->clip(clipId) : nullptr;
    if (!clip) {
        if (!doc)
            loadFilm(0);
        return;
    }
    if (clip->filmId != m_filmId)
        loadFilm(clip->filmId);
    if (clip->startMs && clip->endMs) {
        m_player->setLoopRange(*clip->startMs, *clip->endMs);
        m_player->seek(*clip->startMs);
        m_timeline->setPosition(*clip->startMs);
        m_timeline->scale().ensureVisible(double(*clip->startMs));
        m_timeline->update();
        m_subtitles->setPosition(*clip->startMs);
    } else {
        m_player->setLoopRange(-1, -1);
    }
}

void MainWindow::rebuildTimelineClips()
{
    ProjectDocument *doc = m_controller->document();
    QList<TimelineWidget::Clip> clips;
    if (doc) {
        QHash<QString, core::Annotation> byClip;
        for (core::Annotation &a : doc->effectiveAnnotations())
            byClip.insert(a.clipName, std::move(a));
        const core::Taxonomy &tax = doc->taxonomy();
        for (const core::Clip &c : doc->clips()) {
            if (c.filmId != m_filmId || !c.startMs || !c.endMs)
                continue;
            TimelineWidget::Clip t;
            t.id = c.id;
            t.startMs = *c.startMs;
            t.endMs = *c.endMs;
            t.name = c.name;
            if (auto it = byClip.constFind(c.name); it != byClip.cend()) {
                t.level = it->level;
                for (const QString &name : it->concepts)
                    if (const core::Concept *k = tax.find(name); k && k->modality)
                        t.modalities |= quint8(1u << unsigned(*k->modality));
            }
            clips.append(t);
        }
    }
    m_timeline->setClips(clips);
}

void MainWindow::loadFilm(qint64 filmId)
{
    ProjectDocument *doc = m_controller->document();
    cancelWaveform();
    m_filmId = filmId;
    m_waveformComplete = false;
    m_timeline->setWaveform(nullptr);
    const core::Film *film = doc && filmId ? doc->film(filmId) : nullptr;
    if (!film) {
        m_player->clearMedia();
        m_player->setSubtitles({});
        m_subtitles->setCues({}, tr("No film"));
        m_timeline->setSubtitles({});
        m_timeline->setClips({});
        m_timeline->setOverlay({});
        m_timeline->setDuration(0);
        return;
    }
    const core::MediaInfo info =
        core::MediaInfo::fromJson(QJsonDocument::fromJson(film->mediaProbe.toUtf8()).object());
    double fps = 0;
    for (const core::MediaInfo::Stream &st : info.streamsOf(QStringLiteral("video")))
        if (st.frameRate > 0) {
            fps = st.frameRate;
            break;
        }
    qint64 duration = info.durationMs;
    for (const core::Clip &c : doc->clips())
        if (c.filmId == filmId && c.endMs)
            duration = std::max(duration, *c.endMs);
    m_timeline->setDuration(duration);
    rebuildTimelineClips();
    rebuildOverlay();

    const db::MediaStatus status = doc->mediaStatus(*film);
    const QString name = film->title.isEmpty() ? film->movieId : film->title;
    switch (status.state) {
    case db::MediaStatus::State::Ok:
    case db::MediaStatus::State::Changed:
        m_player->setMedia(status.absolutePath, fps, duration);
        if (status.state == db::MediaStatus::State::Changed)
            statusBar()->showMessage(status.describe(), 15000);
        if (!info.streamsOf(QStringLiteral("audio")).isEmpty())
            startWaveform(status.absolutePath, film->mediaFingerprint);
        else
            m_waveformComplete = true;
        break;
    case db::MediaStatus::State::Missing:
        m_player->showMissing(
            tr("The media file of %1 is missing:\n%2\n\nIt may have been moved or renamed. "
               "Relink the film to the file's new place.")
                .arg(name, QDir::toNativeSeparators(status.absolutePath)),
            true);
        m_waveformComplete = true;
        break;
    case db::MediaStatus::State::None:
        m_player->showMissing(tr("No media file is attached to %1.\nAttach one with "
                                 "\"modalscope-cli media attach\".")
                                  .arg(name),
                              false);
        m_waveformComplete = true;
        break;
    }

    QList<core::SubtitleCue> cues;
    QString source = tr("No subtitle file for %1").arg(name);
    if (!film->subtitlesPath.isEmpty()) {
        const QString path = doc->resolvePath(film->subtitlesPath);
        try {
            const core::SubtitleDocument doc = core::SubtitleParser::readFile(path);
            cues = doc.cues;
            source = tr("%1 (%n cue(s))", nullptr, int(cues.size()))
                         .arg(QFileInfo(path).fileName());
        } catch (const core::UserError &e) {
            source = e.message();
        }
    }
    m_subtitles->setCues(cues, source);
    m_player->setSubtitles(cues);
    m_timeline->setSubtitles(cues);
}

void MainWindow::startWaveform(const QString &path, const QString &fingerprint)
{
    m_waveformComplete = false;
    setWaveformBusy(true);
    // An empty pyramid says "computing" until the first partial result.
    m_timeline->setWaveform(std::make_shared<core::WaveformPyramid>());
    m_waveJob = m_jobs->start(std::make_unique<core::WaveformJob>(path, fingerprint, 0, 256),
                              QStringLiteral("waveform"));
}

void MainWindow::cancelWaveform()
{
    if (m_waveProgress->isVisible() || m_waveCancel->isVisible()) {
        m_jobs->cancel(m_waveJob);
        m_waveJob = 0; // whatever it still says is not for us
        setWaveformBusy(false);
        m_waveformComplete = true;
        emit waveformDone();
    }
}

void MainWindow::waveformEnded(const core::JobOutcome &outcome)
{
    m_waveJob = 0;
    if (outcome.isDone())
        m_timeline->setWaveform(outcome.result.value<core::WaveformJob::Pyramid>());
    else if (outcome.isFailed())
        statusBar()->showMessage(tr("No waveform: %1").arg(outcome.message), 10000);
    m_waveformComplete = true;
    setWaveformBusy(false);
    emit waveformDone();
}

void MainWindow::setWaveformBusy(bool busy)
{
    m_waveProgress->setValue(0);
    m_waveProgress->setVisible(busy);
    m_waveCancel->setVisible(busy);
}

bool MainWindow::relinkCurrentFilm(const QString &path, bool force)
{
    ProjectDocument *doc = m_controller->document();
    m_lastError.clear();
    const core::Film *film = doc ? doc->film(m_filmId) : nullptr;
    if (!film)
        return fail(tr("No film is shown to relink."));
    try {
        doc->relinkFilm(film->movieId, path, force);
    } catch (const core::UserError &e) {
        return fail(e.message());
    }
    const qint64 id = m_filmId;
    m_filmId = 0;
    loadFilm(id);
    showClip(m_shownClip);
    return true;
}

void MainWindow::relinkDialog()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Relink Film Media"), m_settings.lastFolder(),
        tr("Video files (*.mp4 *.mkv *.mov *.avi *.webm *.m4v);;All files (*)"));
    if (path.isEmpty())
        return;
    if (relinkCurrentFilm(path, false))
        return;
    const QString first = m_lastError;
    const auto answer = QMessageBox::question(
        this, tr("Relink anyway?"),
        tr("%1\n\nUse this file anyway (for example, the film was re-encoded)?").arg(first));
    if (answer == QMessageBox::Yes && !relinkCurrentFilm(path, true))
        showError(tr("Cannot relink"), m_lastError);
}

void MainWindow::setOverlay(const TimelineOverlay &overlay)
{
    m_timeline->setOverlay(overlay);
}

void MainWindow::trainingEnded()
{
    if (!m_pendingTrainingProject.isEmpty()) {
        m_training->setProjectPath(m_pendingTrainingProject.trimmed());
        m_pendingTrainingProject.clear();
    }
    if (m_runsView)
        m_runsView->refresh();
    refreshExplanationSets();
}

void MainWindow::refreshExplanationSets()
{
    const qint64 keep = currentExplanationSet();
    QList<db::ExplanationSet> sets;
    ProjectDocument *doc = m_controller->document();
    if (doc) {
        try {
            sets = db::ExplanationRepository(doc->sql()).sets(0);
        } catch (const core::UserError &e) {
            statusBar()->showMessage(tr("Cannot read the explanations: %1").arg(e.message()),
                                     10000);
        }
    }
    const QSignalBlocker block(m_runChooser);
    m_runChooser->clear();
    m_runChooser->addItem(sets.isEmpty() ? tr("none stored") : tr("none"), qint64(0));
    for (const db::ExplanationSet &s : std::as_const(sets))
        m_runChooser->addItem(OverlayBuilder::setName(s), s.id);
    m_runChooser->setEnabled(!sets.isEmpty());
    const int index = m_runChooser->findData(keep);
    showExplanationSet(index > 0 ? keep : 0);
}

bool MainWindow::showExplanationSet(qint64 setId)
{
    m_lastError.clear();
    m_set.reset();
    m_explained.clear();
    m_explainedIndex.clear();
    ProjectDocument *doc = m_controller->document();
    bool ok = setId == 0;
    if (setId && doc) {
        try {
            db::ExplanationRepository repo(doc->sql());
            for (const db::ExplanationSet &s : repo.sets(0))
                if (s.id == setId)
                    m_set = s;
            if (m_set) {
                m_explained = repo.clips(setId);
                for (int i = 0; i < int(m_explained.size()); ++i)
                    m_explainedIndex.insert(m_explained[size_t(i)].clip, i);
                ok = true;
            } else {
                m_lastError = tr("The project has no explanation set %1.").arg(setId);
            }
        } catch (const core::UserError &e) {
            m_lastError = e.message();
            statusBar()->showMessage(m_lastError, 10000);
        }
    }
    {
        const QSignalBlocker block(m_runChooser);
        const int index = m_runChooser->findData(m_set ? m_set->id : qint64(0));
        m_runChooser->setCurrentIndex(std::max(0, index));
    }
    rebuildOverlay();
    updateExplanation();
    return ok;
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

void MainWindow::rebuildOverlay()
{
    ProjectDocument *doc = m_controller->document();
    if (!m_set || !doc) {
        m_timeline->setOverlay({});
        return;
    }
    QHash<QString, OverlayBuilder::Span> film;
    for (const core::Clip &c : doc->clips())
        if (c.filmId == m_filmId && c.startMs && c.endMs)
            film.insert(c.name, {*c.startMs, *c.endMs});
    m_timeline->setOverlay(OverlayBuilder::build(*m_set, m_explained, film));
}

void MainWindow::updateExplanation()
{
    ProjectDocument *doc = m_controller->document();
    const core::Clip *clip = doc && m_shownClip ? doc->clip(m_shownClip) : nullptr;
    if (!m_set) {
        m_explanation->showMessage(
            m_runChooser->count() > 1
                ? tr("Choose a run in \u201cRun:\u201d above the timeline to see why its model "
                     "scored the selected clip.")
                : tr("No explanations are stored in this project yet. Train a model, then run "
                     "\u201cmodalscope-cli explain --db PROJECT --run ID\u201d and press "
                     "Refresh next to \u201cRun:\u201d."));
        return;
    }
    if (!clip) {
        m_explanation->showMessage(tr("Select a clip to see its explanation."));
        return;
    }
    const auto it = m_explainedIndex.constFind(clip->name);
    if (it == m_explainedIndex.cend()) {
        m_explanation->showMessage(
            tr("%1 was not explained in this run (explanations cover the clips of the "
               "result's test fold).")
                .arg(clip->name));
        return;
    }
    m_explanation->setExplanation(*m_set, m_explained[size_t(*it)], clip->startMs.value_or(0),
                                  clip->endMs.value_or(clip->startMs.value_or(0) + 1));
}

QString MainWindow::deviceText() const
{
    return m_deviceStatus->text();
}

void MainWindow::showRuns()
{
    if (!m_runsView) {
        m_runsView = new RunsView(this);
        m_runsView->setWindowFlag(Qt::Window);
        m_runsView->resize(1200, 760);
        m_runsView->setProjectPath(m_document ? m_document->path() : QString());
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
        connect(m_statistics, &StatisticsView::exportRequested, this, &MainWindow::exportDialog);
    }
    m_statistics->refresh(m_document.get());
    m_statistics->show();
    m_statistics->raise();
}

void MainWindow::createActions()
{
    m_newAction = new QAction(tr("&New Project\u2026"), this);
    m_newAction->setShortcut(QKeySequence::New);
    connect(m_newAction, &QAction::triggered, this, &MainWindow::newProjectDialog);

    m_openAction = new QAction(tr("&Open Project\u2026"), this);
    m_openAction->setShortcut(QKeySequence::Open);
    connect(m_openAction, &QAction::triggered, this, &MainWindow::openProjectDialog);

    m_importAction = new QAction(tr("&Import Annotations\u2026"), this);
    connect(m_importAction, &QAction::triggered, this, &MainWindow::importDialog);

    m_exportAction = new QAction(tr("&Export Splits\u2026"), this);
    connect(m_exportAction, &QAction::triggered, this, &MainWindow::exportDialog);

    m_quitAction = new QAction(tr("&Quit"), this);
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    QUndoStack *stack = m_controller->undoStack();
    m_undoAction = stack->createUndoAction(this, tr("&Undo"));
    m_undoAction->setShortcut(QKeySequence::Undo);
    m_redoAction = stack->createRedoAction(this, tr("&Redo"));
    // Ctrl+Shift+Z everywhere, plus the platform's own redo keys (Ctrl+Y on
    // Windows) where they differ.
    QList<QKeySequence> redoKeys = {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z)};
    for (const QKeySequence &k : QKeySequence::keyBindings(QKeySequence::Redo))
        if (!redoKeys.contains(k))
            redoKeys.append(k);
    m_redoAction->setShortcuts(redoKeys);

    m_nextUnannotatedAction = new QAction(tr("&Next Unannotated Clip"), this);
    m_nextUnannotatedAction->setShortcut(QKeySequence(Qt::Key_N));
    connect(m_nextUnannotatedAction, &QAction::triggered, this, [this] {
        if (!m_browser->selectNextUnannotated())
            statusBar()->showMessage(tr("Every clip shown is annotated."), 5000);
    });

    // Bare-key shortcuts on the window: they work wherever focus is in it,
    // except in the note field, which takes typed characters first.
    int key = Qt::Key_1;
    for (core::Level l :
         {core::Level::EasyNegative, core::Level::HardNegative, core::Level::Sure}) {
        auto *a = new QAction(core::levelName(l), this);
        a->setShortcut(QKeySequence(key++));
        a->setIcon([l] {
            QPixmap p(16, 16);
            p.fill(LevelPalette::color(l));
            return QIcon(p);
        }());
        connect(a, &QAction::triggered, this, [this, l] {
            if (const qint64 id = m_browser->currentClipId())
                m_controller->setLevel(id, l);
        });
        m_levelActions.append(a);
    }

    m_clearAction = new QAction(tr("&Clear My Annotation"), this);
    m_clearAction->setShortcut(QKeySequence(Qt::Key_Delete));
    connect(m_clearAction, &QAction::triggered, this, [this] {
        if (const qint64 id = m_browser->currentClipId())
            m_controller->clear(id);
    });

    m_changeAnnotatorAction = new QAction(tr("Change &Annotator Name\u2026"), this);
    connect(m_changeAnnotatorAction, &QAction::triggered, this, [this] {
        bool ok = false;
        const QString name =
            QInputDialog::getText(this, tr("Annotator"), tr("Name written with your annotations:"),
                                  QLineEdit::Normal, annotator(), &ok);
        if (ok && !name.trimmed().isEmpty())
            setAnnotator(name);
    });

    for (QAction *a : {m_undoAction, m_redoAction, m_nextUnannotatedAction, m_clearAction})
        addAction(a);
    addActions(m_levelActions);

    // Player and timeline keys: bare keys, so a text field with the keyboard
    // takes them (QLineEdit claims printable keys; typing() covers the rest).
    addKeyAction(tr("Play / Pause"), QKeySequence(Qt::Key_Space), [this] { m_player->togglePlay(); });
    addKeyAction(tr("Previous Frame"), QKeySequence(Qt::Key_Comma),
                 [this] { m_player->stepFrames(-1); });
    addKeyAction(tr("Next Frame"), QKeySequence(Qt::Key_Period),
                 [this] { m_player->stepFrames(1); });
    addKeyAction(tr("Slower"), QKeySequence(Qt::Key_BracketLeft), [this] { m_player->slower(); });
    addKeyAction(tr("Faster"), QKeySequence(Qt::Key_BracketRight), [this] { m_player->faster(); });
    addKeyAction(tr("Loop Clip"), QKeySequence(Qt::Key_L), [this] { m_player->toggleLooping(); });
    addKeyAction(tr("Previous Clip"), QKeySequence(Qt::Key_Up),
                 [this] { m_browser->selectRelative(-1); });
    addKeyAction(tr("Next Clip"), QKeySequence(Qt::Key_Down),
                 [this] { m_browser->selectRelative(1); });
    QAction *zoomIn = addKeyAction(tr("Zoom In"), QKeySequence(Qt::Key_Plus),
                                   [this] { m_timeline->zoomIn(); });
    zoomIn->setShortcuts({QKeySequence(Qt::Key_Plus), QKeySequence(Qt::Key_Equal)});
    addKeyAction(tr("Zoom Out"), QKeySequence(Qt::Key_Minus), [this] { m_timeline->zoomOut(); });
    addKeyAction(tr("Whole Film"), QKeySequence(Qt::Key_0), [this] { m_timeline->fitAll(); });
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_newAction);
    file->addAction(m_openAction);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::rebuildRecentMenu);
    file->addSeparator();
    file->addAction(m_importAction);
    file->addAction(m_exportAction);
    file->addSeparator();
    file->addAction(m_quitAction);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(m_undoAction);
    edit->addAction(m_redoAction);
    edit->addSeparator();
    edit->addAction(m_nextUnannotatedAction);
    edit->addSeparator();
    edit->addAction(m_changeAnnotatorAction);

    QMenu *annotate = menuBar()->addMenu(tr("&Annotate"));
    annotate->addActions(m_levelActions);
    annotate->addSeparator();
    annotate->addAction(m_clearAction);

    QMenu *play = menuBar()->addMenu(tr("&Playback"));
    play->addActions(m_playerActions);

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    m_viewMenu->addAction(tr("&Statistics\u2026"), this, &MainWindow::showStatistics);
    QAction *runs = m_viewMenu->addAction(tr("&Runs and Comparisons\u2026"), this,
                                          &MainWindow::showRuns);
    runs->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    QAction *explain = m_viewMenu->addAction(tr("&Explain a Run\u2026"), this,
                                             &MainWindow::explainDialog);
    explain->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    QAction *extract = m_viewMenu->addAction(tr("E&xtract Features\u2026"), this,
                                             &MainWindow::extractDialog);
    extract->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    m_viewMenu->addSeparator();
    // Docks added before the menu existed (addPanelDock lists later ones).
    for (QDockWidget *dock : findChildren<QDockWidget *>(Qt::FindDirectChildrenOnly))
        m_viewMenu->addAction(dock->toggleViewAction());
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = m_settings.recentProjects();
    for (const QString &path : recent) {
        QAction *a = m_recentMenu->addAction(QDir::toNativeSeparators(path));
        connect(a, &QAction::triggered, this, [this, path] {
            if (!openProject(path)) {
                showError(tr("Cannot open project"), m_lastError);
                if (!QFileInfo::exists(path))
                    m_settings.removeRecentProject(path);
            }
        });
    }
    m_recentMenu->setEnabled(!recent.isEmpty());
}

bool MainWindow::fail(const QString &message)
{
    m_lastError = message;
    return false;
}

void MainWindow::showError(const QString &title, const QString &message)
{
    QMessageBox::critical(this, title, message);
}

bool MainWindow::openProject(const QString &path)
{
    m_lastError.clear();
    std::unique_ptr<ProjectDocument> doc;
    try {
        WaitCursor wait;
        doc = std::make_unique<ProjectDocument>(path, ProjectDocument::OpenMode::OpenExisting);
    } catch (const core::UserError &e) {
        return fail(e.message());
    } catch (const std::exception &e) {
        return fail(
            tr("%1: cannot open the project: %2").arg(path, QString::fromLocal8Bit(e.what())));
    }
    setDocument(std::move(doc));
    return true;
}

bool MainWindow::newProject(const QString &path)
{
    m_lastError.clear();
    std::unique_ptr<ProjectDocument> doc;
    try {
        doc = std::make_unique<ProjectDocument>(path, ProjectDocument::OpenMode::Create);
    } catch (const core::UserError &e) {
        return fail(e.message());
    } catch (const std::exception &e) {
        return fail(
            tr("%1: cannot create the project: %2").arg(path, QString::fromLocal8Bit(e.what())));
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
    // Switch every view to the new document before the old one is destroyed;
    // the browser goes last, as it announces the new current clip (which
    // loads its film, read through the controller's document).
    m_controller->setDocument(document.get());
    m_filmId = -1; // forces the film of the first clip to load
    if (ProjectDocument *doc = document.get()) {
        connect(doc, &ProjectDocument::annotationChanged, this,
                &MainWindow::rebuildTimelineClips);
        connect(doc, &ProjectDocument::clipTimesChanged, this, [this](qint64 id) {
            rebuildTimelineClips();
            rebuildOverlay();
            const ProjectDocument *d = m_controller->document();
            if (const core::Clip *c = d ? d->clip(id) : nullptr;
                c && id == m_shownClip && c->startMs && c->endMs)
                m_player->setLoopRange(*c->startMs, *c->endMs);
        });
        connect(doc, &ProjectDocument::reloaded, this, &MainWindow::rebuildTimelineClips);
    }
    m_panel->setDocument(document.get());
    m_model->setDocument(document.get());
    m_browser->setDocument(document.get());
    std::swap(m_document, document);
    if (!m_document)
        loadFilm(0);
    if (m_statistics)
        m_statistics->refresh(m_document.get());
    const QString projectPath = m_document ? m_document->path() : QString();
    if (m_training->setProjectPath(projectPath)) {
        m_pendingTrainingProject.clear();
    } else {
        m_pendingTrainingProject = projectPath.isEmpty() ? QStringLiteral(" ") : projectPath;
        statusBar()->showMessage(tr("Training goes on with the project it started on; the "
                                    "Training panel switches to this project when it ends."),
                                 10000);
    }
    if (m_runsView)
        m_runsView->setProjectPath(projectPath);
    refreshExplanationSets();
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
    m_lastReport.clear();
    if (!m_document)
        return fail(tr("Open or create a project before importing annotations."));
    try {
        WaitCursor wait;
        QList<core::ImportRecord> records;
        QMap<QString, QString> meta;
        QString importAnnotator;
        if (format == u"obygaze") {
            records = core::ObyGazeReader::read(path, rule);
            meta.insert(QStringLiteral("not_sure_rule"), core::notSureRuleCode(rule));
            importAnnotator = QStringLiteral("obygaze");
        } else if (format == u"modalscope") {
            records = core::ModalscopeCsv::read(path);
            importAnnotator = QStringLiteral("import");
        } else {
            return fail(
                tr("Unknown annotation format '%1'; use obygaze or modalscope.").arg(format));
        }
        const db::ImportReport report = m_document->importRecords(
            records, importAnnotator,
            QStringLiteral("import:%1:%2").arg(format, QFileInfo(path).fileName()), meta);
        // The import is not on the undo stack; older steps would replay
        // states from before it.
        m_controller->undoStack()->clear();
        m_lastReport =
            QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(path), report.summary());
        m_settings.setLastFolder(QFileInfo(path).absolutePath());
    } catch (const core::UserError &e) {
        return fail(e.message());
    } catch (const std::exception &e) {
        return fail(tr("%1: import failed: %2").arg(path, QString::fromLocal8Bit(e.what())));
    }
    updateStatus();
    return true;
}

bool MainWindow::exportSplits(const QString &folder, int folds, quint64 seed)
{
    m_lastError.clear();
    m_lastReport.clear();
    if (!m_document)
        return fail(tr("Open a project before exporting splits."));
    try {
        WaitCursor wait;
        m_lastReport = m_document->exportSplits(folder, folds, seed);
    } catch (const core::UserError &e) {
        return fail(e.message());
    } catch (const std::exception &e) {
        return fail(tr("%1: export failed: %2").arg(folder, QString::fromLocal8Bit(e.what())));
    }
    return true;
}

QString MainWindow::annotator() const
{
    return m_settings.annotator();
}

void MainWindow::setAnnotator(const QString &name)
{
    m_settings.setAnnotator(name);
    updateStatus();
}

QString MainWindow::ensureAnnotator()
{
    QString name = m_settings.annotator();
    if (!name.isEmpty())
        return name;
    bool ok = false;
    name = QInputDialog::getText(this, tr("Who is annotating?"),
                                 tr("Modalscope writes your name with every annotation you make,\n"
                                    "so several experts can annotate the same project.\n\n"
                                    "Your name:"),
                                 QLineEdit::Normal, qEnvironmentVariable("USER"), &ok)
               .trimmed();
    if (!ok || name.isEmpty())
        return {};
    setAnnotator(name);
    return name;
}

void MainWindow::updateTitle()
{
    if (m_document) {
        setWindowFilePath(m_document->path());
        setWindowTitle(
            tr("%1 \u2014 Modalscope").arg(QDir::toNativeSeparators(m_document->path())));
    } else {
        setWindowFilePath(QString());
        setWindowTitle(tr("Modalscope"));
    }
}

void MainWindow::updateStatus()
{
    const QString who =
        annotator().isEmpty() ? tr("annotator not set") : tr("annotator: %1").arg(annotator());
    if (!m_document) {
        m_statusCounts->setText(who);
        return;
    }
    const QLocale loc;
    const int clips = m_model->rowCount();
    QString text = tr("%1 clips \u00b7 %2 annotated")
                       .arg(loc.toString(clips), loc.toString(m_model->annotatedCount()));
    if (m_browser->visibleClipCount() != clips)
        text += tr(" \u00b7 %1 shown").arg(loc.toString(m_browser->visibleClipCount()));
    m_statusCounts->setText(text + QStringLiteral(" \u00b7 ") + who);
}

void MainWindow::updateActions()
{
    const bool open = m_document != nullptr;
    const bool clip = open && m_browser->currentClipId() != 0;
    m_importAction->setEnabled(open);
    m_exportAction->setEnabled(open);
    m_nextUnannotatedAction->setEnabled(open);
    m_clearAction->setEnabled(clip);
    for (QAction *a : std::as_const(m_levelActions))
        a->setEnabled(clip);
}

void MainWindow::newProjectDialog()
{
    QString path =
        QFileDialog::getSaveFileName(this, tr("New Project"), m_settings.lastFolder(),
                                     kProjectFilter, nullptr, QFileDialog::DontConfirmOverwrite);
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".msproj");
    if (!newProject(path))
        showError(tr("Cannot create project"), m_lastError);
}

void MainWindow::openProjectDialog()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Project"),
                                                      m_settings.lastFolder(), kProjectFilter);
    if (!path.isEmpty() && !openProject(path))
        showError(tr("Cannot open project"), m_lastError);
}

void MainWindow::importDialog()
{
    ImportDialog dialog(m_settings.lastFolder(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (importAnnotations(dialog.path(), dialog.format(), dialog.notSureRule()))
        statusBar()->showMessage(m_lastReport, 15000);
    else
        showError(tr("Import failed"), m_lastError + tr("\n\nThe project was not changed."));
}

void MainWindow::exportDialog()
{
    ExportSplitsDialog dialog(QDir(m_settings.lastFolder()).filePath(QStringLiteral("splits")),
                              this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (exportSplits(dialog.folder(), dialog.folds(), dialog.seed()))
        QMessageBox::information(this, tr("Splits exported"), m_lastReport);
    else
        showError(tr("Export failed"), m_lastError);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_panel->commitPendingEdits();
    m_settings.setWindowGeometry(saveGeometry());
    m_settings.setWindowState(saveState());
    m_settings.sync();
    event->accept();
}

} // namespace ms::ui

namespace ms::ui {

bool MainWindow::isExplaining() const
{
    return m_explainJob != 0 && m_jobs->isRunning(m_explainJob);
}

void MainWindow::cancelExplanation()
{
    m_jobs->cancel(m_explainJob);
}

void MainWindow::explanationEnded(const core::JobOutcome &outcome)
{
    m_explainJob = 0;
    m_explainProgress->setVisible(false);
    m_explainCancel->setVisible(false);
    qint64 setId = 0;
    QString message;
    if (outcome.isDone()) {
        setId = outcome.result.toLongLong();
        message = outcome.message.section(u'\n', 0, 0);
        refreshExplanationSets();
        showExplanationSet(setId);
    } else {
        message = outcome.isCancelled() ? tr("Explanation cancelled; nothing stored.")
                                        : tr("Cannot explain the run: %1").arg(outcome.message);
        m_lastError = message;
    }
    statusBar()->showMessage(message, 15000);
    emit explanationDone(setId);
}

bool MainWindow::explainRun(qint64 runId, const QString &baseline)
{
    m_lastError.clear();
    if (!m_document) {
        m_lastError = tr("Open a project first.");
        return false;
    }
    if (isExplaining()) {
        m_lastError = tr("A run is being explained already; wait for it or cancel it.");
        return false;
    }
    m_explainProgress->setRange(0, 0); // busy until the first batch is done
    m_explainProgress->setVisible(true);
    m_explainCancel->setVisible(true);
    statusBar()->showMessage(tr("Explaining run %1 (baseline %2)\u2026").arg(runId).arg(baseline));
    m_explainJob = m_jobs->start(
        std::make_unique<models::ExplanationJob>(m_document->location(), runId, baseline));
    return true;
}

void MainWindow::explainDialog()
{
    if (!m_document) {
        showError(tr("Cannot explain"), tr("Open a project first."));
        return;
    }
    QStringList items;
    QList<qint64> ids;
    for (const db::RunRecord &r : db::RunRepository(m_document->sql()).runs())
        if (r.status == u"finished") {
            items.append(tr("%1: %2%3").arg(r.id).arg(r.label, r.synthetic ? tr(" (SYNTHETIC features)")
                                                                            : QString()));
            ids.append(r.id);
        }
    if (ids.isEmpty()) {
        showError(tr("Cannot explain"), tr("The project has no finished run yet: train one in the "
                                           "Training panel first."));
        return;
    }
    bool ok = false;
    const QString run = QInputDialog::getItem(this, tr("Explain a Run"), tr("Run:"), items, 0,
                                              false, &ok);
    if (!ok)
        return;
    const QString baseline = QInputDialog::getItem(
        this, tr("Explain a Run"), tr("Absent modalities replaced by:"),
        {QStringLiteral("mean"), QStringLiteral("zeros"), QStringLiteral("noise"),
         QStringLiteral("drop")},
        0, false, &ok);
    if (!ok)
        return;
    if (!explainRun(ids.value(int(items.indexOf(run))), baseline))
        showError(tr("Cannot explain"), m_lastError);
}

bool MainWindow::isExtracting() const
{
    return m_extractJob != 0 && m_jobs->isRunning(m_extractJob);
}

void MainWindow::cancelExtraction()
{
    m_jobs->cancel(m_extractJob);
}

void MainWindow::extractionEnded(const core::JobOutcome &outcome)
{
    m_extractJob = 0;
    m_extractProgress->setVisible(false);
    m_extractCancel->setVisible(false);
    QString message;
    if (outcome.isDone())
        message = outcome.message;
    else if (outcome.isCancelled())
        message = tr("Extraction cancelled: %1").arg(outcome.message);
    else
        message = tr("Cannot extract features: %1").arg(outcome.message);
    if (!outcome.isDone())
        m_lastError = message;
    statusBar()->showMessage(message, 15000);
    emit extractionDone(message, outcome.isDone());
}

bool MainWindow::extractFeatures(const QString &movieId, core::ModalitySet modalities)
{
    m_lastError.clear();
    if (!m_document) {
        m_lastError = tr("Open a project first.");
        return false;
    }
    if (isExtracting()) {
        m_lastError = tr("Features are being extracted already; wait for it or cancel it.");
        return false;
    }
    m_extractProgress->setValue(0);
    m_extractProgress->setVisible(true);
    m_extractCancel->setVisible(true);
    statusBar()->showMessage(movieId.isEmpty() ? tr("Extracting the features of every film\u2026")
                                               : tr("Extracting the features of %1\u2026").arg(movieId));
    m_extractJob = m_jobs->start(
        std::make_unique<models::ExtractionJob>(m_document->location(), movieId, modalities));
    return true;
}

void MainWindow::extractDialog()
{
    if (!m_document) {
        showError(tr("Cannot extract"), tr("Open a project first."));
        return;
    }
    QString movie;
    for (const core::Film &f : m_document->films())
        if (f.id == m_filmId)
            movie = f.movieId;
    QStringList choices{tr("Every film")};
    if (!movie.isEmpty())
        choices.prepend(tr("This film (%1)").arg(movie));
    bool ok = false;
    const QString which = QInputDialog::getItem(this, tr("Extract Features"),
                                                tr("Visual, audio and text features of:"), choices,
                                                0, false, &ok);
    if (!ok)
        return;
    const core::ModalitySet all{core::Modality::Visual, core::Modality::Audio, core::Modality::Text};
    if (!extractFeatures(which == choices.last() ? QString() : movie, all))
        showError(tr("Cannot extract"), m_lastError);
}

} // namespace ms::ui

