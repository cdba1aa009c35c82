#include "core/jobs/throttledjobcontext.h"

#include "core/error.h"

namespace ms::core {

ThrottledJobContext::ThrottledJobContext(CancelToken token, Sinks sinks, int throttleMs)
    : m_token(std::move(token)), m_sinks(std::move(sinks)), m_throttle(throttleMs)
{
}

void ThrottledJobContext::progress(const JobProgress &p)
{
    if (const auto pass = m_throttle.offerProgress(p); pass && m_sinks.progress)
        m_sinks.progress(*pass);
}

void ThrottledJobContext::partial(const QVariant &value, bool important)
{
    if (const auto pass = m_throttle.offerPartial(value, important); pass && m_sinks.partial)
        m_sinks.partial(*pass);
}

void ThrottledJobContext::log(const QString &line)
{
    if (m_sinks.log)
        m_sinks.log(line);
}

void ThrottledJobContext::flush()
{
    if (const auto p = m_throttle.takePendingPartial(); p && m_sinks.partial)
        m_sinks.partial(*p);
    if (const auto p = m_throttle.takePendingProgress(); p && m_sinks.progress)
        m_sinks.progress(*p);
}

JobOutcome ThrottledJobContext::runGuarded(Job &job)
{
    JobOutcome outcome;
    try {
        outcome = job.run(*this);
    } catch (const std::exception &e) {
        outcome = JobOutcome::failed(messageOf(e));
    } catch (...) {
        outcome = JobOutcome::failed(
            QStringLiteral("%1 stopped on an unexpected error").arg(job.title()));
    }
    // A job that noticed the token only by stopping early (a half-read film
    // reported as done, an error from an interrupted read) was cancelled:
    // the user asked for it, and its result is what was kept.
    if (m_token.isCancelled() && !outcome.isCancelled())
        outcome =
            JobOutcome::cancelled(outcome.isDone() ? outcome.message : QString(), outcome.result);
    flush();
    return outcome;
}

} // namespace ms::core
