#pragma once

#include "core/jobs/jobrunner.h"

#include <QObject>
#include <QStringList>
#include <functional>

class QMimeData;
class QWidget;

namespace ms::ui {

class ProjectDocument;

// Films into the open project, from the window: File > Add Films and films
// dropped on it. The files are probed and added in the background (a
// db::AddFilmsJob on the window's runner, progress and Cancel in the status
// bar); when the job ends the document re-reads its films and the status bar
// says what was added and what was refused.
//
// Design: the window only wires this part (the menu, the drop filter, the
// status bar), so its drop handling is an event filter on the window rather
// than overrides there; the document is asked for when needed, as the
// project may change while a job runs.
class FilmImport : public QObject
{
    Q_OBJECT
public:
    // `jobs` must outlive this object; `document` returns the open project
    // (nullptr when none).
    FilmImport(core::JobRunner *jobs, std::function<ProjectDocument *()> document,
               QObject *parent = nullptr);

    // Accepts local video files dropped on `window` and adds them.
    void acceptDropsOn(QWidget *window);

    // False (and lastError()) without a project, without files, or while
    // films are being added already.
    bool addFilms(const QStringList &paths);
    bool isRunning() const { return m_job != 0; }
    QString lastError() const { return m_lastError; }
    // What the last job ended with, in words.
    QString lastReport() const { return m_lastReport; }

    // "Video files (*.mp4 ...)": the same suffixes the drop accepts.
    static QString dialogFilter();
    // The local video files among `mime`'s URLs.
    static QStringList videoFiles(const QMimeData *mime);

signals:
    // For the status bar.
    void message(const QString &text, int timeoutMs);
    // The job ended (`ok` false when it failed or was cancelled).
    void ended(const QString &report, bool ok);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    core::JobRunner *m_jobs;
    std::function<ProjectDocument *()> m_document;
    core::JobRunner::JobId m_job = 0; // 0: none running
    QString m_jobProject;             // the project the running job adds to
    QString m_lastError;
    QString m_lastReport;
};

} // namespace ms::ui
