#include "ui/teamsynccontroller.h"

#include "core/error.h"
#include "sync/pgconnection.h"
#include "sync/teamsyncjob.h"
#include "ui/mainstatusbar.h"
#include "ui/projectdocument.h"

#include <QTimer>

namespace ms::ui {

TeamSyncController::TeamSyncController(MainStatusBar *status, QObject *parent)
    : QObject(parent), m_status(status), m_runner(new core::JobRunner(this)),
      m_periodic(new QTimer(this)), m_afterEdit(new QTimer(this))
{
    m_periodic->setInterval(30000);
    m_afterEdit->setSingleShot(true);
    m_afterEdit->setInterval(2000);
    connect(m_periodic, &QTimer::timeout, this, &TeamSyncController::syncNow);
    connect(m_afterEdit, &QTimer::timeout, this, &TeamSyncController::syncNow);
    connect(m_runner, &core::JobRunner::finished, this, &TeamSyncController::finished);
    if (m_status)
        connect(m_status, &MainStatusBar::teamSyncRequested, this, &TeamSyncController::syncNow);
}

TeamSyncController::~TeamSyncController()
{
    m_runner->cancelAll();
    m_runner->waitForIdle();
}

void TeamSyncController::setInterval(int ms)
{
    m_periodic->setInterval(ms);
}

void TeamSyncController::setEditDelay(int ms)
{
    m_afterEdit->setInterval(ms);
}

void TeamSyncController::setDocument(ProjectDocument *document)
{
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    // A sync of the previous project finishes on its own file; its outcome
    // no longer concerns the status bar (finished() checks the path).
    m_document = document;
    m_offline = false;
    m_lastError.clear();
    m_path = document ? document->path() : QString();
    m_linked = false;
    if (document) {
        try {
            m_linked = document->teamLink().linked;
        } catch (const core::UserError &) {
            m_linked = false;
        }
    }
    m_periodic->stop();
    m_afterEdit->stop();
    if (m_linked) {
        connect(document, &ProjectDocument::annotationChanged, this, [this] {
            refreshStatus();
            m_afterEdit->start();
        });
        connect(document, &ProjectDocument::clipTimesChanged, this,
                [this] { m_afterEdit->start(); });
        m_periodic->start();
        syncNow();
        // The team server takes only the member's own annotations: the
        // window annotates under the member's name (MainWindow switches).
        try {
            const sync::TeamLink link = document->teamLink();
            if (!link.member.isEmpty() && link.member != m_annotator)
                emit annotatorRequested(link.member);
        } catch (const core::UserError &) {
        }
        warnAboutAnnotator();
    }
    refreshStatus();
}

void TeamSyncController::setAnnotator(const QString &annotator)
{
    if (annotator == m_annotator)
        return;
    m_annotator = annotator;
    warnAboutAnnotator();
}

void TeamSyncController::warnAboutAnnotator()
{
    if (!m_document || !m_linked || !m_status || m_annotator.isEmpty())
        return;
    sync::TeamLink link;
    try {
        link = m_document->teamLink();
    } catch (const core::UserError &) {
        return;
    }
    if (link.coordinator || m_annotator == link.member)
        return;
    m_status->showMessage(tr("This project belongs to team member '%1', but you annotate as '%2': "
                             "the team server takes only %1's annotations, so set the annotator "
                             "to %1 (edits under '%2' stay in this project).")
                              .arg(link.member, m_annotator),
                          20000);
}

void TeamSyncController::syncNow()
{
    if (!m_linked || m_path.isEmpty() || m_runner->isSlotBusy(QStringLiteral("team-sync")))
        return;
    m_runningPath = m_path;
    m_runner->start(std::make_unique<sync::TeamSyncJob>(m_path), QStringLiteral("team-sync"));
}

void TeamSyncController::finished(core::JobRunner::JobId, const core::JobOutcome &outcome)
{
    emit synced(outcome);
    // A sync of a project no longer open says nothing about this one, which
    // now gets its own first sync.
    if (m_runningPath != m_path) {
        syncNow();
        return;
    }
    if (!m_document || !m_linked)
        return;
    if (outcome.isDone()) {
        m_offline = false;
        m_lastError.clear();
        const QVariantMap r = outcome.result.toMap();
        // Others' changes arrived: every view reads them again.
        if (r.value(QStringLiteral("pulled")).toLongLong() > 0)
            m_document->reload();
        if (r.value(QStringLiteral("refused")).toLongLong() > 0 && m_status)
            m_status->showMessage(tr("Team server: %1").arg(outcome.message), 15000);
    } else if (outcome.isFailed()) {
        const bool offline =
            outcome.message.startsWith(QLatin1String(sync::TeamSyncJob::offlinePrefix));
        // Said once, not at every periodic attempt.
        if (m_status && outcome.message != m_lastError && !offline)
            m_status->showMessage(tr("Team sync failed: %1").arg(outcome.message), 15000);
        m_offline = offline;
        m_lastError = outcome.message;
    }
    refreshStatus();
}

void TeamSyncController::refreshStatus()
{
    sync::TeamLink link;
    if (m_document && m_linked) {
        try {
            link = m_document->teamLink();
        } catch (const core::UserError &) {
        }
    }
    m_text = link.shortStatus(m_offline);
    if (!m_status)
        return;
    QString tip;
    if (link.linked) {
        tip = tr("Team server %1 as member %2%3.\nLast sync: %4.\nClick to sync now.")
                  .arg(sync::PgConnection::describeString(link.server), link.member,
                       link.coordinator ? tr(" (coordinator)") : QString(),
                       link.lastSync.isValid()
                           ? QLocale().toString(link.lastSync.toLocalTime(), QLocale::ShortFormat)
                           : tr("never"));
        if (!m_lastError.isEmpty())
            tip += u'\n' + m_lastError;
    }
    m_status->showTeamStatus(m_text.isEmpty() ? QString() : tr("Team: %1").arg(m_text), tip);
}

} // namespace ms::ui
