#pragma once

#include <vector>

namespace ms::core {

// Attention rollout (Abnar & Zuidema, 2020) for a Perceiver: one
// cross-attention from L latents to T input tokens, then self-attention
// layers over the latents, then a mean over latents. Each self-attention
// matrix (heads averaged) is mixed with the identity for the residual path,
// A' = (A + I) / 2, rows renormalised, and the layers are multiplied:
// R = A'_n ... A'_1. A token's relevance is the mean over latents of
// (R C)[l, t], where C is the heads-averaged cross-attention. Relevances are
// non-negative and sum to 1 when every attention row sums to 1.
namespace rollout {

// `cross`: heads x L x T, row-major; `selfLayers`: per layer heads x L x L.
std::vector<float> tokenRelevance(const std::vector<float> &cross, int heads, int latents,
                                  int tokens, const std::vector<std::vector<float>> &selfLayers,
                                  int selfHeads);

} // namespace rollout
} // namespace ms::core
