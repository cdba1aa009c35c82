#pragma once

#include "core/tokenencoder.h"

#include <memory>

namespace ms::models {

// A TorchScript module file used as a token encoder (see core::TokenEncoder).
// Input layouts, documented for people who export encoders:
//   visual: float32 [1, 16, 3, H, W], RGB in [0, 1] (normalise inside the
//           module), H x W as registered (224 x 224 by default);
//   audio:  float32 [1, frames, 128] Kaldi log-mel (up to 200 frames per
//           2-second chunk; pad inside the module if it needs more).
// The module's forward must return one vector per call: [D] or [1, D].
// Runs on the CPU (extraction is I/O bound next to training).
class TorchScriptEncoder final : public core::TokenEncoder
{
public:
    // Loads the file; throws UserError naming it when it is not TorchScript.
    TorchScriptEncoder(const QString &path, core::Modality modality, int frameSize = 224);
    ~TorchScriptEncoder() override;

    core::Modality modality() const override { return m_modality; }
    QString name() const override;
    QString version() const override { return m_fingerprint; }
    QString params() const override;
    int frameWidth() const override { return m_frameSize; }
    int frameHeight() const override { return m_frameSize; }
    std::vector<float> encodeFrames(const std::vector<const unsigned char *> &frames, int width,
                                    int height) override;
    std::vector<float> encodeLogMel(const float *frames, int count, int bins) override;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
    QString m_path;
    QString m_fingerprint;
    core::Modality m_modality;
    int m_frameSize;
    int m_dim = -1; // fixed by the first output
};

} // namespace ms::models
