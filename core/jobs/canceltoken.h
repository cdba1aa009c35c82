#pragma once

#include <atomic>
#include <memory>

namespace ms::core {

// A shared cancel flag: copies refer to the same flag, so the runner keeps
// one copy and the job another. Cheap to test in inner loops; flag() hands
// the raw atomic to older APIs that take `const std::atomic<bool> *`.
class CancelToken
{
public:
    CancelToken() : m_flag(std::make_shared<std::atomic<bool>>(false)) {}

    void cancel() const { m_flag->store(true); }
    bool isCancelled() const { return m_flag->load(); }
    std::atomic<bool> *flag() const { return m_flag.get(); }

private:
    std::shared_ptr<std::atomic<bool>> m_flag;
};

} // namespace ms::core
