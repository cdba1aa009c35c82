#include "core/media/audiomodalityextractor.h"

#include "core/audiofeatureextractor.h"
#include "core/audiostreamreader.h"
#include "core/error.h"
#include "core/kaldifbank.h"
#include "core/tokenencoder.h"

#include <vector>

namespace ms::core {

AudioModalityExtractor::AudioModalityExtractor(TokenEncoder *encoder) : m_encoder(encoder) {}

ExtractorInfo AudioModalityExtractor::info() const
{
    return describe(
        Modality::Audio, m_encoder, AudioFeatureExtractor::kName, AudioFeatureExtractor::kVersion,
        QStringLiteral("{\"fbank\":\"kaldi 16k 128 mel 25/10 ms povey\",\"chunk_ms\":%1,"
                       "\"stats\":\"mean+std\",\"stream\":0}")
            .arg(AudioFeatureExtractor::kChunkMs));
}

FilmTokens AudioModalityExtractor::read(const QString &path, const std::atomic<bool> *cancel,
                                        const Position &)
{
    // The audio decodes far faster than the video, which moves the progress bar.
    FilmTokens out;
    bool truncated = false;
    try {
        out.tokens = decode(path, cancel, &truncated);
    } catch (const UserError &e) {
        out.usable = false;
        out.warnings.append(e.message() + QStringLiteral(": no audio features for its clips"));
        return out;
    }
    if (truncated)
        out.warnings.append(QStringLiteral("%1: the audio is damaged part way; later clips got the "
                                           "last tokens before the damage")
                                .arg(path));
    return out;
}

FeatureMatrix AudioModalityExtractor::decode(const QString &path, const std::atomic<bool> *cancel,
                                             bool *truncated)
{
    AudioStreamReader reader(path, 0, AudioFeatureExtractor::kSampleRate);
    AudioFeatureExtractor builtin;
    const KaldiFbank fbank;
    FeatureMatrix out;
    std::vector<float> pending, chunk;
    const int framesPerChunk = AudioFeatureExtractor::kChunkMs / 10;
    const int bins = fbank.melBins();
    auto encodeChunk = [&] {
        const int frames = int(chunk.size()) / bins;
        const std::vector<float> v = m_encoder->encodeLogMel(chunk.data(), frames, bins);
        if (out.dim == 0)
            out.dim = int(v.size());
        out.data.insert(out.data.end(), v.begin(), v.end());
        const qint64 k = out.tokens++;
        out.spans.push_back({k * AudioFeatureExtractor::kChunkMs,
                             k * AudioFeatureExtractor::kChunkMs + frames * 10 + 15});
        chunk.clear();
    };
    const auto info = reader.run(
        [&](const float *samples, qint64 n) {
            if (!m_encoder) {
                builtin.addSamples(samples, n);
                return;
            }
            pending.insert(pending.end(), samples, samples + n);
            size_t offset = 0;
            while (pending.size() - offset >= size_t(fbank.frameLength())) {
                chunk.resize(chunk.size() + size_t(bins));
                fbank.computeFrame(pending.data() + offset,
                                   chunk.data() + chunk.size() - size_t(bins));
                offset += size_t(fbank.frameShift());
                if (int(chunk.size()) == framesPerChunk * bins)
                    encodeChunk();
            }
            pending.erase(pending.begin(), pending.begin() + qsizetype(offset));
        },
        cancel);
    *truncated = info.truncated;
    if (!m_encoder)
        return builtin.finish();
    if (!chunk.empty())
        encodeChunk();
    return out;
}

} // namespace ms::core
