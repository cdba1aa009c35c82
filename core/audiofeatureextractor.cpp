#include "core/audiofeatureextractor.h"

#include <cmath>

namespace ms::core {

AudioFeatureExtractor::AudioFeatureExtractor()
    : m_framesPerChunk(kChunkMs / 10), m_sum(kMelBins, 0.0), m_sumSq(kMelBins, 0.0)
{
}

void AudioFeatureExtractor::addSamples(const float *samples, long long n)
{
    m_pending.insert(m_pending.end(), samples, samples + n);
    const int len = m_fbank.frameLength(), shift = m_fbank.frameShift();
    size_t offset = 0;
    std::vector<float> logMel(kMelBins);
    while (m_pending.size() - offset >= size_t(len)) {
        m_fbank.computeFrame(m_pending.data() + offset, logMel.data());
        addFrame(logMel.data());
        offset += size_t(shift);
    }
    m_pending.erase(m_pending.begin(), m_pending.begin() + qsizetype(offset));
}

void AudioFeatureExtractor::addFrame(const float *logMel)
{
    for (int b = 0; b < kMelBins; ++b) {
        m_sum[size_t(b)] += logMel[b];
        m_sumSq[size_t(b)] += double(logMel[b]) * logMel[b];
    }
    ++m_framesDone;
    if (++m_chunkFrames == m_framesPerChunk)
        closeChunk();
}

void AudioFeatureExtractor::closeChunk()
{
    if (m_chunkFrames == 0)
        return;
    const size_t base = m_tokens.size();
    m_tokens.resize(base + kDim);
    for (int b = 0; b < kMelBins; ++b) {
        const double mean = m_sum[size_t(b)] / m_chunkFrames;
        const double var = std::max(0.0, m_sumSq[size_t(b)] / m_chunkFrames - mean * mean);
        m_tokens[base + size_t(b)] = float(mean);
        m_tokens[base + kMelBins + size_t(b)] = float(std::sqrt(var));
    }
    const qint64 k = qint64(m_spans.size());
    // The last chunk ends where its last frame ends.
    const qint64 end = m_chunkFrames == m_framesPerChunk ? (k + 1) * kChunkMs
                                                         : k * kChunkMs + m_chunkFrames * 10 + 15;
    m_spans.push_back({k * kChunkMs, end});
    m_chunkFrames = 0;
    std::fill(m_sum.begin(), m_sum.end(), 0.0);
    std::fill(m_sumSq.begin(), m_sumSq.end(), 0.0);
}

FeatureMatrix AudioFeatureExtractor::finish()
{
    closeChunk();
    FeatureMatrix m;
    m.dim = kDim;
    m.tokens = int(m_spans.size());
    m.data = std::move(m_tokens);
    m.spans = std::move(m_spans);
    m_tokens.clear();
    m_spans.clear();
    m_pending.clear();
    return m;
}

} // namespace ms::core
