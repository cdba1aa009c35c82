#pragma once

#include "core/media/modalityextractor.h"

namespace ms::core {

// Decodes a film's video once and turns every 16-frame window into a token:
// the built-in features (VisualFeatureExtractor) on 64x36 frames, or a
// registered encoder on frames of the size it asks for.
class VisualModalityExtractor final : public ModalityExtractor
{
public:
    VisualModalityExtractor(TokenEncoder *encoder, int threads);

    Modality modality() const override { return Modality::Visual; }
    ExtractorInfo info() const override;
    bool drivesProgress() const override { return true; }
    FilmTokens read(const QString &path, const std::atomic<bool> *cancel,
                    const Position &position) override;

private:
    TokenEncoder *m_encoder; // not owned; null: the built-in features
    int m_threads;
};

} // namespace ms::core
