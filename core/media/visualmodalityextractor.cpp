#include "core/media/visualmodalityextractor.h"

#include "core/tokenencoder.h"
#include "core/videoframereader.h"
#include "core/visualfeatureextractor.h"

#include <algorithm>
#include <vector>

namespace ms::core {

VisualModalityExtractor::VisualModalityExtractor(TokenEncoder *encoder, int threads)
    : m_encoder(encoder), m_threads(threads)
{
}

ExtractorInfo VisualModalityExtractor::info() const
{
    return describe(Modality::Visual, m_encoder, VisualFeatureExtractor::kName,
                    VisualFeatureExtractor::kVersion,
                    QStringLiteral("{\"frame\":\"%1x%2\",\"window\":%3,\"dim\":%4}")
                        .arg(VisualFeatureExtractor::kWidth)
                        .arg(VisualFeatureExtractor::kHeight)
                        .arg(VisualFeatureExtractor::kWindow)
                        .arg(VisualFeatureExtractor::kDim));
}

FilmTokens VisualModalityExtractor::read(const QString &path, const std::atomic<bool> *cancel,
                                         const Position &position)
{
    constexpr int window = VisualFeatureExtractor::kWindow;
    const int w = m_encoder ? m_encoder->frameWidth() : VisualFeatureExtractor::kWidth;
    const int h = m_encoder ? m_encoder->frameHeight() : VisualFeatureExtractor::kHeight;
    VideoFrameReader reader(path, w, h, m_threads);
    VisualFeatureExtractor builtin;
    FilmTokens out;
    FeatureMatrix &tokens = out.tokens;
    // Encoder path: the window's frames are copied (the reader reuses its buffer).
    std::vector<std::vector<unsigned char>> frames;
    qint64 windowStart = 0, lastMs = 0;
    auto encodeWindow = [&](qint64 endMs) {
        std::vector<const unsigned char *> ptrs;
        for (const auto &f : frames)
            ptrs.push_back(f.data());
        while (ptrs.size() < size_t(window)) // a last short window repeats its last frame
            ptrs.push_back(frames.back().data());
        const std::vector<float> v = m_encoder->encodeFrames(ptrs, w, h);
        if (tokens.dim == 0)
            tokens.dim = int(v.size());
        tokens.data.insert(tokens.data.end(), v.begin(), v.end());
        tokens.spans.push_back({windowStart, std::max(endMs, windowStart + 1)});
        ++tokens.tokens;
        frames.clear();
    };
    const auto info = reader.run(
        [&](const VideoFrameReader::Frame &f) {
            lastMs = f.ptsMs;
            if (m_encoder) {
                if (frames.size() == size_t(window))
                    encodeWindow(f.ptsMs);
                if (frames.empty())
                    windowStart = f.ptsMs;
                frames.emplace_back(f.rgb, f.rgb + size_t(w) * h * 3);
            } else {
                builtin.addFrame(f.ptsMs, f.rgb);
            }
            if (position && f.index % 250 == 0)
                position(f.ptsMs);
        },
        cancel);
    const qint64 frameMs = qint64(1000.0 / std::max(1.0, info.frameRate));
    if (m_encoder) {
        if (!frames.empty())
            encodeWindow(lastMs + frameMs);
    } else {
        tokens = builtin.finish(lastMs + frameMs);
    }
    out.framesDecoded = info.framesDecoded;
    if (info.truncated)
        out.warnings.append(QStringLiteral("%1: the video is damaged after %2 frames; later clips "
                                           "got the last tokens before the damage")
                                .arg(path)
                                .arg(info.framesDecoded));
    return out;
}

} // namespace ms::core
