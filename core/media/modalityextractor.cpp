#include "core/media/modalityextractor.h"

#include "core/media/audiomodalityextractor.h"
#include "core/media/textmodalityextractor.h"
#include "core/media/tokenslice.h"
#include "core/media/visualmodalityextractor.h"
#include "core/tokenencoder.h"

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

ExtractorInfo ModalityExtractor::describe(Modality modality, const TokenEncoder *encoder,
                                          const char *name, const char *version,
                                          const QString &params)
{
    ExtractorInfo info;
    info.modality = modality;
    if (encoder) {
        info.name = encoder->name();
        info.version = encoder->version();
        info.params = encoder->params();
    } else {
        info.name = QString::fromLatin1(name);
        info.version = QString::fromLatin1(version);
        info.params = params;
    }
    return info;
}

FeatureMatrix ModalityExtractor::clipTokens(const FeatureMatrix &film, qint64 startMs,
                                            qint64 endMs) const
{
    return sliceTokens(film, startMs, endMs);
}

} // namespace ms::core
