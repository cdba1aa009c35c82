#pragma once

#include "core/modality.h"
#include "models/perceiverconfig.h"

#include <QByteArray>
#include <array>
#include <memory>
#include <vector>

namespace ms::models {

class FeatureSet;
class PerceiverNetImpl;

// A trained PerceiverIO classifier rebuilt from a run's stored weights, for
// inference and explanations without retraining, on the device asked for
// ("cpu", "cuda", "cuda:N" or "auto"; see TorchRuntime::resolveDevice). The
// model owns all of its memory: the weights are copied in (weightarchive.h),
// so `weights` may be freed or overwritten once the constructor returns.
class TrainedModel
{
public:
    // Throws UserError when the weights do not fit the configuration or the
    // device is not there.
    TrainedModel(const PerceiverConfig &config, core::ModalitySet inputs,
                 std::array<int, 3> dims, const QByteArray &weights,
                 const QString &device = QStringLiteral("cpu"));
    ~TrainedModel();
    TrainedModel(TrainedModel &&) noexcept;

    core::ModalitySet inputs() const { return m_inputs; }
    // "cpu" or "cuda:N": where the network and its inputs live.
    QString device() const;
    qint64 parameterCount() const;
    // Probabilities for `clips` (FeatureSet indexes), in their order. The
    // feature dims must match the model's.
    std::vector<float> predict(const FeatureSet &features, const std::vector<int> &clips) const;
    // The feature dims the model was trained on, by Modality.
    const std::array<int, 3> &dims() const { return m_dims; }
    // The network itself (in eval mode), for explanations that build their
    // own inputs; only models/*.cpp can use it (it needs <torch/torch.h>).
    PerceiverNetImpl &network() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
    core::ModalitySet m_inputs;
    std::array<int, 3> m_dims;
};

} // namespace ms::models
