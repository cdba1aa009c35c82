#pragma once

#include "core/jobs/jobprogress.h"

#include <QElapsedTimer>
#include <QVariant>
#include <functional>
#include <optional>

namespace ms::core {

// Decides which of a job's reports reach people: at most one progress report
// and one partial result per interval (250 ms by default), so a job may
// report after every packet without flooding the GUI thread. The first
// report always passes; a held-back report is kept as pending and handed out
// by takePending*() when the job ends, so the last one always arrives too. A
// progress report that says the work is complete and an `important` partial
// (an epoch's metrics) always pass. Not thread-safe: one per running job.
class ProgressThrottle
{
public:
    // `now` (ms, monotonic) lets tests drive the clock; by default a
    // QElapsedTimer.
    explicit ProgressThrottle(int intervalMs = 250, std::function<qint64()> now = {});


    // The report to deliver now, or nothing when it is held back.
    std::optional<JobProgress> offerProgress(const JobProgress &p);
    std::optional<QVariant> offerPartial(const QVariant &value, bool important);

    // The last held-back reports, if any (cleared by the call).
    std::optional<JobProgress> takePendingProgress();
    std::optional<QVariant> takePendingPartial();

private:
    bool due(std::optional<qint64> &last);

    int m_interval;
    std::function<qint64()> m_now;
    QElapsedTimer m_clock;
    std::optional<qint64> m_lastProgress, m_lastPartial;
    std::optional<JobProgress> m_pendingProgress;
    std::optional<QVariant> m_pendingPartial;
};

} // namespace ms::core
