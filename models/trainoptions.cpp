#include "models/trainoptions.h"

namespace ms::models {

TrainOptions TrainOptions::quick()
{
    TrainOptions t;
    t.maxEpochs = 20;
    t.patience = 5;
    t.learningRate = 1e-3;
    return t;
}

QJsonObject TrainOptions::toJson() const
{
    return QJsonObject{{QStringLiteral("max_epochs"), maxEpochs},
                       {QStringLiteral("patience"), patience},
                       {QStringLiteral("batch_size"), batchSize},
                       {QStringLiteral("learning_rate"), learningRate},
                       {QStringLiteral("weight_decay"), weightDecay},
                       // JSON numbers are doubles: a 64-bit seed travels as text.
                       {QStringLiteral("seed"), QString::number(seed)},
                       {QStringLiteral("device"), device},
                       {QStringLiteral("oversample"), oversample},
                       {QStringLiteral("threads"), threads},
                       {QStringLiteral("amp"), amp},
                       {QStringLiteral("shard_clips"), shardClips}};
}

TrainOptions TrainOptions::fromJson(const QJsonObject &o)
{
    TrainOptions t;
    t.maxEpochs = o.value(QStringLiteral("max_epochs")).toInt(t.maxEpochs);
    t.patience = o.value(QStringLiteral("patience")).toInt(t.patience);
    t.batchSize = o.value(QStringLiteral("batch_size")).toInt(t.batchSize);
    t.learningRate = o.value(QStringLiteral("learning_rate")).toDouble(t.learningRate);
    t.weightDecay = o.value(QStringLiteral("weight_decay")).toDouble(t.weightDecay);
    t.seed = o.value(QStringLiteral("seed")).toString().toULongLong();
    t.device = o.value(QStringLiteral("device")).toString(t.device);
    t.oversample = o.value(QStringLiteral("oversample")).toBool(t.oversample);
    t.threads = o.value(QStringLiteral("threads")).toInt(t.threads);
    t.amp = o.value(QStringLiteral("amp")).toString(t.amp);
    t.shardClips = o.value(QStringLiteral("shard_clips")).toInt(t.shardClips);
    return t;
}

} // namespace ms::models
