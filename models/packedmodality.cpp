#include "models/packedmodality.h"

#include "models/batchplanner.h"
#include "models/featureset.h"

#include <cmath>
#include <cstring>

namespace ms::models {

PackedModality::PackedModality(const FeatureSet &features, core::Modality modality, int timeDim,
                               torch::Device device)
{
    const int n = features.size(), dim = features.dim(modality);
    int lmax = 1;
    m_lengths.resize(size_t(n));
    for (int i = 0; i < n; ++i) {
        m_lengths[size_t(i)] = features.matrix(modality, i).tokens;
        lmax = std::max(lmax, m_lengths[size_t(i)]);
    }
    auto data = torch::zeros({n, lmax, dim});
    auto seconds = torch::zeros({n, lmax});
    auto mask = torch::zeros({n, lmax}, torch::kBool);
    float *d = data.data_ptr<float>();
    float *s = seconds.data_ptr<float>();
    bool *mk = mask.data_ptr<bool>();
    for (int i = 0; i < n; ++i) {
        const core::FeatureMatrix &f = features.matrix(modality, i);
        std::memcpy(d + qsizetype(i) * lmax * dim, f.data.data(), f.data.size() * sizeof(float));
        const qint64 origin = f.spans.empty() ? 0 : f.spans.front().startMs;
        for (int t = 0; t < f.tokens; ++t) {
            s[qsizetype(i) * lmax + t] = float(double(f.spans[size_t(t)].startMs - origin) / 1000.0);
            mk[qsizetype(i) * lmax + t] = true;
        }
    }
    m_data = data.to(device);
    m_time = timeCode(seconds, timeDim).to(device);
    m_mask = mask.to(device);
}

torch::Tensor PackedModality::timeCode(const torch::Tensor &seconds, int dim)
{
    const int half = dim / 2;
    const auto i = torch::arange(half, torch::kFloat);
    const auto freq = torch::exp(i * (-std::log(10000.0) * 2.0 / double(dim)));
    const auto angle = seconds.unsqueeze(-1) * freq; // [.., half]
    auto code = torch::stack({torch::sin(angle), torch::cos(angle)}, -1).flatten(-2);
    if (code.size(-1) < dim) // odd width: the last column stays zero
        code = torch::constant_pad_nd(code, {0, dim - code.size(-1)});
    return code.contiguous();
}

TokenBatch PackedModality::gather(const torch::Tensor &clipIndexes, int maxLength) const
{
    // Narrow first so index_select copies only the rows and tokens needed.
    return {m_data.narrow(1, 0, maxLength).index_select(0, clipIndexes),
            m_time.narrow(1, 0, maxLength).index_select(0, clipIndexes),
            m_mask.narrow(1, 0, maxLength).index_select(0, clipIndexes)};
}

std::vector<int> PackedInputs::lengths() const
{
    std::vector<int> total(parts.front()->lengths().size(), 0);
    for (const PackedModality *p : parts)
        for (size_t i = 0; i < total.size(); ++i)
            total[i] += p->lengths()[i];
    return total;
}

std::vector<TokenBatch> PackedInputs::batch(const std::vector<int> &clips) const
{
    std::vector<int64_t> idx(clips.begin(), clips.end());
    const auto index = torch::tensor(idx, torch::kLong).to(device);
    std::vector<TokenBatch> out;
    out.reserve(parts.size());
    for (const PackedModality *p : parts) {
        int longest = 1;
        for (int c : clips)
            longest = std::max(longest, p->lengths()[size_t(c)]);
        out.push_back(p->gather(index, longest));
    }
    return out;
}

std::vector<float> PackedInputs::predict(PerceiverNetImpl &net, const std::vector<int> &clips,
                                         int batchSize) const
{
    torch::NoGradGuard noGrad;
    const bool wasTraining = net.is_training();
    net.eval();
    std::vector<float> out(clips.size());
    // Batch by length, then put each probability back at its clip's place.
    std::vector<int> positions(clips.size());
    for (size_t i = 0; i < clips.size(); ++i)
        positions[i] = int(i);
    const std::vector<int> all = lengths();
    std::vector<int> lengthOfPosition(clips.size());
    for (size_t i = 0; i < clips.size(); ++i)
        lengthOfPosition[i] = all[size_t(clips[i])];
    for (const auto &b : batchplanner::inferenceBatches(positions, lengthOfPosition, batchSize)) {
        std::vector<int> batchClips;
        for (int pos : b)
            batchClips.push_back(clips[size_t(pos)]);
        const auto p = torch::sigmoid(net.forward(batch(batchClips))).to(torch::kCPU).contiguous();
        const float *v = p.data_ptr<float>();
        for (size_t j = 0; j < b.size(); ++j)
            out[size_t(b[j])] = v[j];
    }
    net.train(wasTraining);
    return out;
}

} // namespace ms::models
