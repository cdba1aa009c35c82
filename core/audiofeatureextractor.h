#pragma once

#include "core/featurematrix.h"
#include "core/kaldifbank.h"

#include <vector>

namespace ms::core {

// The built-in audio features: the Kaldi log-mel filterbank of 16 kHz mono
// audio (128 bins, see KaldiFbank), summarised per 2-second chunk (the
// paper's audio token) as the mean and the standard deviation of each bin
// over the chunk's frames: kDim = 256 values per token, means first. Samples
// are pushed as they are decoded; a last partial chunk with at least one
// frame becomes a token too.
class AudioFeatureExtractor
{
public:
    static constexpr int kSampleRate = 16000;
    static constexpr int kChunkMs = 2000;
    static constexpr int kMelBins = 128;
    static constexpr int kDim = 2 * kMelBins;
    static constexpr const char *kName = "builtin-audio";
    static constexpr const char *kVersion = "1";

    AudioFeatureExtractor();
    void addSamples(const float *samples, long long n);
    FeatureMatrix finish();

private:
    void addFrame(const float *logMel);
    void closeChunk();

    KaldiFbank m_fbank;
    std::vector<float> m_pending; // samples not yet consumed by a whole frame
    long long m_framesDone = 0;
    int m_framesPerChunk;
    // chunk accumulators
    int m_chunkFrames = 0;
    std::vector<double> m_sum, m_sumSq;
    std::vector<float> m_tokens;
    std::vector<TokenSpan> m_spans;
};

} // namespace ms::core
