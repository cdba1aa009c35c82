#pragma once

#include <QJsonObject>
#include <QString>

namespace ms::models {

// How one model is trained. The paper's recipe: binary cross-entropy, AdamW,
// random oversampling of the minority class, early stopping on validation
// AUC-PR with patience 15.
struct TrainOptions
{
    int maxEpochs = 100;
    int patience = 15;     // epochs without a better validation AUC-PR
    int batchSize = 32;
    double learningRate = 5e-4;
    double weightDecay = 1e-2;
    quint64 seed = 0;
    QString device = QStringLiteral("auto"); // auto, cpu, cuda or cuda:N
    // Mixed precision: "off", or "bf16" (autocast to bfloat16 on CUDA; the
    // CPU refuses it).
    QString amp = QStringLiteral("off");
    bool oversample = true;
    // CPU cores to train on (0: every hardware thread). The weights do not
    // depend on it: see Trainer.
    int threads = 0;
    // Clips per shard on the CPU (0: sized by the machine, see Trainer). The
    // weights depend on it (the order of the gradient sums), not on threads.
    int shardClips = 0;

    static TrainOptions quick();

    QJsonObject toJson() const;
    static TrainOptions fromJson(const QJsonObject &o);
};

} // namespace ms::models
