#pragma once

// Includes <torch/torch.h>: for models/*.cpp only, never for other layers.

#include <torch/torch.h>
#include <vector>

namespace ms::models {

// A model's parameters moved into one flat buffer, each parameter a view of
// its part: the optimiser step, the sum of gradients and the copy of weights
// between replicas become a few operations on ranges of one tensor, which
// workers can share out, rather than a few operations per parameter.
class FlatParameters
{
public:
    explicit FlatParameters(std::vector<torch::Tensor> parameters);

    const torch::Tensor &flat() const { return m_flat; }
    int64_t size() const { return m_flat.numel(); }
    // Every parameter's gradient becomes the matching view of `buffer`
    // ([size()], zeroed by the caller): backward then accumulates into it.
    void bindGradients(const torch::Tensor &buffer);
    // Gives every parameter its own storage again and drops the gradients
    // (before the weights are saved).
    void release();

private:
    std::vector<torch::Tensor> m_parameters;
    std::vector<int64_t> m_offsets;
    torch::Tensor m_flat;
};

// AdamW computed as torch::optim::AdamW computes it (decoupled weight decay,
// bias-corrected moments, no AMSGrad; element for element the same values),
// on any range of a flat parameter buffer.
class FlatAdamW
{
public:
    FlatAdamW(int64_t size, double learningRate, double weightDecay, double beta1 = 0.9,
              double beta2 = 0.999, double eps = 1e-8);

    // Once per step, before update() of its ranges.
    void beginStep() { ++m_step; }
    void update(const torch::Tensor &parameters, const torch::Tensor &gradients, int64_t begin,
                int64_t end);

private:
    torch::Tensor m_expAvg, m_expAvgSq;
    double m_lr, m_weightDecay, m_beta1, m_beta2, m_eps;
    int64_t m_step = 0;
};

} // namespace ms::models
