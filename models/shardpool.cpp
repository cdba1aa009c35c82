#include "models/shardpool.h"

#include <ATen/Parallel.h>
#include <dlfcn.h>
#include <utility>

namespace ms::models {

namespace {

// Narrows the calling thread's OpenMP team. The call goes to the OpenMP
// runtime LibTorch itself loaded, looked up at run time: linking one of our
// own (GCC's libgomp) would put a second OpenMP runtime in the process
// wherever LibTorch brings its own (a pip or conda LibTorch ships libgomp or
// Intel's libiomp5), and the call would then narrow a team nobody uses.
void setThreadTeamSize(int threads)
{
    using SetNumThreads = void (*)(int);
    static const auto set =
        reinterpret_cast<SetNumThreads>(dlsym(RTLD_DEFAULT, "omp_set_num_threads"));
    if (set)
        set(threads);
}

} // namespace

ShardPool::ShardPool(int workers, int intraOpThreads)
{
    for (int w = 0; w < std::max(1, workers); ++w)
        m_threads.emplace_back([this, w, intraOpThreads] { loop(w, intraOpThreads); });
}

ShardPool::~ShardPool()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_start.notify_all();
    for (auto &t : m_threads)
        t.join();
}

void ShardPool::loop(int worker, int intraOpThreads)
{
    // LibTorch sets a thread's OpenMP team size from its global count the
    // first time the thread asks; ask first, then narrow this thread only
    // (at::set_num_threads would change the count of every thread).
    (void)at::get_num_threads();
    setThreadTeamSize(std::max(1, intraOpThreads));
    unsigned seen = 0;
    for (;;) {
        const std::function<void(int)> *job = nullptr;
        {
            std::unique_lock lock(m_mutex);
            m_start.wait(lock, [&] { return m_stop || m_generation != seen; });
            if (m_stop)
                return;
            seen = m_generation;
            job = m_job;
        }
        std::exception_ptr error;
        try {
            (*job)(worker);
        } catch (...) {
            error = std::current_exception();
        }
        std::lock_guard lock(m_mutex);
        if (error && !m_error)
            m_error = error;
        if (--m_pending == 0)
            m_done.notify_all();
    }
}

void ShardPool::run(const std::function<void(int)> &job)
{
    std::unique_lock lock(m_mutex);
    m_job = &job;
    m_pending = int(m_threads.size());
    m_error = nullptr;
    ++m_generation;
    m_start.notify_all();
    m_done.wait(lock, [&] { return m_pending == 0; });
    m_job = nullptr;
    if (m_error)
        std::rethrow_exception(std::exchange(m_error, nullptr));
}

} // namespace ms::models
