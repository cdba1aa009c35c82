#pragma once

#include "core/media/modalityextractor.h"

namespace ms::core {

// Reads a film's subtitle file: one built-in text token per cue
// (TextFeatureExtractor). A clip gets the cues it overlaps; a clip without
// dialogue still gets one token, a zero vector over the clip ("nothing
// said"), so every clip has every modality.
class TextModalityExtractor final : public ModalityExtractor
{
public:
    Modality modality() const override { return Modality::Text; }
    ExtractorInfo info() const override;
    bool readsSubtitles() const override { return true; }
    bool readsOnEveryRun() const override { return true; }
    void setSubtitleStream(int index) override { m_stream = index; }
    FilmTokens read(const QString &path, const std::atomic<bool> *cancel,
                    const Position &position) override;
    FeatureMatrix clipTokens(const FeatureMatrix &film, qint64 startMs,
                             qint64 endMs) const override;

private:
    int m_stream = -1;
};

} // namespace ms::core
