#include "sync/teamsyncjob.h"

#include "database/projectdatabase.h"
#include "sync/backgroundpriority.h"
#include "sync/servererror.h"
#include "sync/teamsync.h"

namespace ms::sync {

static QVariantMap resultOf(const TeamSync::Report &r)
{
    return {{QStringLiteral("waiting"), r.waiting},
            {QStringLiteral("pulled"), r.pulled},
            {QStringLiteral("pushed"), r.pushed},
            {QStringLiteral("refused"), r.refused}};
}

core::JobOutcome TeamSyncJob::run(core::JobContext &context)
{
    const BackgroundPriority background;
    db::ProjectDatabase project(m_path, db::ProjectDatabase::Mode::OpenExisting);
    TeamSync sync(project);
    try {
        const TeamSync::Report r =
            sync.sync([&](const QString &text) { context.progress(-1.0, text); },
                      [&] { return context.isCancelled(); });
        for (const QString &m : r.messages)
            context.log(m);
        if (context.isCancelled())
            return core::JobOutcome::cancelled(
                QStringLiteral("what was sent and received so far is kept"), resultOf(r));
        return core::JobOutcome::done(resultOf(r), r.summary());
    } catch (const ServerError &e) {
        if (e.isOffline())
            return core::JobOutcome::failed(QString::fromLatin1(offlinePrefix) + e.message());
        throw;
    }
}

} // namespace ms::sync
