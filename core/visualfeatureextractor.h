#pragma once

#include "core/featurematrix.h"

#include <QList>
#include <vector>

namespace ms::core {

// The built-in visual features: offline, deterministic, no model. Frames
// arrive scaled down to kWidth x kHeight RGB; every window of 16 frames
// (stride 16, as the paper's X-CLIP windows) becomes one token of kDim
// values:
//   [0, 64)    joint RGB colour histogram, 4 x 4 x 4 bins, over the window's
//              pixels, summing to 1;
//   [64, 208)  the window's middle frame as a 16 x 9 grey thumbnail, 0..1;
//   [208, 224) motion energy on a 4 x 4 grid: mean |grey(t) - grey(t-1)|
//              over the window, 0..1;
//   [224]      the global motion energy.
// The token's span runs from its first frame's time to the next window's.
class VisualFeatureExtractor
{
public:
    static constexpr int kWidth = 64;
    static constexpr int kHeight = 36;
    static constexpr int kWindow = 16;
    static constexpr int kDim = 225;
    static constexpr const char *kName = "builtin-visual";
    static constexpr const char *kVersion = "1";

    void addFrame(qint64 ptsMs, const unsigned char *rgb);
    // Closes a last partial window (at least one frame) and returns every
    // token of the film: tokens x kDim, with spans.
    FeatureMatrix finish(qint64 endMs);

private:
    void emitToken(qint64 endMs);

    std::vector<float> m_tokens;
    std::vector<TokenSpan> m_spans;
    // window accumulators
    int m_frames = 0;
    qint64 m_windowStart = 0;
    double m_hist[64] = {};
    double m_motion[16] = {};
    double m_motionAll = 0;
    int m_motionFrames = 0;
    std::vector<float> m_thumb;     // 144
    std::vector<float> m_prevGrey;  // kWidth * kHeight
    std::vector<float> m_grey;
};

} // namespace ms::core
