#include "models/perceivernet.h"

#include "models/fusedattention.h"

#include <cmath>

namespace ms::models {

namespace nn = torch::nn;

PerceiverNetImpl::PerceiverNetImpl(const PerceiverConfig &config, std::vector<int> inputDims)
    : m_config(config)
{
    const int C = config.inputDim, D = config.latentDim;
    for (size_t i = 0; i < inputDims.size(); ++i)
        m_inputProjections.push_back(register_module("input" + std::to_string(i),
                                                     nn::Linear(inputDims[i], C)));
    m_modalityEmbedding = register_parameter(
        "modality_embedding", torch::randn({int64_t(inputDims.size()), C}) * 0.02);
    m_latents = register_parameter("latents", torch::randn({config.latents, D}));

    const int crossInner = config.crossHeads * config.crossHeadDim;
    m_crossNormLatents = register_module("cross_norm_latents", nn::LayerNorm(nn::LayerNormOptions({D})));
    m_crossNormInputs = register_module("cross_norm_inputs", nn::LayerNorm(nn::LayerNormOptions({C})));
    m_crossQ = register_module("cross_q", nn::Linear(nn::LinearOptions(D, crossInner).bias(false)));
    m_crossKV = register_module("cross_kv", nn::Linear(nn::LinearOptions(C, 2 * crossInner).bias(false)));
    m_crossOut = register_module("cross_out", nn::Linear(crossInner, D));

    const int hidden = config.ffMult * D;
    const int selfInner = config.latentHeads * config.latentHeadDim;
    for (int i = 0; i <= config.depth; ++i) {
        const std::string n = std::to_string(i);
        m_ffNorm.push_back(register_module("ff_norm" + n, nn::LayerNorm(nn::LayerNormOptions({D}))));
        // GEGLU: one product gives the value and its gate.
        m_ffIn.push_back(register_module("ff_in" + n, nn::Linear(D, 2 * hidden)));
        m_ffOut.push_back(register_module("ff_out" + n, nn::Linear(hidden, D)));
        if (i == config.depth)
            break;
        m_selfNorm.push_back(register_module("self_norm" + n, nn::LayerNorm(nn::LayerNormOptions({D}))));
        m_selfQKV.push_back(register_module(
            "self_qkv" + n, nn::Linear(nn::LinearOptions(D, 3 * selfInner).bias(false))));
        m_selfOut.push_back(register_module("self_out" + n, nn::Linear(selfInner, D)));
    }
    m_headNorm = register_module("head_norm", nn::LayerNorm(nn::LayerNormOptions({D})));
    m_head = register_module("head", nn::Linear(D, 1));
}

qint64 PerceiverNetImpl::parameterCount() const
{
    qint64 n = 0;
    for (const auto &p : parameters())
        if (p.requires_grad())
            n += p.numel();
    return n;
}

namespace {

// Rows [part * n, (part + 1) * n) of a linear layer applied on their own:
// the output is contiguous, where splitting the whole product would leave
// strided halves (LibTorch 1.13's GELU and products run several times
// slower on those) and a concatenation of the halves' gradients in backward.
torch::Tensor linearPart(const torch::nn::Linear &layer, const torch::Tensor &x, int64_t part,
                         int64_t n)
{
    const auto &b = layer->bias;
    return torch::linear(x, layer->weight.narrow(0, part * n, n),
                         b.defined() ? b.narrow(0, part * n, n) : torch::Tensor());
}

} // namespace

torch::Tensor PerceiverNetImpl::feedForward(size_t i, const torch::Tensor &x)
{
    // GEGLU: one layer's weights give the value and its gate.
    const auto xn = m_ffNorm[i](x);
    const int64_t hidden = m_ffIn[i]->weight.size(0) / 2;
    return m_ffOut[i](linearPart(m_ffIn[i], xn, 0, hidden) *
                      torch::gelu(linearPart(m_ffIn[i], xn, 1, hidden)));
}

torch::Tensor PerceiverNetImpl::forward(const std::vector<TokenBatch> &parts, AttentionCapture *capture)
{
    TORCH_CHECK(parts.size() == m_inputProjections.size(), "PerceiverNet: wrong number of inputs");
    std::vector<torch::Tensor> hs, masks;
    for (size_t i = 0; i < parts.size(); ++i) {
        hs.push_back(m_inputProjections[i](parts[i].tokens) + parts[i].timeCodes +
                     m_modalityEmbedding[int64_t(i)]);
        masks.push_back(parts[i].mask);
    }
    const auto inputs = hs.size() == 1 ? hs[0] : torch::cat(hs, 1);      // [B, L, C]
    const auto mask = masks.size() == 1 ? masks[0] : torch::cat(masks, 1); // [B, L]
    const int64_t B = inputs.size(0), L = inputs.size(1);

    // Cross-attention: the latents' query is the same for every clip.
    const int H = m_config.crossHeads, dh = m_config.crossHeadDim;
    const auto normed = m_crossNormInputs(inputs);
    const auto k = linearPart(m_crossKV, normed, 0, H * dh); // [B, L, H*dh]
    const auto v = linearPart(m_crossKV, normed, 1, H * dh);
    const auto q = m_crossQ(m_crossNormLatents(m_latents)) * (1.0 / std::sqrt(double(dh))); // [N, H*dh]
    const int64_t N = q.size(0);
    // Rows without any token only occur in explanations, which run without
    // gradients: training skips the check (and its device sync) entirely.
    torch::Tensor empty;
    bool anyEmpty = false;
    if (!torch::GradMode::is_enabled()) {
        empty = mask.logical_not().all(1); // [B]
        anyEmpty = empty.any().item<bool>();
    }
    torch::Tensor attended;
    if (H == 1) {
        // Softmax over the tokens (dim 1) of [B, L, N] scores: no transpose copy.
        auto scores = torch::matmul(k, q.t()).masked_fill(mask.logical_not().unsqueeze(-1),
                                                          -std::numeric_limits<float>::infinity());
        auto weights = torch::softmax(scores, 1);
        if (anyEmpty)
            weights = weights.masked_fill(empty.view({B, 1, 1}), 0.0);
        attended = torch::matmul(weights.transpose(1, 2), v); // [B, N, dh]
        if (capture)
            capture->cross = weights.transpose(1, 2).unsqueeze(1); // [B, 1, N, L]
    } else {
        const auto kh = k.reshape({B, L, H, dh}).transpose(1, 2);  // [B, H, L, dh]
        const auto vh = v.reshape({B, L, H, dh}).transpose(1, 2);
        const auto qh = q.reshape({N, H, dh}).permute({1, 2, 0}); // [H, dh, N]
        auto scores = torch::matmul(kh, qh).masked_fill(
            mask.logical_not().view({B, 1, L, 1}), -std::numeric_limits<float>::infinity());
        auto weights = torch::softmax(scores, 2); // [B, H, L, N]
        if (anyEmpty)
            weights = weights.masked_fill(empty.view({B, 1, 1, 1}), 0.0);
        attended = torch::matmul(weights.transpose(2, 3), vh) // [B, H, N, dh]
                       .transpose(1, 2)
                       .reshape({B, N, H * dh});
        if (capture)
            capture->cross = weights.transpose(2, 3); // [B, H, N, L]
    }
    if (capture)
        capture->self.clear();
    auto x = m_latents + m_crossOut(attended); // [B, N, D]
    x = x + feedForward(0, x);

    const int SH = m_config.latentHeads, sdh = m_config.latentHeadDim;
    const double scale = 1.0 / std::sqrt(double(sdh));
    for (size_t i = 0; i < m_selfQKV.size(); ++i) {
        const auto xn = m_selfNorm[i](x);
        const auto sq = linearPart(m_selfQKV[i], xn, 0, SH * sdh); // [B, N, SH * sdh]
        const auto sk = linearPart(m_selfQKV[i], xn, 1, SH * sdh);
        const auto sv = linearPart(m_selfQKV[i], xn, 2, SH * sdh);
        torch::Tensor attended, w;
        if (fusedSelfAttentionApplies(sq)) {
            std::tie(attended, w) = fusedSelfAttention(sq, sk, sv, SH, scale);
        } else {
            const auto head = [&](const torch::Tensor &t) { // [B, SH, N, sdh]
                return t.view({B, N, SH, sdh}).transpose(1, 2);
            };
            w = torch::softmax(torch::matmul(head(sq) * scale, head(sk).transpose(-1, -2)), -1);
            attended = torch::matmul(w, head(sv)).transpose(1, 2).reshape({B, N, SH * sdh});
        }
        if (capture)
            capture->self.push_back(w);
        x = x + m_selfOut[i](attended);
        x = x + feedForward(i + 1, x);
    }
    return m_head(m_headNorm(x.mean(1))).squeeze(-1);
}

} // namespace ms::models
