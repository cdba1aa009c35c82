#include "core/media/modalityextractor.h"

#include "core/media/audiomodalityextractor.h"
#include "core/media/textmodalityextractor.h"
#include "core/media/tokenslice.h"
#include "core/media/visualmodalityextractor.h"

namespace ms::core {

std::unique_ptr<ModalityExtractor> ModalityExtractor::create(Modality modality,
                                                             TokenEncoder *encoder, int threads)
{
    switch (modality) {
    case Modality::Visual:
        return std::make_unique<VisualModalityExtractor>(encoder, threads);
    case Modality::Audio:
        return std::make_unique<AudioModalityExtractor>(encoder);
    case Modality::Text:
        return std::make_unique<TextModalityExtractor>();
    }
    return nullptr;
}

FeatureMatrix ModalityExtractor::clipTokens(const FeatureMatrix &film, qint64 startMs,
                                            qint64 endMs) const
{
    return sliceTokens(film, startMs, endMs);
}

} // namespace ms::core
