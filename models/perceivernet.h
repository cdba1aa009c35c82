#pragma once

// Includes <torch/torch.h>: for models/*.cpp only, never for other layers.

#include "models/perceiverconfig.h"

#include <torch/torch.h>
#include <vector>

namespace ms::models {

// One modality's part of a batch: tokens [B, L, dim], their time codes
// [B, L, inputDim] and the mask [B, L] (true for real tokens, false for
// padding).
struct TokenBatch
{
    torch::Tensor tokens;
    torch::Tensor timeCodes;
    torch::Tensor mask;
};

// The attention weights of one forward pass, for explanations (attention
// rollout). Filled only when a caller passes one to forward(): training
// never does, and keeping references to the softmax outputs costs nothing
// but their memory.
struct AttentionCapture
{
    torch::Tensor cross;             // [B, heads, latents, tokens] (tokens: inputs concatenated)
    std::vector<torch::Tensor> self; // per latent block [B, heads, latents, latents]
};

// PerceiverIO encoder giving one logit per clip. Tokens of each input
// modality are projected to inputDim, given a learned modality embedding and
// a sinusoidal code of their time; one cross-attention block (pre-norm on
// latents and inputs, residual, GEGLU feed-forward) reads them into the
// latent array; `depth` latent self-attention blocks follow; the mean of the
// latents goes through a linear head.
//
// Written for speed on the CPU (see PERFORMANCE.md): the latents' query is
// computed once per batch rather than once per clip; a layer whose output
// is several tensors (keys and values, queries keys and values, GEGLU's value
// and gate) is applied as row blocks of its weights, so each output is
// contiguous and backward never concatenates their gradients; padded keys
// are masked out of the softmax (so padding never changes a prediction); no
// tensor is permuted into a copy on the single-head path.
class PerceiverNetImpl : public torch::nn::Module
{
public:
    PerceiverNetImpl(const PerceiverConfig &config, std::vector<int> inputDims);

    // Logits [B]; `parts` in the order of the model's inputs. A clip whose
    // tokens are all masked out (a coalition without any modality, for
    // explanations) reads nothing: its latents get no cross-attention input
    // rather than a NaN from a softmax over no tokens.
    torch::Tensor forward(const std::vector<TokenBatch> &parts, AttentionCapture *capture = nullptr);

    const PerceiverConfig &config() const { return m_config; }
    qint64 parameterCount() const;

private:
    torch::Tensor feedForward(size_t i, const torch::Tensor &x);

    PerceiverConfig m_config;
    std::vector<torch::nn::Linear> m_inputProjections;
    torch::Tensor m_modalityEmbedding; // [inputs, inputDim]
    torch::Tensor m_latents;           // [latents, latentDim]
    torch::nn::LayerNorm m_crossNormLatents{nullptr}, m_crossNormInputs{nullptr};
    torch::nn::Linear m_crossQ{nullptr}, m_crossKV{nullptr}, m_crossOut{nullptr};
    // Feed-forward 0 follows the cross-attention, i + 1 latent block i.
    std::vector<torch::nn::LayerNorm> m_ffNorm;
    std::vector<torch::nn::Linear> m_ffIn, m_ffOut;
    std::vector<torch::nn::LayerNorm> m_selfNorm;
    std::vector<torch::nn::Linear> m_selfQKV, m_selfOut;
    torch::nn::LayerNorm m_headNorm{nullptr};
    torch::nn::Linear m_head{nullptr};
};
TORCH_MODULE(PerceiverNet);

} // namespace ms::models
