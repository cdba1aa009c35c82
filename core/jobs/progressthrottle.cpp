#include "core/jobs/progressthrottle.h"

namespace ms::core {

ProgressThrottle::ProgressThrottle(int intervalMs, std::function<qint64()> now)
    : m_interval(std::max(0, intervalMs)), m_now(std::move(now))
{
    if (!m_now) {
        m_clock.start();
        m_now = [this] { return m_clock.elapsed(); };
    }
}

bool ProgressThrottle::due(std::optional<qint64> &last)
{
    const qint64 t = m_now();
    if (last && t - *last < m_interval)
        return false;
    last = t;
    return true;
}

std::optional<JobProgress> ProgressThrottle::offerProgress(const JobProgress &p)
{
    const bool complete = p.fraction >= 1.0 || (p.total > 0 && p.done >= p.total);
    if (complete || due(m_lastProgress)) {
        // Anything held back is older than this report: it would only go backwards.
        m_pendingProgress.reset();
        return p;
    }
    m_pendingProgress = p;
    return std::nullopt;
}

std::optional<QVariant> ProgressThrottle::offerPartial(const QVariant &value, bool important)
{
    if (important || due(m_lastPartial)) {
        m_pendingPartial.reset();
        return value;
    }
    m_pendingPartial = value;
    return std::nullopt;
}

std::optional<JobProgress> ProgressThrottle::takePendingProgress()
{
    return std::exchange(m_pendingProgress, std::nullopt);
}

std::optional<QVariant> ProgressThrottle::takePendingPartial()
{
    return std::exchange(m_pendingPartial, std::nullopt);
}

} // namespace ms::core
