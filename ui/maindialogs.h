#pragma once

#include <QObject>
#include <QString>

namespace ms::ui {

class MainWindow;

// The questions behind the menus: each dialog asks the user (a file, a run,
// a name), calls the window's public operation with the answer and shows
// what went wrong in a message box.
//
// Design: the window's operations never show a dialog (tests and the
// screenshot mode drive them directly), so the asking lives here, apart from
// the wiring; a test answers the dialogs by finding them among the top-level
// widgets.
class MainDialogs : public QObject
{
    Q_OBJECT
public:
    explicit MainDialogs(MainWindow *window);

    void newProject();
    void openProject();
    // Opens a recent project; one that is gone leaves the recent list.
    void openRecent(const QString &path);
    // Asks for one or more films and adds them in the background.
    void addFilms();
    void importAnnotations();
    void exportSplits();
    // Asks for the shown film's moved media file; when the file does not
    // match, asks whether to use it anyway.
    void relinkFilm();
    void explainRun();
    void extractFeatures();
    void changeAnnotator();
    // The name written with annotations, asked once; empty when refused.
    QString askAnnotator();
    void showError(const QString &title, const QString &message);

private:
    MainWindow *m_window;
};

} // namespace ms::ui
