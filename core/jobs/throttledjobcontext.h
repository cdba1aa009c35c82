#pragma once

#include "core/jobs/job.h"
#include "core/jobs/progressthrottle.h"

#include <functional>

namespace ms::core {

// The JobContext both ways of running a job share (JobRunner's threads and
// runHere): reports go through one ProgressThrottle to plain sinks, and
// runGuarded() turns whatever run() does into exactly one JobOutcome, so the
// GUI and the CLI see the same reports and the same ending.
class ThrottledJobContext final : public JobContext
{
public:
    struct Sinks
    {
        std::function<void(const JobProgress &)> progress;
        std::function<void(const QVariant &)> partial;
        std::function<void(const QString &)> log;
    };

    ThrottledJobContext(CancelToken token, Sinks sinks, int throttleMs);

    const CancelToken &cancelToken() const override { return m_token; }
    void progress(const JobProgress &p) override;
    void partial(const QVariant &value, bool important = false) override;
    void log(const QString &line) override;
    using JobContext::progress;

    // Runs `job`: an exception becomes Failed, a run that returns after its
    // token was cancelled becomes Cancelled, and the held-back last reports
    // are delivered before the outcome is returned.
    JobOutcome runGuarded(Job &job);

private:
    void flush();

    CancelToken m_token;
    Sinks m_sinks;
    ProgressThrottle m_throttle;
};

} // namespace ms::core
