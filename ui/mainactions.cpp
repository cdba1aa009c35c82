#include "ui/mainactions.h"

#include "ui/levelpalette.h"
#include "ui/settings.h"

#include <QAbstractSpinBox>
#include <QAction>
#include <QApplication>
#include <QDir>
#include <QLineEdit>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QPixmap>
#include <QPlainTextEdit>
#include <QTextEdit>
#include <QUndoStack>

namespace ms::ui {

MainActions::MainActions(QMainWindow *window, QUndoStack *undoStack, Settings &settings)
    : QObject(window), m_window(window), m_settings(settings)
{
    createActions(undoStack);
    createClipActions();
    createMenus();
}

bool MainActions::typing()
{
    QWidget *w = QApplication::focusWidget();
    return qobject_cast<QLineEdit *>(w) || qobject_cast<QTextEdit *>(w) ||
           qobject_cast<QPlainTextEdit *>(w) || qobject_cast<QAbstractSpinBox *>(w);
}

QAction *MainActions::addKeyAction(const QString &text, const QKeySequence &key,
                                   const std::function<void()> &emitter)
{
    auto *a = new QAction(text, m_window);
    a->setShortcut(key);
    connect(a, &QAction::triggered, this, [emitter] {
        if (!typing())
            emitter();
    });
    m_window->addAction(a);
    m_playerActions.append(a);
    return a;
}

void MainActions::createActions(QUndoStack *undoStack)
{
    m_new = new QAction(tr("&New Project\u2026"), m_window);
    m_new->setShortcut(QKeySequence::New);
    connect(m_new, &QAction::triggered, this, &MainActions::newProjectRequested);

    m_open = new QAction(tr("&Open Project\u2026"), m_window);
    m_open->setShortcut(QKeySequence::Open);
    connect(m_open, &QAction::triggered, this, &MainActions::openProjectRequested);

    m_addFilms = new QAction(tr("Add &Films\u2026"), m_window);
    m_addFilms->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    connect(m_addFilms, &QAction::triggered, this, &MainActions::addFilmsRequested);

    m_import = new QAction(tr("&Import Annotations\u2026"), m_window);
    connect(m_import, &QAction::triggered, this, &MainActions::importRequested);

    m_export = new QAction(tr("&Export Splits\u2026"), m_window);
    connect(m_export, &QAction::triggered, this, &MainActions::exportRequested);

    m_quit = new QAction(tr("&Quit"), m_window);
    m_quit->setShortcut(QKeySequence::Quit);
    m_quit->setMenuRole(QAction::QuitRole);
    connect(m_quit, &QAction::triggered, m_window, &QWidget::close);

    m_undo = undoStack->createUndoAction(m_window, tr("&Undo"));
    m_undo->setShortcut(QKeySequence::Undo);
    m_redo = undoStack->createRedoAction(m_window, tr("&Redo"));
    // Ctrl+Shift+Z everywhere, plus the platform's own redo keys (Ctrl+Y on
    // Windows) where they differ.
    QList<QKeySequence> redoKeys = {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z)};
    for (const QKeySequence &k : QKeySequence::keyBindings(QKeySequence::Redo))
        if (!redoKeys.contains(k))
            redoKeys.append(k);
    m_redo->setShortcuts(redoKeys);

    m_nextUnannotated = new QAction(tr("&Next Unannotated Clip"), m_window);
    m_nextUnannotated->setShortcut(QKeySequence(Qt::Key_N));
    connect(m_nextUnannotated, &QAction::triggered, this, &MainActions::nextUnannotatedRequested);

    // Bare-key shortcuts on the window: they work wherever focus is in it,
    // except in the note field, which takes typed characters first.
    int key = Qt::Key_1;
    for (core::Level l :
         {core::Level::EasyNegative, core::Level::HardNegative, core::Level::Sure}) {
        auto *a = new QAction(core::levelName(l), m_window);
        a->setShortcut(QKeySequence(key++));
        QPixmap swatch(16, 16);
        swatch.fill(LevelPalette::color(l));
        a->setIcon(QIcon(swatch));
        connect(a, &QAction::triggered, this, [this, l] { emit levelRequested(l); });
        m_levelActions.append(a);
    }

    m_clear = new QAction(tr("&Clear My Annotation"), m_window);
    m_clear->setShortcut(QKeySequence(Qt::Key_Delete));
    connect(m_clear, &QAction::triggered, this, &MainActions::clearRequested);

    m_changeAnnotator = new QAction(tr("Change &Annotator Name\u2026"), m_window);
    connect(m_changeAnnotator, &QAction::triggered, this, &MainActions::changeAnnotatorRequested);

    for (QAction *a : {m_undo, m_redo, m_nextUnannotated, m_clear})
        m_window->addAction(a);
    m_window->addActions(m_levelActions);

    // Player and timeline keys: bare keys, so a text field with the keyboard
    // takes them (QLineEdit claims printable keys; typing() covers the rest).
    addKeyAction(tr("Play / Pause"), QKeySequence(Qt::Key_Space),
                 [this] { emit playPauseRequested(); });
    addKeyAction(tr("Previous Frame"), QKeySequence(Qt::Key_Comma),
                 [this] { emit frameStepRequested(-1); });
    addKeyAction(tr("Next Frame"), QKeySequence(Qt::Key_Period),
                 [this] { emit frameStepRequested(1); });
    addKeyAction(tr("Slower"), QKeySequence(Qt::Key_BracketLeft),
                 [this] { emit slowerRequested(); });
    addKeyAction(tr("Faster"), QKeySequence(Qt::Key_BracketRight),
                 [this] { emit fasterRequested(); });
    addKeyAction(tr("Loop Clip"), QKeySequence(Qt::Key_L), [this] { emit loopRequested(); });
    addKeyAction(tr("Previous Clip"), QKeySequence(Qt::Key_Up),
                 [this] { emit clipStepRequested(-1); });
    addKeyAction(tr("Next Clip"), QKeySequence(Qt::Key_Down),
                 [this] { emit clipStepRequested(1); });
    QAction *zoomIn =
        addKeyAction(tr("Zoom In"), QKeySequence(Qt::Key_Plus), [this] { emit zoomInRequested(); });
    zoomIn->setShortcuts({QKeySequence(Qt::Key_Plus), QKeySequence(Qt::Key_Equal)});
    addKeyAction(tr("Zoom Out"), QKeySequence(Qt::Key_Minus), [this] { emit zoomOutRequested(); });
    addKeyAction(tr("Whole Film"), QKeySequence(Qt::Key_0), [this] { emit wholeFilmRequested(); });
}

void MainActions::createMenus()
{
    QMenuBar *bar = m_window->menuBar();
    QMenu *file = bar->addMenu(tr("&File"));
    file->addAction(m_new);
    file->addAction(m_open);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainActions::rebuildRecentMenu);
    file->addSeparator();
    file->addAction(m_addFilms);
    file->addAction(m_import);
    file->addAction(m_export);
    file->addSeparator();
    file->addAction(m_quit);

    QMenu *edit = bar->addMenu(tr("&Edit"));
    edit->addAction(m_undo);
    edit->addAction(m_redo);
    edit->addSeparator();
    edit->addAction(m_nextUnannotated);
    edit->addSeparator();
    edit->addAction(m_changeAnnotator);

    QMenu *annotate = bar->addMenu(tr("&Annotate"));
    annotate->addActions(m_levelActions);
    annotate->addSeparator();
    // Concept keys: the type-ahead and one action per concept (setConceptKeys).
    m_conceptFilter = new QAction(tr("&Find Concept\u2026"), m_window);
    m_conceptFilter->setShortcut(QKeySequence(Qt::Key_Slash));
    m_conceptFilter->setToolTip(tr("Type a few letters of a concept, Enter ticks it"));
    connect(m_conceptFilter, &QAction::triggered, this, [this] {
        if (!typing())
            emit conceptFilterRequested();
    });
    m_window->addAction(m_conceptFilter);
    annotate->addAction(m_conceptFilter);
    m_conceptMenu = annotate->addMenu(tr("&Concepts"));
    m_conceptMenu->setEnabled(false);
    annotate->addSeparator();
    annotate->addAction(m_clear);

    m_filmMenu = bar->addMenu(tr("F&ilm"));
    m_filmMenu->addActions(m_clipActions);
    m_filmMenu->addSeparator();
    m_filmMenu->addAction(m_segment);
    m_filmMenu->addAction(m_exportFilm);
    m_filmMenu->addSeparator();
    m_filmMenu->addAction(m_clipNames);
    m_filmMenu->addAction(m_clipsMayOverlap);
    m_filmMenu->addSeparator();
    m_subtitlesMenu = m_filmMenu->addMenu(tr("S&ubtitles"));
    m_subtitlesMenu->setEnabled(false);

    QMenu *play = bar->addMenu(tr("&Playback"));
    play->addActions(m_playerActions);

    m_viewMenu = bar->addMenu(tr("&View"));
    m_viewMenu->addAction(tr("&Statistics\u2026"), this, &MainActions::statisticsRequested);
    m_viewMenu->addAction(tr("Inter-annotator &Agreement\u2026"), this,
                          &MainActions::agreementRequested);
    QAction *runs =
        m_viewMenu->addAction(tr("&Runs and Comparisons\u2026"), this, &MainActions::runsRequested);
    runs->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    QAction *explain =
        m_viewMenu->addAction(tr("&Explain a Run\u2026"), this, &MainActions::explainRequested);
    explain->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    QAction *extract =
        m_viewMenu->addAction(tr("E&xtract Features\u2026"), this, &MainActions::extractRequested);
    extract->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    // The docks' toggles follow (addToViewMenu).
    m_viewMenu->addSeparator();
    rebuildRecentMenu();
}

void MainActions::addToViewMenu(QAction *toggle)
{
    m_viewMenu->addAction(toggle);
}

void MainActions::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = m_settings.recentProjects();
    for (const QString &path : recent) {
        QAction *a = m_recentMenu->addAction(QDir::toNativeSeparators(path));
        connect(a, &QAction::triggered, this, [this, path] { emit openRecentRequested(path); });
    }
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainActions::setConceptKeys(const QList<std::pair<QString, QChar>> &keys)
{
    for (QAction *a : std::as_const(m_conceptActions)) {
        m_window->removeAction(a);
        delete a;
    }
    m_conceptActions.clear();
    m_conceptMenu->clear();
    for (const auto &[name, key] : keys) {
        auto *a = new QAction(QString(name).replace(u'&', QStringLiteral("&&")), m_window);
        a->setObjectName(QStringLiteral("conceptKey:%1").arg(name));
        if (!key.isNull())
            a->setShortcut(QKeySequence(key));
        a->setEnabled(m_clipEnabled);
        connect(a, &QAction::triggered, this, [this, name] {
            if (!typing())
                emit conceptToggleRequested(name);
        });
        m_window->addAction(a);
        m_conceptMenu->addAction(a);
        m_conceptActions.append(a);
    }
    m_conceptMenu->setEnabled(!m_conceptActions.isEmpty());
}

void MainActions::updateEnabled(bool projectOpen, bool clipSelected)
{
    const bool clip = projectOpen && clipSelected;
    m_clipEnabled = clip;
    m_conceptFilter->setEnabled(clip);
    for (QAction *a : std::as_const(m_conceptActions))
        a->setEnabled(clip);
    m_addFilms->setEnabled(projectOpen);
    m_import->setEnabled(projectOpen);
    m_export->setEnabled(projectOpen);
    m_nextUnannotated->setEnabled(projectOpen);
    m_clear->setEnabled(clip);
    for (QAction *a : std::as_const(m_levelActions))
        a->setEnabled(clip);
    m_projectOpen = projectOpen;
    for (QAction *a : std::as_const(m_clipActions))
        a->setEnabled(projectOpen && (a != m_makeClip || m_marksSet));
    m_segment->setEnabled(projectOpen);
    m_exportFilm->setEnabled(projectOpen);
}

void MainActions::setClipMarksSet(bool set)
{
    m_marksSet = set;
    m_makeClip->setEnabled(m_projectOpen && set);
}

// Clips by hand (ELAN's and the video editors' keys: I and O mark, Enter
// makes the clip), split, merge, delete and frame-exact edge moves. Bare
// keys stand aside while a text field has the keyboard, like the player's;
// Delete itself stays Clear My Annotation, so deleting the clip is
// Shift+Delete.
void MainActions::createClipActions()
{
    const auto add = [this](const QString &text, const QList<QKeySequence> &keys,
                            const std::function<void()> &emitter) {
        auto *a = new QAction(text, m_window);
        a->setShortcuts(keys);
        connect(a, &QAction::triggered, this, [emitter] {
            if (!typing())
                emitter();
        });
        m_window->addAction(a);
        m_clipActions.append(a);
        return a;
    };
    add(tr("Set &In Point"), {QKeySequence(Qt::Key_I)}, [this] { emit inPointRequested(); });
    add(tr("Set &Out Point"), {QKeySequence(Qt::Key_O)}, [this] { emit outPointRequested(); });
    m_makeClip = add(tr("&Make Clip from In to Out"),
                     {QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter)},
                     [this] { emit makeClipRequested(); });
    // Enter belongs to the note field and the lists until both marks are set.
    m_makeClip->setEnabled(false);
    add(tr("&Split Clip at Playhead"), {QKeySequence(Qt::Key_S)},
        [this] { emit splitClipRequested(); });
    add(tr("M&erge Clip with Next"), {QKeySequence(Qt::Key_M)},
        [this] { emit mergeClipRequested(); });
    add(tr("&Delete Clip"), {QKeySequence(Qt::SHIFT | Qt::Key_Delete)},
        [this] { emit deleteClipRequested(); });
    add(tr("Move Nearest Edge One Frame &Earlier"), {QKeySequence(Qt::ALT | Qt::Key_Comma)},
        [this] { emit nudgeEdgeRequested(-1); });
    add(tr("Move Nearest Edge One Frame &Later"), {QKeySequence(Qt::ALT | Qt::Key_Period)},
        [this] { emit nudgeEdgeRequested(1); });

    m_segment = new QAction(tr("Se&gment Film into Clips\u2026"), m_window);
    m_segment->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_G));
    connect(m_segment, &QAction::triggered, this, &MainActions::segmentRequested);
    m_exportFilm = new QAction(tr("E&xport Film Annotations (ELAN, CSV)\u2026"), m_window);
    connect(m_exportFilm, &QAction::triggered, this, &MainActions::exportFilmRequested);
    m_clipNames = new QAction(tr("New Clip &Names\u2026"), m_window);
    connect(m_clipNames, &QAction::triggered, this, &MainActions::clipNamesRequested);
    m_clipsMayOverlap = new QAction(tr("Clips May &Overlap"), m_window);
    m_clipsMayOverlap->setCheckable(true);
    m_clipsMayOverlap->setChecked(m_settings.clipsMayOverlap());
    connect(m_clipsMayOverlap, &QAction::toggled, this, [this](bool on) {
        m_settings.setClipsMayOverlap(on);
        emit clipsMayOverlapToggled(on);
    });
}

} // namespace ms::ui
