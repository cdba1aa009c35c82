#include "models/flatadamw.h"

#include <cmath>

namespace ms::models {

FlatParameters::FlatParameters(std::vector<torch::Tensor> parameters)
    : m_parameters(std::move(parameters))
{
    torch::NoGradGuard noGrad;
    int64_t total = 0;
    for (const auto &p : m_parameters) {
        m_offsets.push_back(total);
        total += p.numel();
    }
    m_flat = torch::empty({total}, m_parameters.front().options().requires_grad(false));
    for (size_t i = 0; i < m_parameters.size(); ++i) {
        auto &p = m_parameters[i];
        auto view = m_flat.narrow(0, m_offsets[i], p.numel()).view(p.sizes());
        view.copy_(p);
        p.set_data(view);
    }
}

void FlatParameters::bindGradients(const torch::Tensor &buffer)
{
    for (size_t i = 0; i < m_parameters.size(); ++i) {
        auto &p = m_parameters[i];
        p.mutable_grad() = buffer.narrow(0, m_offsets[i], p.numel()).view(p.sizes());
    }
}

void FlatParameters::release()
{
    torch::NoGradGuard noGrad;
    for (auto &p : m_parameters) {
        p.mutable_grad() = torch::Tensor();
        p.set_data(p.detach().clone());
    }
    m_flat = torch::Tensor();
}

FlatAdamW::FlatAdamW(int64_t size, double learningRate, double weightDecay, double beta1,
                     double beta2, double eps)
    : m_expAvg(torch::zeros({size})),
      m_expAvgSq(torch::zeros({size})),
      m_lr(learningRate),
      m_weightDecay(weightDecay),
      m_beta1(beta1),
      m_beta2(beta2),
      m_eps(eps)
{
}

void FlatAdamW::update(const torch::Tensor &parameters, const torch::Tensor &gradients,
                       int64_t begin, int64_t end)
{
    if (end <= begin)
        return;
    torch::NoGradGuard noGrad;
    if (m_expAvg.device() != parameters.device()) {
        m_expAvg = m_expAvg.to(parameters.device());
        m_expAvgSq = m_expAvgSq.to(parameters.device());
    }
    const int64_t n = end - begin;
    auto p = parameters.narrow(0, begin, n);
    const auto g = gradients.narrow(0, begin, n);
    auto m = m_expAvg.narrow(0, begin, n);
    auto v = m_expAvgSq.narrow(0, begin, n);
    // The operations of torch/csrc/api/src/optim/adamw.cpp (LibTorch 1.13),
    // in its order, so the values match it exactly.
    if (m_weightDecay != 0)
        p.mul_(1 - m_lr * m_weightDecay);
    const double bc1 = 1 - std::pow(m_beta1, double(m_step));
    const double bc2 = 1 - std::pow(m_beta2, double(m_step));
    m.mul_(m_beta1).add_(g, 1 - m_beta1);
    v.mul_(m_beta2).addcmul_(g, g, 1 - m_beta2);
    const auto denom = (v.sqrt() / std::sqrt(bc2)).add_(m_eps);
    p.addcdiv_(m, denom, -(m_lr / bc1));
}

} // namespace ms::models
