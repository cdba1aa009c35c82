#include "sync/backgroundpriority.h"

#ifdef __linux__
#include <cerrno>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace ms::sync {

#ifdef __linux__
// On Linux a nice value belongs to a thread (its tid), not the process.
static id_t currentThread()
{
    return id_t(::syscall(SYS_gettid));
}

BackgroundPriority::BackgroundPriority()
{
    errno = 0;
    m_before = ::getpriority(PRIO_PROCESS, currentThread());
    if (errno == 0)
        m_changed = ::setpriority(PRIO_PROCESS, currentThread(), m_before + 10) == 0;
}

BackgroundPriority::~BackgroundPriority()
{
    // Raising it back needs privileges a user may lack; the thread then
    // stays lower, which only ever affects later background work.
    if (m_changed)
        ::setpriority(PRIO_PROCESS, currentThread(), m_before);
}
#else
BackgroundPriority::BackgroundPriority() = default;
BackgroundPriority::~BackgroundPriority() = default;
#endif

} // namespace ms::sync
