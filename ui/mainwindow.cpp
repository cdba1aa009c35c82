#include "ui/mainwindow.h"

#include "core/error.h"
#include "core/modalscopecsv.h"
#include "ui/annotationcontroller.h"
#include "ui/annotationpanel.h"
#include "ui/clipbrowser.h"
#include "ui/cliptablemodel.h"
#include "ui/exportsplitsdialog.h"
#include "ui/importdialog.h"
#include "ui/levelpalette.h"
#include "ui/projectdocument.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
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
      m_mainSplitter(new QSplitter(Qt::Vertical, this)),
      m_workSplitter(new QSplitter(Qt::Horizontal, m_mainSplitter)),
      m_statusCounts(new QLabel(this))
{
    m_controller->setAnnotatorProvider([this] { return ensureAnnotator(); });

    m_workSplitter->addWidget(m_browser);
    m_workSplitter->addWidget(m_panel);
    m_workSplitter->setStretchFactor(0, 3);
    m_workSplitter->setStretchFactor(1, 1);
    m_workSplitter->setChildrenCollapsible(false);
    m_mainSplitter->addWidget(m_workSplitter);
    setCentralWidget(m_mainSplitter);
    m_panel->setMinimumWidth(340);

    statusBar()->addPermanentWidget(m_statusCounts);

    createActions();
    createMenus();

    connect(m_browser, &ClipBrowser::currentClipChanged, this, [this](qint64 id) {
        m_panel->setClip(id);
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

    resize(1400, 850);
    if (const QByteArray g = m_settings.windowGeometry(); !g.isEmpty())
        restoreGeometry(g);
    if (const QByteArray s = m_settings.windowState(); !s.isEmpty())
        m_workSplitter->restoreState(s);
    updateTitle();
    updateStatus();
    updateActions();
}

MainWindow::~MainWindow()
{
    // Views and the controller hold plain pointers to the document.
    m_controller->setDocument(nullptr);
    m_model->setDocument(nullptr);
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
    // the browser goes last, as it announces the new current clip.
    m_controller->setDocument(document.get());
    m_panel->setDocument(document.get());
    m_model->setDocument(document.get());
    m_browser->setDocument(document.get());
    std::swap(m_document, document);
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
    m_settings.setWindowState(m_workSplitter->saveState());
    m_settings.sync();
    event->accept();
}

} // namespace ms::ui
