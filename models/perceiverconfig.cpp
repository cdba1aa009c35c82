#include "models/perceiverconfig.h"

namespace ms::models {

PerceiverConfig PerceiverConfig::quick()
{
    PerceiverConfig c;
    c.depth = 1;
    c.latents = 16;
    c.latentDim = 64;
    c.inputDim = 64;
    c.crossHeadDim = 32;
    c.latentHeads = 4;
    c.latentHeadDim = 16;
    c.ffMult = 2;
    return c;
}

QJsonObject PerceiverConfig::toJson() const
{
    return QJsonObject{{QStringLiteral("depth"), depth},
                       {QStringLiteral("latents"), latents},
                       {QStringLiteral("latent_dim"), latentDim},
                       {QStringLiteral("input_dim"), inputDim},
                       {QStringLiteral("cross_heads"), crossHeads},
                       {QStringLiteral("cross_head_dim"), crossHeadDim},
                       {QStringLiteral("latent_heads"), latentHeads},
                       {QStringLiteral("latent_head_dim"), latentHeadDim},
                       {QStringLiteral("ff_mult"), ffMult}};
}

PerceiverConfig PerceiverConfig::fromJson(const QJsonObject &o)
{
    PerceiverConfig c;
    auto get = [&](const char *key, int &field) {
        const auto v = o.value(QLatin1String(key));
        if (v.isDouble())
            field = v.toInt();
    };
    get("depth", c.depth);
    get("latents", c.latents);
    get("latent_dim", c.latentDim);
    get("input_dim", c.inputDim);
    get("cross_heads", c.crossHeads);
    get("cross_head_dim", c.crossHeadDim);
    get("latent_heads", c.latentHeads);
    get("latent_head_dim", c.latentHeadDim);
    get("ff_mult", c.ffMult);
    return c;
}

} // namespace ms::models
