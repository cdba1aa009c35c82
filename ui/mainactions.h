#pragma once

#include "core/level.h"

#include <QList>
#include <QObject>
#include <functional>

class QAction;
class QKeySequence;
class QMainWindow;
class QMenu;
class QUndoStack;

namespace ms::ui {

class Settings;

// The main window's menus and keys: every QAction, the File, Edit,
// Annotate, Playback and View menus, and the recent-projects list.
//
// Design: the actions only say what the user asked for, as one signal per
// command; the window decides what that means and wires each signal to the
// part that does it, so this class knows no document, player or timeline and
// is tested on a bare QMainWindow. The keys are bare keys on the window
// (1/2/3, N, Space, ...), so they work wherever the focus is; the player and
// timeline keys stand aside while a text field has the keyboard (typing()),
// and QLineEdit claims printable keys before the level keys see them.
class MainActions : public QObject
{
    Q_OBJECT
public:
    // Adds the menus to `window`'s menu bar and the keys to `window`; the
    // undo and redo actions come from `undoStack`, the recent list from
    // `settings` (both must outlive this object).
    MainActions(QMainWindow *window, QUndoStack *undoStack, Settings &settings);

    // What can be done: without a project only New, Open and the recent
    // list; without a clip no level or clear.
    void updateEnabled(bool projectOpen, bool clipSelected);
    // Lists a dock's toggle in the View menu.
    void addToViewMenu(QAction *toggle);
    // Rebuilt from the settings each time the menu opens.
    void rebuildRecentMenu();

    QMenu *recentMenu() const { return m_recentMenu; }
    QMenu *viewMenu() const { return m_viewMenu; }
    // The Playback menu's keys (player and timeline).
    const QList<QAction *> &playerActions() const { return m_playerActions; }
    const QList<QAction *> &levelActions() const { return m_levelActions; }
    QAction *addFilmsAction() const { return m_addFilms; }
    QAction *importAction() const { return m_import; }
    QAction *exportAction() const { return m_export; }
    QAction *nextUnannotatedAction() const { return m_nextUnannotated; }
    QAction *clearAction() const { return m_clear; }

    // The Film menu (clips by hand, segmentation, clip names, subtitles):
    // I, O, Enter, S, M, Shift+Delete, Alt+, and Alt+. act on the film shown.
    QMenu *filmMenu() const { return m_filmMenu; }
    const QList<QAction *> &clipActions() const { return m_clipActions; }
    QAction *makeClipAction() const { return m_makeClip; }
    QAction *segmentAction() const { return m_segment; }
    QAction *exportFilmAction() const { return m_exportFilm; }
    QAction *clipsMayOverlapAction() const { return m_clipsMayOverlap; }
    // Make Clip (Enter) is enabled only while both marks are set, so Enter
    // stays the note field's and the lists' otherwise.
    void setClipMarksSet(bool set);
    // Where the window lists the shown film's subtitle choices.
    QMenu *subtitlesMenu() const { return m_subtitlesMenu; }
    // Concept keys (issue 13): one bare-key action per concept, listed under
    // Annotate > Concepts, each emitting conceptToggleRequested(name); `/`
    // opens the concept type-ahead (conceptFilterRequested). The window
    // passes the keys of the open project's taxonomy (core::ConceptKeyMap).
    void setConceptKeys(const QList<std::pair<QString, QChar>> &keys);
    const QList<QAction *> &conceptActions() const { return m_conceptActions; }
    QAction *conceptFilterAction() const { return m_conceptFilter; }

    // True while a text field has the keyboard: player keys stand aside.
    static bool typing();

signals:
    void newProjectRequested();
    void openProjectRequested();
    void openRecentRequested(const QString &path);
    void addFilmsRequested();
    void importRequested();
    void exportRequested();
    void nextUnannotatedRequested();
    void levelRequested(ms::core::Level level);
    void clearRequested();
    void changeAnnotatorRequested();
    void playPauseRequested();
    void frameStepRequested(int frames);
    void slowerRequested();
    void fasterRequested();
    void loopRequested();
    void clipStepRequested(int step);
    void zoomInRequested();
    void zoomOutRequested();
    void wholeFilmRequested();
    void statisticsRequested();
    void agreementRequested();
    void runsRequested();
    void explainRequested();
    void extractRequested();
    // Film menu (clips by hand and segmentation).
    void inPointRequested();
    void outPointRequested();
    void makeClipRequested();
    void splitClipRequested();
    void mergeClipRequested();
    void deleteClipRequested();
    void nudgeEdgeRequested(int frames);
    void segmentRequested();
    void clipNamesRequested();
    void exportFilmRequested();
    void clipsMayOverlapToggled(bool on);
    void conceptToggleRequested(const QString &conceptName);
    void conceptFilterRequested();

private:
    void createActions(QUndoStack *undoStack);
    void createMenus();
    void createClipActions();
    QAction *addKeyAction(const QString &text, const QKeySequence &key,
                          const std::function<void()> &emitter);

    QMainWindow *m_window;
    Settings &m_settings;
    QAction *m_new = nullptr;
    QAction *m_open = nullptr;
    QAction *m_addFilms = nullptr;
    QAction *m_import = nullptr;
    QAction *m_export = nullptr;
    QAction *m_quit = nullptr;
    QAction *m_undo = nullptr;
    QAction *m_redo = nullptr;
    QAction *m_nextUnannotated = nullptr;
    QAction *m_clear = nullptr;
    QAction *m_changeAnnotator = nullptr;
    QList<QAction *> m_levelActions;
    QList<QAction *> m_playerActions;
    QMenu *m_recentMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_filmMenu = nullptr;
    QMenu *m_subtitlesMenu = nullptr;
    QList<QAction *> m_clipActions;
    QAction *m_makeClip = nullptr;
    QAction *m_segment = nullptr;
    QAction *m_clipNames = nullptr;
    QAction *m_exportFilm = nullptr;
    QAction *m_clipsMayOverlap = nullptr;
    bool m_projectOpen = false;
    bool m_marksSet = false;
    QAction *m_conceptFilter = nullptr;
    QMenu *m_conceptMenu = nullptr;
    QList<QAction *> m_conceptActions;
    bool m_clipEnabled = false;
};

} // namespace ms::ui
