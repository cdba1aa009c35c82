#include "models/trainedmodel.h"

#include "core/error.h"
#include "models/featureset.h"
#include "models/packedmodality.h"
#include "models/perceivernet.h"
#include "models/torchruntime.h"
#include "models/trainer.h"
#include "models/weightarchive.h"

namespace ms::models {

struct TrainedModel::Private
{
    PerceiverNet net{nullptr};
    torch::Device device = torch::kCPU;
};

TrainedModel::TrainedModel(const PerceiverConfig &config, core::ModalitySet inputs,
                           std::array<int, 3> dims, const QByteArray &weights,
                           const QString &device)
    : d(new Private), m_inputs(inputs), m_dims(dims)
{
    TorchRuntime::initialise();
    d->device = torch::Device(TorchRuntime::resolveDevice(device).toStdString());
    d->net = PerceiverNet(config, Trainer::inputDims(inputs, dims));
    d->net->to(d->device);
    loadWeights(*d->net, weights);
    d->net->eval();
}

QString TrainedModel::device() const
{
    return QString::fromStdString(d->device.str());
}

TrainedModel::~TrainedModel() = default;
TrainedModel::TrainedModel(TrainedModel &&) noexcept = default;

qint64 TrainedModel::parameterCount() const
{
    return d->net->parameterCount();
}

PerceiverNetImpl &TrainedModel::network() const
{
    return *d->net;
}

std::vector<float> TrainedModel::predict(const FeatureSet &features,
                                         const std::vector<int> &clips) const
{
    for (core::Modality m : core::kAllModalities)
        if (m_inputs.contains(m) && features.dim(m) != m_dims[size_t(m)])
            throw core::UserError(QStringLiteral("the model was trained on %1 features of %2 "
                                                 "dimensions, the project has %3")
                                      .arg(core::modalityName(m))
                                      .arg(m_dims[size_t(m)])
                                      .arg(features.dim(m)));
    std::vector<std::unique_ptr<PackedModality>> packed;
    PackedInputs in;
    for (core::Modality m : core::kAllModalities)
        if (m_inputs.contains(m)) {
            packed.push_back(std::make_unique<PackedModality>(
                features, m, d->net->config().inputDim, d->device));
            in.parts.push_back(packed.back().get());
        }
    in.device = d->device;
    return in.predict(*d->net, clips, 128);
}

} // namespace ms::models
