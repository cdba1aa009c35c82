#pragma once

#include "core/jobs/jobrunner.h"

#include <QObject>
#include <QPointer>

class QTimer;

namespace ms::ui {

class MainStatusBar;
class ProjectDocument;

// Keeps a project linked to a team server in sync from the window: a sync
// in the background every `interval` (30 s) and a few seconds after each
// local edit, and "Team: synced / N waiting / offline" in the status bar
// (clicking it syncs now). Changes pulled from the team reload the document,
// so every view shows them.
//
// Design: the syncs run on a JobRunner of their own, so a periodic sync does
// not flash a job row in the status bar every half minute and an offline
// server is one quiet "offline" rather than a message each time; the job is
// the same sync::TeamSyncJob that `team sync` runs.
class TeamSyncController : public QObject
{
    Q_OBJECT
public:
    TeamSyncController(MainStatusBar *status, QObject *parent = nullptr);
    ~TeamSyncController() override;

    void setDocument(ProjectDocument *document);
    // The window's annotator: a member annotating under another name is
    // told that those edits stay local (the server takes only their own).
    // Opening a linked project asks for the member's name instead
    // (annotatorRequested), so a member annotates as themselves at once.
    void setAnnotator(const QString &annotator);
    // Starts a sync unless one runs or the project is not linked.
    void syncNow();

    void setInterval(int ms);
    void setEditDelay(int ms);
    // What the status bar says ("" when the project is not linked).
    QString statusText() const { return m_text; }
    bool isOffline() const { return m_offline; }
    core::JobRunner *runner() const { return m_runner; }

Q_SIGNALS:
    // A sync ended (done, failed or cancelled).
    void synced(const ms::core::JobOutcome &outcome);
    // A project linked to a team was opened whose member is not the
    // window's annotator: the window annotates as `member` from now on.
    void annotatorRequested(const QString &member);

private:
    void finished(core::JobRunner::JobId id, const core::JobOutcome &outcome);
    void refreshStatus();

    MainStatusBar *m_status;
    core::JobRunner *m_runner;
    QTimer *m_periodic;
    QTimer *m_afterEdit;
    QPointer<ProjectDocument> m_document;
    QString m_path;
    QString m_runningPath; // the project of the last sync started
    bool m_linked = false;
    bool m_offline = false;
    QString m_text;
    QString m_lastError;
    QString m_annotator;
    void warnAboutAnnotator();
};

} // namespace ms::ui
