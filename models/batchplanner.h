#pragma once

#include <QtGlobal>
#include <vector>

namespace ms::core {
class SplitMix64;
}

namespace ms::models {

// The order in which a training epoch visits clips, decided by a SplitMix64
// so the same seed gives the same epochs on every machine.
namespace batchplanner {

// The training indexes plus random draws (with replacement) from the
// minority class until both classes are equally many. `targets[i]` is the
// target of `indexes[i]`. Nothing is added when one class is absent.
std::vector<int> oversample(const std::vector<int> &indexes, const std::vector<int> &targets,
                            core::SplitMix64 &rng);

// Batches of at most `batchSize` whose clips have similar token counts, so
// padding stays small: shuffle, sort by length (a stable sort keeps the
// shuffle among equal lengths), cut, then shuffle the batches.
// `length(i)` is the token count of clip i.
std::vector<std::vector<int>> bucketBatches(const std::vector<int> &samples,
                                            const std::vector<int> &lengthOfClip, int batchSize,
                                            core::SplitMix64 &rng);

// Deterministic batches for inference: by length, no shuffle.
std::vector<std::vector<int>> inferenceBatches(const std::vector<int> &clips,
                                               const std::vector<int> &lengthOfClip,
                                               int batchSize);

} // namespace batchplanner
} // namespace ms::models
