#pragma once

// Includes <torch/torch.h>: for models/*.cpp only, never for other layers.

#include <torch/torch.h>
#include <utility>

namespace ms::models {

// Multi-head self-attention of the latent array as one autograd operation on
// the CPU: per clip and head, scores = (q * scale) k^T, a softmax over the
// keys, and the weighted sum of the values; backward in one pass as well.
//
// Why: LibTorch 1.13's CPU bmm runs a batch of small matrices (the paper's
// 8 heads x 32 latents x 32 dimensions) as one BLAS call per matrix with
// three select() calls around each, about 11 GFLOP/s; the latent blocks' six
// batched products per step were a tenth of a training step. Here each
// (clip, head) runs in registers and L1 on raw rows, with no copy in or out
// of the [B, heads, N, dh] layout.
//
// q, k, v: [B, N, heads * dh] float tensors on the CPU (the outputs of the
// query/key/value row blocks; made contiguous if they are not).
// Returns {out [B, N, heads * dh], weights [B, heads, N, N]}; `weights` (the
// softmax, for attention rollout) carries no gradient.
// `baselineIsa`: use the loops compiled for the baseline x86-64 instruction
// set even where AVX2 + FMA are there (for tests of that path).
std::pair<torch::Tensor, torch::Tensor> fusedSelfAttention(const torch::Tensor &q,
                                                           const torch::Tensor &k,
                                                           const torch::Tensor &v, int64_t heads,
                                                           double scale, bool baselineIsa = false);

// Whether fusedSelfAttention takes these tensors (float, CPU).
bool fusedSelfAttentionApplies(const torch::Tensor &x);

} // namespace ms::models
