#pragma once

#include "core/jobs/job.h"
#include "core/jobs/throttledjobcontext.h"

#include <QObject>
#include <functional>
#include <memory>

namespace ms::core {

// Runs jobs off the calling (GUI) thread and reports on it through queued
// signals. It owns the threads. A job started in a non-empty `slot` (for
// example "waveform") supersedes the job running in that slot: the older one
// is cancelled and whatever it still reports is dropped (stale), so a film
// switched away from never paints over the new one. finished() is emitted
// exactly once per started job that is not stale.
//
// The CLI runs the same Job classes with runHere(), which calls the same
// throttled sinks on the calling thread.
class JobRunner : public QObject
{
    Q_OBJECT
public:
    using JobId = quint64;

    struct Info
    {
        JobId id = 0;
        QString kind;
        QString title;
        QString slot;
    };

    explicit JobRunner(QObject *parent = nullptr);
    // Cancels every job and waits for their threads.
    ~JobRunner() override;

    JobId start(std::unique_ptr<Job> job, const QString &slot = {});
    void cancel(JobId id);
    void cancelAll();

    bool isRunning(JobId id) const;
    bool isSlotBusy(const QString &slot) const;
    QList<Info> running() const;
    // Blocks until every job ended (tests, closing the window).
    bool waitForIdle(int timeoutMs = -1);

    // The interval of progress and partial reports (ms); 250 by default.
    void setThrottleInterval(int ms);

    using Sinks = ThrottledJobContext::Sinks;
    // Runs `job` on the calling thread with the same throttling (CLI).
    static JobOutcome runHere(Job &job, const Sinks &sinks, CancelToken token = {},
                              int throttleMs = 250);

Q_SIGNALS:
    void started(ms::core::JobRunner::JobId id, const QString &kind, const QString &title);
    void progressed(ms::core::JobRunner::JobId id, const ms::core::JobProgress &progress);
    void partialResult(ms::core::JobRunner::JobId id, const QVariant &value);
    void logLine(ms::core::JobRunner::JobId id, const QString &line);
    void finished(ms::core::JobRunner::JobId id, const ms::core::JobOutcome &outcome);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace ms::core
