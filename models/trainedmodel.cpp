#include "models/trainedmodel.h"

#include "core/error.h"
#include "models/featureset.h"
#include "models/packedmodality.h"
#include "models/perceivernet.h"
#include "models/torchruntime.h"
#include "models/trainer.h"

#include <sstream>

namespace ms::models {

struct TrainedModel::Private
{
    PerceiverNet net{nullptr};
};

TrainedModel::TrainedModel(const PerceiverConfig &config, core::ModalitySet inputs,
                           std::array<int, 3> dims, const QByteArray &weights)
    : d(new Private), m_inputs(inputs), m_dims(dims)
{
    TorchRuntime::initialise();
    d->net = PerceiverNet(config, Trainer::inputDims(inputs, dims));
    try {
        torch::serialize::InputArchive archive;
        std::istringstream in(std::string(weights.constData(), size_t(weights.size())));
        archive.load_from(in);
        d->net->load(archive);
    } catch (const c10::Error &e) {
        throw core::UserError(QStringLiteral("the stored weights do not fit the model "
                                             "configuration: %1")
                                  .arg(QString::fromUtf8(e.what_without_backtrace())));
    }
    d->net->eval();
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
            packed.push_back(std::make_unique<PackedModality>(features, m,
                                                              d->net->config().inputDim, torch::kCPU));
            in.parts.push_back(packed.back().get());
        }
    return in.predict(*d->net, clips, 128);
}

} // namespace ms::models
