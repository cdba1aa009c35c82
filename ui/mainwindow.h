#pragma once

#include "core/obygazereader.h"
#include "ui/settings.h"

#include <QMainWindow>
#include <memory>

class QAction;
class QLabel;
class QMenu;
class QSplitter;

namespace ms::ui {

class AnnotationController;
class AnnotationPanel;
class ClipBrowser;
class ClipTableModel;
class ProjectDocument;

// The main window: menus, the clip browser and the annotation panel side by
// side in a splitter that sits inside a vertical splitter, so the player and
// timeline of a later issue slot in without moving anything.
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

    Settings m_settings;
    std::unique_ptr<ProjectDocument> m_document;
    AnnotationController *m_controller;
    ClipTableModel *m_model;
    ClipBrowser *m_browser;
    AnnotationPanel *m_panel;
    QSplitter *m_mainSplitter;
    QSplitter *m_workSplitter;
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
