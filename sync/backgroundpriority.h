#pragma once

namespace ms::sync {

// While alive, the calling thread runs at a lower CPU priority (nice +10 on
// Linux; nothing elsewhere), restored on destruction. A background sync that
// applies thousands of pulled changes then never takes the processor from
// the thread where the annotator is editing.
class BackgroundPriority
{
public:
    BackgroundPriority();
    ~BackgroundPriority();
    BackgroundPriority(const BackgroundPriority &) = delete;
    BackgroundPriority &operator=(const BackgroundPriority &) = delete;

private:
    int m_before = 0;
    bool m_changed = false;
};

} // namespace ms::sync
