#include "core/shapley.h"

#include <bit>
#include <cmath>

namespace ms::core::shapley {

namespace {
double factorial(int n)
{
    double f = 1;
    for (int i = 2; i <= n; ++i)
        f *= i;
    return f;
}
} // namespace

std::vector<double> values(const std::vector<double> &v, int players)
{
    std::vector<double> phi(static_cast<size_t>(players), 0.0);
    const int all = 1 << players;
    const double mFact = factorial(players);
    for (int i = 0; i < players; ++i) {
        for (int s = 0; s < all; ++s) {
            if (s & (1 << i))
                continue;
            const int k = std::popcount(unsigned(s));
            const double w = factorial(k) * factorial(players - k - 1) / mFact;
            phi[size_t(i)] += w * (v[size_t(s | (1 << i))] - v[size_t(s)]);
        }
    }
    return phi;
}

double interaction(const std::vector<double> &v, int players, int i, int j)
{
    const int all = 1 << players;
    const int bi = 1 << i, bj = 1 << j;
    double total = 0;
    for (int s = 0; s < all; ++s) {
        if (s & (bi | bj))
            continue;
        const int k = std::popcount(unsigned(s));
        const double w = factorial(k) * factorial(players - k - 2) / factorial(players - 1);
        total += w * (v[size_t(s | bi | bj)] - v[size_t(s | bi)] - v[size_t(s | bj)] + v[size_t(s)]);
    }
    return total;
}

double dividend(const std::vector<double> &v, int mask)
{
    double d = 0;
    // Every subset t of mask.
    for (int t = mask;; t = (t - 1) & mask) {
        const int parity = std::popcount(unsigned(mask)) - std::popcount(unsigned(t));
        d += (parity % 2 ? -1.0 : 1.0) * v[size_t(t)];
        if (t == 0)
            break;
    }
    return d;
}

double interactionShare(const std::vector<double> &v, int players)
{
    const std::vector<double> phi = values(v, players);
    double inter = 0, total = 0;
    for (int i = 0; i < players; ++i) {
        double mainEffect = phi[size_t(i)];
        for (int j = 0; j < players; ++j) {
            if (j == i)
                continue;
            const double pij = interaction(v, players, std::min(i, j), std::max(i, j)) / 2.0;
            mainEffect -= pij;
            inter += std::abs(pij);
        }
        total += std::abs(mainEffect);
    }
    total += inter;
    return total > 0 ? inter / total : 0.0;
}

} // namespace ms::core::shapley
