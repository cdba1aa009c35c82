#pragma once

#include <QJsonObject>

namespace ms::models {

// Shape of a PerceiverIO encoder (see PerceiverNet). The defaults are the
// paper's: depth 2, 32 latents of 128, one cross-attention head, 8 latent
// heads of 32, GEGLU feed-forwards of 4x width: about one million trainable
// parameters with one paper-sized modality.
struct PerceiverConfig
{
    int depth = 2;          // latent self-attention blocks after the cross-attention
    int latents = 32;       // rows of the learned latent array
    int latentDim = 128;    // width of a latent
    int inputDim = 128;     // width tokens are projected to before the cross-attention
    int crossHeads = 1;
    int crossHeadDim = 64;
    int latentHeads = 8;
    int latentHeadDim = 32;
    int ffMult = 4;         // GEGLU hidden width = ffMult * width

    // Small enough that the whole experiment grid runs in minutes on two cores.
    static PerceiverConfig quick();

    QJsonObject toJson() const;
    // Missing keys keep their defaults.
    static PerceiverConfig fromJson(const QJsonObject &o);
    bool operator==(const PerceiverConfig &) const = default;
};

} // namespace ms::models
