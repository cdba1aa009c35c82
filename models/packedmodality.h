#pragma once

// Includes <torch/torch.h>: for models/*.cpp only, never for other layers.

#include "core/modality.h"
#include "models/perceivernet.h"

#include <vector>

namespace ms::models {

class FeatureSet;

// One modality of a FeatureSet packed once into contiguous, zero-padded
// tensors on the training device, with the tokens' time codes computed once:
// a batch is then one index_select per tensor, and nothing is allocated per
// clip during training (PERFORMANCE.md: per-sample collation and padding is
// where a naive loop spends its time).
class PackedModality
{
public:
    PackedModality(const FeatureSet &features, core::Modality modality, int timeDim,
                   torch::Device device);

    int maxLength() const { return int(m_data.size(1)); }
    const std::vector<int> &lengths() const { return m_lengths; }
    // The clips' tokens cut to the longest of them.
    TokenBatch gather(const torch::Tensor &clipIndexes, int maxLength) const;

    // Sinusoidal codes of times in seconds: [.., dim] for a [..] tensor.
    static torch::Tensor timeCode(const torch::Tensor &seconds, int dim);

private:
    torch::Tensor m_data;  // [N, Lmax, dim]
    torch::Tensor m_time;  // [N, Lmax, timeDim]
    torch::Tensor m_mask;  // [N, Lmax] bool
    std::vector<int> m_lengths;
};

// A model's inputs: its modalities' packed tensors, in the model's order.
struct PackedInputs
{
    std::vector<const PackedModality *> parts;
    torch::Device device = torch::kCPU;

    // Total tokens of each clip over the parts (for bucketing).
    std::vector<int> lengths() const;
    std::vector<TokenBatch> batch(const std::vector<int> &clips) const;
    // Probabilities (sigmoid of the logits), in the order of `clips`.
    std::vector<float> predict(PerceiverNetImpl &net, const std::vector<int> &clips,
                               int batchSize) const;
};

} // namespace ms::models
