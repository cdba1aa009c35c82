#pragma once

#include "core/media/modalityextractor.h"

namespace ms::core {

// Decodes a film's first audio stream at 16 kHz mono and turns every 2-second
// chunk into a token: the built-in log-mel statistics (AudioFeatureExtractor),
// or a registered encoder fed the chunk's Kaldi log-mel frames. A film without
// audio is not an error: the other modalities still have something to say.
class AudioModalityExtractor final : public ModalityExtractor
{
public:
    explicit AudioModalityExtractor(TokenEncoder *encoder);

    Modality modality() const override { return Modality::Audio; }
    ExtractorInfo info() const override;
    FilmTokens read(const QString &path, const std::atomic<bool> *cancel,
                    const Position &position) override;

private:
    FeatureMatrix decode(const QString &path, const std::atomic<bool> *cancel, bool *truncated);

    TokenEncoder *m_encoder; // not owned; null: the built-in features
};

} // namespace ms::core
