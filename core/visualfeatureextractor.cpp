#include "core/visualfeatureextractor.h"

#include <cmath>
#include <cstring>

namespace ms::core {

void VisualFeatureExtractor::addFrame(qint64 ptsMs, const unsigned char *rgb)
{
    constexpr int n = kWidth * kHeight;
    if (m_frames == 0) {
        m_windowStart = ptsMs;
        std::memset(m_hist, 0, sizeof m_hist);
        std::memset(m_motion, 0, sizeof m_motion);
        m_motionAll = 0;
        m_motionFrames = 0;
    } else if (m_frames == kWindow) {
        emitToken(ptsMs);
        addFrame(ptsMs, rgb);
        return;
    }
    m_grey.resize(n);
    for (int i = 0; i < n; ++i) {
        const unsigned r = rgb[3 * i], g = rgb[3 * i + 1], b = rgb[3 * i + 2];
        m_hist[(r >> 6) * 16 + (g >> 6) * 4 + (b >> 6)] += 1.0;
        m_grey[size_t(i)] = (0.299f * r + 0.587f * g + 0.114f * b) / 255.0f;
    }
    if (!m_prevGrey.empty()) {
        double all = 0;
        for (int y = 0; y < kHeight; ++y)
            for (int x = 0; x < kWidth; ++x) {
                const double d = std::abs(double(m_grey[size_t(y * kWidth + x)]) -
                                          m_prevGrey[size_t(y * kWidth + x)]);
                m_motion[(y * 4 / kHeight) * 4 + x * 4 / kWidth] += d;
                all += d;
            }
        m_motionAll += all / n;
        ++m_motionFrames;
    }
    if (m_frames == kWindow / 2 || m_thumb.empty() || m_frames == 0) {
        // 16 x 9 thumbnail: 4 x 4 pixel blocks of the 64 x 36 grey frame.
        m_thumb.assign(144, 0.f);
        for (int y = 0; y < kHeight; ++y)
            for (int x = 0; x < kWidth; ++x)
                m_thumb[size_t((y / 4) * 16 + x / 4)] += m_grey[size_t(y * kWidth + x)] / 16.0f;
    }
    m_prevGrey.swap(m_grey);
    ++m_frames;
}

void VisualFeatureExtractor::emitToken(qint64 endMs)
{
    constexpr int n = kWidth * kHeight;
    const size_t base = m_tokens.size();
    m_tokens.resize(base + kDim);
    float *t = m_tokens.data() + base;
    const double pixels = double(n) * m_frames;
    for (int i = 0; i < 64; ++i)
        t[i] = float(m_hist[i] / pixels);
    std::memcpy(t + 64, m_thumb.data(), 144 * sizeof(float));
    const double cell = double(n) / 16.0;
    for (int i = 0; i < 16; ++i)
        t[208 + i] = m_motionFrames ? float(m_motion[i] / cell / m_motionFrames) : 0.f;
    t[224] = m_motionFrames ? float(m_motionAll / m_motionFrames) : 0.f;
    m_spans.push_back({m_windowStart, std::max(endMs, m_windowStart + 1)});
    m_frames = 0;
    m_thumb.clear();
}

FeatureMatrix VisualFeatureExtractor::finish(qint64 endMs)
{
    if (m_frames > 0)
        emitToken(endMs);
    FeatureMatrix m;
    m.dim = kDim;
    m.tokens = int(m_spans.size());
    m.data = std::move(m_tokens);
    m.spans = std::move(m_spans);
    m_tokens.clear();
    m_spans.clear();
    m_prevGrey.clear();
    return m;
}

} // namespace ms::core
