#pragma once

#include "core/modality.h"

#include <QString>
#include <vector>

namespace ms::core {

// A learned encoder that turns one window of a modality into one token, used
// by the extractor instead of the built-in features when the user registered
// one (a TorchScript X-CLIP visual encoder, an AST-like audio encoder...).
// The interface lives in core so the extraction pipeline stays free of
// LibTorch; models/ implements it.
//   visual: `encodeFrames` gets a window of kWindow RGB24 frames of
//           frameWidth() x frameHeight();
//   audio:  `encodeLogMel` gets a 2-second chunk of Kaldi log-mel frames
//           (frames x 128).
// Implementations throw UserError naming their file on a bad output.
class TokenEncoder
{
public:
    virtual ~TokenEncoder() = default;
    virtual Modality modality() const = 0;
    virtual QString name() const = 0;    // extractor name, e.g. "torchscript:xclip.pt"
    virtual QString version() const = 0; // e.g. the file's fingerprint
    virtual QString params() const = 0;  // JSON text: input layout
    virtual int frameWidth() const { return 224; }
    virtual int frameHeight() const { return 224; }
    virtual std::vector<float> encodeFrames(const std::vector<const unsigned char *> &frames,
                                            int width, int height) = 0;
    virtual std::vector<float> encodeLogMel(const float *frames, int count, int bins) = 0;
};

} // namespace ms::core
