#pragma once

#include "core/jobs/job.h"

#include <QString>

namespace ms::sync {

// One sync of a linked project with its team server (push, then pull), as a
// job: the window runs it in the background (periodically and on demand),
// `team sync` runs it on the CLI's thread. It opens its own connection to
// the project. Done: a TeamSync::Report summary; the result a QVariantMap
// with "waiting", "pulled", "pushed" and "refused" counts; Failed: the server's or the project's
// message, starting "offline:" when the server could not be reached.
class TeamSyncJob : public core::Job
{
public:
    explicit TeamSyncJob(QString projectPath) : m_path(std::move(projectPath)) {}
    QString kind() const override { return QStringLiteral("team-sync"); }
    QString title() const override { return QStringLiteral("Team sync"); }
    core::JobOutcome run(core::JobContext &context) override;

    static constexpr const char *offlinePrefix = "offline: ";

private:
    QString m_path;
};

} // namespace ms::sync
