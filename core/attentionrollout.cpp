#include "core/attentionrollout.h"

#include <cstddef>

using std::size_t;

namespace ms::core::rollout {

namespace {
std::vector<double> headMean(const std::vector<float> &a, int heads, int rows, int cols)
{
    std::vector<double> m(size_t(rows) * cols, 0.0);
    for (int h = 0; h < heads; ++h)
        for (size_t i = 0; i < m.size(); ++i)
            m[i] += a[size_t(h) * m.size() + i] / heads;
    return m;
}
} // namespace

std::vector<float> tokenRelevance(const std::vector<float> &cross, int heads, int latents,
                                  int tokens, const std::vector<std::vector<float>> &selfLayers,
                                  int selfHeads)
{
    const size_t L = size_t(latents);
    // R starts as the identity; each layer left-multiplies.
    std::vector<double> R(L * L, 0.0);
    for (size_t i = 0; i < L; ++i)
        R[i * L + i] = 1.0;
    for (const auto &layer : selfLayers) {
        std::vector<double> A = headMean(layer, selfHeads, latents, latents);
        for (size_t i = 0; i < L; ++i) {
            double row = 0;
            for (size_t j = 0; j < L; ++j) {
                A[i * L + j] = 0.5 * A[i * L + j] + (i == j ? 0.5 : 0.0);
                row += A[i * L + j];
            }
            if (row > 0)
                for (size_t j = 0; j < L; ++j)
                    A[i * L + j] /= row;
        }
        std::vector<double> next(L * L, 0.0);
        for (size_t i = 0; i < L; ++i)
            for (size_t k = 0; k < L; ++k) {
                const double a = A[i * L + k];
                if (a == 0)
                    continue;
                for (size_t j = 0; j < L; ++j)
                    next[i * L + j] += a * R[k * L + j];
            }
        R.swap(next);
    }
    const std::vector<double> C = headMean(cross, heads, latents, tokens);
    std::vector<float> rel(size_t(tokens), 0.f);
    // mean over output latents i of sum_k R[i,k] C[k,t]
    std::vector<double> colMeanR(L, 0.0);
    for (size_t i = 0; i < L; ++i)
        for (size_t k = 0; k < L; ++k)
            colMeanR[k] += R[i * L + k] / double(L);
    for (size_t k = 0; k < L; ++k)
        for (int t = 0; t < tokens; ++t)
            rel[size_t(t)] += float(colMeanR[k] * C[k * size_t(tokens) + size_t(t)]);
    return rel;
}

} // namespace ms::core::rollout
