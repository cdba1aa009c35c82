#include "sync/teamsyncjob.h"

#include "database/projectdatabase.h"
#include "sync/servererror.h"
#include "sync/teamsync.h"

namespace ms::sync {

core::JobOutcome TeamSyncJob::run(core::JobContext &context)
{
    db::ProjectDatabase project(m_path, db::ProjectDatabase::Mode::OpenExisting);
    TeamSync sync(project);
    try {
        const TeamSync::Report r = sync.sync(
            [&](const QString &text) { context.progress(-1.0, text); },
            [&] { return context.isCancelled(); });
        for (const QString &m : r.messages)
            context.log(m);
        if (context.isCancelled())
            return core::JobOutcome::cancelled(QStringLiteral("what was sent and received so far is kept"),
                                               r.waiting);
        return core::JobOutcome::done(r.waiting, r.summary());
    } catch (const ServerError &e) {
        if (e.isOffline())
            return core::JobOutcome::failed(QString::fromLatin1(offlinePrefix) + e.message());
        throw;
    }
}

} // namespace ms::sync
