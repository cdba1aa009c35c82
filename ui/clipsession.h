#pragma once

#include "core/subtitlesidecarfinder.h"
#include "core/subtitlesource.h"

#include <QObject>

class QWidget;

namespace ms::ui {

class ClipBrowser;
class ClipEditor;
class FilmSession;
class MainActions;
class MainStatusBar;
class PlayerWidget;
class ProjectDocument;
class Settings;
class TimelineWidget;

// Clips by hand in the window: the Film menu's keys (I, O, Enter, S, M,
// Shift+Delete, Alt+, and Alt+.), a range drawn on the clips lane, the
// clip name pattern and the overlap setting, wired to one ClipEditor.
//
// Design: wiring only, like the other sessions. The playhead is the
// timeline's (it follows the player); "the clip under the playhead" is the
// selected clip when the playhead is in it, else the shown film's clip
// there. Refusals (the playhead outside any clip, an overlap) go to the
// status bar: they are answers to a key press, not failures to dismiss.
class ClipSession : public QObject
{
    Q_OBJECT
public:
    ClipSession(ClipEditor *editor, MainActions *actions, ClipBrowser *browser,
                TimelineWidget *timeline, FilmSession *film, PlayerWidget *player,
                MainStatusBar *status, Settings &settings, QWidget *dialogParent);

    void setDocument(ProjectDocument *document);
    ClipEditor *editor() const { return m_editor; }

    // The clip the split and merge keys act on (0: none).
    qint64 clipAtPlayhead() const;
    // One frame of the shown film in ms (25 fps when unknown).
    qint64 frameMs() const;
    // Asks for the pattern of new clip names (Film > New Clip Names).
    void askNamePattern();
    // Writes the shown film's clips and annotations to `path` in the
    // registry's format `formatId` (ELAN .eaf, Modalscope CSV). False and
    // lastError() when there is no film, the format cannot write or the
    // file cannot be written (nothing is left half-written).
    bool exportFilm(const QString &path, const QString &formatId);
    // Film > Export Film Annotations: a save dialog with a filter per format.
    void askExportFilm();
    QString lastError() const { return m_lastError; }

    // The shown film's sidecar subtitle files (film.srt, film.en.srt,
    // film.fr.vtt, ...) then the text subtitle streams inside it, and the
    // choice among them (Film > Subtitles): an empty source for none.
    // Undoable; false and lastError() when refused.
    QList<core::SubtitleSidecarFinder::Candidate> subtitleChoices() const;
    bool chooseSubtitles(const core::SubtitleSource &source);
    bool chooseSubtitles(const QString &path)
    {
        return chooseSubtitles(core::SubtitleSource{path, -1});
    }

private:
    void showError(const QString &message);
    void rebuildSubtitlesMenu();
    void filmShown(qint64 filmId);
    bool applySubtitles(const QString &movieId, const core::SubtitleSource &source);

    ClipEditor *m_editor;
    MainActions *m_actions;
    ClipBrowser *m_browser;
    TimelineWidget *m_timeline;
    FilmSession *m_film;
    PlayerWidget *m_player;
    MainStatusBar *m_status;
    Settings &m_settings;
    QWidget *m_dialogParent;
    ProjectDocument *m_document = nullptr;
    QString m_lastError;
};

} // namespace ms::ui
