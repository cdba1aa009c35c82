#pragma once

#include "core/modality.h"
#include "models/perceiverconfig.h"
#include "models/trainoptions.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <array>
#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace ms::models {

class FeatureSet;

// Trains PerceiverIO classifiers on a FeatureSet (LibTorch stays inside
// trainer.cpp). One Trainer packs each modality once and trains any number of
// models on it: a whole experiment grid shares the packed tensors.
//
// Recipe: binary cross-entropy on logits, AdamW, the minority class of the
// training split oversampled at random every epoch, length-bucketed batches
// with masks, evaluation of validation AUC-PR after every epoch, early
// stopping with `patience`, and the best epoch's weights kept. Every random
// choice comes from the seed (torch::manual_seed for the initial weights,
// SplitMix64 for the epochs), so on the CPU the same seed gives the same
// weights and metrics, on one core or many.
//
// On the CPU each batch is cut into shards trained side by side, one worker
// per shard (up to the cores), their gradients summed in shard order. The
// shard size follows the machine unless TrainOptions::shardClips fixes it
// (see shardClipsFor): 16 clips on 2 cores, 4 on 8 cores and more, so a
// batch of 32 keeps every core of a 16-core machine busy. On CUDA a batch
// is one shard; `amp` "bf16" runs its forward pass under bf16 autocast.
class Trainer
{
public:
    struct Task
    {
        core::ModalitySet inputs;
        std::vector<int> train, validation, test; // FeatureSet indexes
        std::vector<int> trainTargets, validationTargets;
        std::optional<quint64> seed; // overrides TrainOptions::seed
    };
    struct Epoch
    {
        int epoch = 0; // from 1
        int maxEpochs = 0;
        double loss = 0;            // mean training loss
        double validationAucPr = 0; // NaN without validation positives
        double seconds = 0;         // of this epoch, validation included
        int samples = 0;            // clips seen, oversampled ones included
    };
    struct Result
    {
        QByteArray weights; // torch::serialize archive of the best epoch
        PerceiverConfig config;
        core::ModalitySet inputs;
        std::array<int, 3> dims{};
        std::vector<float> validationScores, testScores; // probabilities
        QList<Epoch> history;
        int bestEpoch = 0;
        double bestValidationAucPr = 0;
        qint64 parameters = 0;
        bool cancelled = false;
    };
    using EpochCallback = std::function<void(const Epoch &)>;

    // Resolves options.device (see resolveDevice) and initialises the runtime.
    Trainer(const FeatureSet &features, PerceiverConfig config, TrainOptions options);
    ~Trainer();

    // Without validation clips the model trains for maxEpochs (benchmarks).
    // `cancel` is read after every batch.
    Result train(const Task &task, const EpochCallback &onEpoch = {},
                 const std::atomic<bool> *cancel = nullptr);

    // "cpu" or "cuda:N".
    QString device() const;
    // Clips per shard (resolved; the batch size on CUDA).
    int shardClips() const;
    // The shard size that keeps `cores` busy on a batch of `batchSize`: one
    // shard per core, no smaller than 4 clips (smaller shards spend more
    // on per-operation overhead than they gain), no larger than 16.
    static int shardClipsFor(int batchSize, int cores);
    // CPU cores training uses (TrainOptions::threads, or every hardware thread).
    int threads() const;

    // TorchRuntime::resolveDevice: "auto", "cpu", "cuda", "cuda:N" ->
    // "cpu" or "cuda:N" (a UserError for a device that is not there).
    static QString resolveDevice(const QString &choice);
    static qint64 parameterCount(const PerceiverConfig &config, const std::vector<int> &inputDims);
    // Model input dims in the model's order (V, A, T) for `inputs`.
    static std::vector<int> inputDims(core::ModalitySet inputs, const std::array<int, 3> &dims);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace ms::models
