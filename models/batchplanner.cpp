#include "models/batchplanner.h"

#include "core/splitmix64.h"

#include <algorithm>

namespace ms::models::batchplanner {

namespace {

template<typename T>
void shuffle(std::vector<T> &v, core::SplitMix64 &rng)
{
    // Fisher-Yates with SplitMix64: std::shuffle's output differs between
    // standard libraries, this does not.
    for (size_t i = v.size(); i > 1; --i)
        std::swap(v[i - 1], v[size_t(rng.below(i))]);
}

} // namespace

std::vector<int> oversample(const std::vector<int> &indexes, const std::vector<int> &targets,
                            core::SplitMix64 &rng)
{
    std::vector<int> pos, neg;
    for (size_t i = 0; i < indexes.size(); ++i)
        (targets[i] ? pos : neg).push_back(indexes[i]);
    std::vector<int> out = indexes;
    if (pos.empty() || neg.empty())
        return out;
    const std::vector<int> &minority = pos.size() < neg.size() ? pos : neg;
    const size_t extra = std::max(pos.size(), neg.size()) - minority.size();
    for (size_t i = 0; i < extra; ++i)
        out.push_back(minority[size_t(rng.below(minority.size()))]);
    return out;
}

std::vector<std::vector<int>> bucketBatches(const std::vector<int> &samples,
                                            const std::vector<int> &lengthOfClip, int batchSize,
                                            core::SplitMix64 &rng)
{
    std::vector<int> order = samples;
    shuffle(order, rng);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        return lengthOfClip[size_t(a)] < lengthOfClip[size_t(b)];
    });
    std::vector<std::vector<int>> batches;
    for (size_t i = 0; i < order.size(); i += size_t(batchSize))
        batches.emplace_back(order.begin() + qsizetype(i),
                             order.begin() + qsizetype(std::min(order.size(), i + size_t(batchSize))));
    shuffle(batches, rng);
    return batches;
}

std::vector<std::vector<int>> inferenceBatches(const std::vector<int> &clips,
                                               const std::vector<int> &lengthOfClip, int batchSize)
{
    std::vector<int> order = clips;
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        return lengthOfClip[size_t(a)] < lengthOfClip[size_t(b)];
    });
    std::vector<std::vector<int>> batches;
    for (size_t i = 0; i < order.size(); i += size_t(batchSize))
        batches.emplace_back(order.begin() + qsizetype(i),
                             order.begin() + qsizetype(std::min(order.size(), i + size_t(batchSize))));
    return batches;
}

} // namespace ms::models::batchplanner
