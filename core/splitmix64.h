#pragma once

#include <QtGlobal>

namespace ms::core {

// SplitMix64: a tiny seeded generator whose output is fixed by its definition,
// unlike std::shuffle or std::uniform_int_distribution, whose results differ
// between standard libraries. Used wherever a seed must reproduce a result.
class SplitMix64
{
public:
    explicit SplitMix64(quint64 seed) : m_state(seed) {}
    quint64 next()
    {
        quint64 z = (m_state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    // Uniform in [0, n) by rejection, n > 0.
    quint64 below(quint64 n)
    {
        const quint64 limit = ~quint64(0) - (~quint64(0) % n);
        quint64 v;
        do {
            v = next();
        } while (v >= limit);
        return v % n;
    }
    // Uniform in [0, 1).
    double uniform() { return double(next() >> 11) * (1.0 / 9007199254740992.0); }

private:
    quint64 m_state;
};

} // namespace ms::core
