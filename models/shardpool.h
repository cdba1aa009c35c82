#pragma once

#include <condition_variable>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace ms::models {

// A fixed team of threads that run one job side by side and wait for each
// other: the trainer's data parallelism within a batch. Each thread runs its
// LibTorch work with `intraOpThreads` OpenMP threads of its own, so two
// single-threaded workers use two cores without the per-operation fork/join
// of intra-op threading (on these machines a PyTorch epoch on two intra-op
// threads is only 1.2x faster than on one). The calling thread only waits,
// so its own thread settings are left alone.
class ShardPool
{
public:
    ShardPool(int workers, int intraOpThreads);
    ~ShardPool();
    ShardPool(const ShardPool &) = delete;
    ShardPool &operator=(const ShardPool &) = delete;

    int workers() const { return int(m_threads.size()); }
    // Runs job(w) on worker w for every w, returns when all are done, and
    // rethrows the first exception a worker threw.
    void run(const std::function<void(int)> &job);

private:
    void loop(int worker, int intraOpThreads);

    std::vector<std::thread> m_threads;
    std::mutex m_mutex;
    std::condition_variable m_start, m_done;
    const std::function<void(int)> *m_job = nullptr;
    unsigned m_generation = 0;
    int m_pending = 0;
    bool m_stop = false;
    std::exception_ptr m_error;
};

} // namespace ms::models
