#include "models/trainer.h"

#include "core/error.h"
#include "core/metrics.h"
#include "core/splitmix64.h"
#include "models/batchplanner.h"
#include "models/featureset.h"
#include "models/flatadamw.h"
#include "models/packedmodality.h"
#include "models/perceivernet.h"
#include "models/shardpool.h"
#include "models/torchruntime.h"
#include "models/weightarchive.h"

#include <ATen/autocast_mode.h>
#include <QElapsedTimer>
#include <QThread>
#include <cmath>
#include <algorithm>
#include <map>

namespace ms::models {

namespace {

// bf16 autocast on CUDA for the scope of one forward pass (autocast state is
// per thread: the shard worker sets it). LibTorch 2.4 replaced the CUDA-only
// calls of 1.13 by per-device ones; this is the one place that differs.
class CudaBf16Autocast
{
public:
    explicit CudaBf16Autocast(bool on) : m_on(on)
    {
        if (!m_on)
            return;
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
        m_wasEnabled = at::autocast::is_autocast_enabled(at::kCUDA);
        m_dtype = at::autocast::get_autocast_dtype(at::kCUDA);
        at::autocast::set_autocast_enabled(at::kCUDA, true);
        at::autocast::set_autocast_dtype(at::kCUDA, at::kBFloat16);
#else
        m_wasEnabled = at::autocast::is_enabled();
        m_dtype = at::autocast::get_autocast_gpu_dtype();
        at::autocast::set_enabled(true);
        at::autocast::set_autocast_gpu_dtype(at::kBFloat16);
#endif
        at::autocast::increment_nesting();
    }
    ~CudaBf16Autocast()
    {
        if (!m_on)
            return;
        if (at::autocast::decrement_nesting() == 0)
            at::autocast::clear_cache();
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
        at::autocast::set_autocast_enabled(at::kCUDA, m_wasEnabled);
        at::autocast::set_autocast_dtype(at::kCUDA, m_dtype);
#else
        at::autocast::set_enabled(m_wasEnabled);
        at::autocast::set_autocast_gpu_dtype(m_dtype);
#endif
    }
    CudaBf16Autocast(const CudaBf16Autocast &) = delete;
    CudaBf16Autocast &operator=(const CudaBf16Autocast &) = delete;

private:
    bool m_on;
    bool m_wasEnabled = false;
    at::ScalarType m_dtype = at::kFloat;
};

} // namespace

struct Trainer::Private
{
    const FeatureSet &features;
    PerceiverConfig config;
    TrainOptions options;
    torch::Device device = torch::kCPU;
    bool bf16 = false;
    // Packed once per (modality, time-code width) and shared by all models.
    std::map<std::pair<int, int>, std::unique_ptr<PackedModality>> packed;

    PackedInputs inputsFor(core::ModalitySet set)
    {
        PackedInputs in;
        in.device = device;
        for (core::Modality m : core::kAllModalities) {
            if (!set.contains(m))
                continue;
            auto &slot = packed[{int(m), config.inputDim}];
            if (!slot)
                slot = std::make_unique<PackedModality>(features, m, config.inputDim, device);
            in.parts.push_back(slot.get());
        }
        return in;
    }
};

Trainer::Trainer(const FeatureSet &features, PerceiverConfig config, TrainOptions options)
    : d(new Private{features, config, options})
{
    TorchRuntime::initialise();
    d->device = torch::Device(resolveDevice(options.device).toStdString());
    const QString amp = options.amp.trimmed().toLower();
    if (amp == u"bf16") {
        if (!d->device.is_cuda())
            throw core::UserError(QStringLiteral(
                "--amp bf16 (mixed precision) runs on CUDA only; training on the CPU is in "
                "float32: leave --amp out or use --device cuda"));
        d->bf16 = true;
    } else if (!amp.isEmpty() && amp != u"off") {
        throw core::UserError(
            QStringLiteral("unknown --amp '%1': use off or bf16").arg(options.amp));
    }
    if (options.shardClips < 0)
        throw core::UserError(QStringLiteral("the shard size must be positive (or 0: sized by "
                                             "the machine), not %1")
                                  .arg(options.shardClips));
}

Trainer::~Trainer() = default;

QString Trainer::device() const
{
    return QString::fromStdString(d->device.str());
}

int Trainer::shardClipsFor(int batchSize, int cores)
{
    const int perCore = (std::max(1, batchSize) + std::max(1, cores) - 1) / std::max(1, cores);
    return std::clamp(perCore, 4, 16);
}

int Trainer::shardClips() const
{
    if (d->device.is_cuda())
        return d->options.batchSize;
    return d->options.shardClips > 0 ? d->options.shardClips
                                     : shardClipsFor(d->options.batchSize, threads());
}

int Trainer::threads() const
{
    return d->options.threads > 0 ? d->options.threads : std::max(1, QThread::idealThreadCount());
}

QString Trainer::resolveDevice(const QString &choice)
{
    return TorchRuntime::resolveDevice(choice);
}

std::vector<int> Trainer::inputDims(core::ModalitySet inputs, const std::array<int, 3> &dims)
{
    std::vector<int> out;
    for (core::Modality m : core::kAllModalities)
        if (inputs.contains(m))
            out.push_back(dims[size_t(m)]);
    return out;
}

qint64 Trainer::parameterCount(const PerceiverConfig &config, const std::vector<int> &inputDims)
{
    return PerceiverNet(config, inputDims)->parameterCount();
}

Trainer::Result Trainer::train(const Task &task, const EpochCallback &onEpoch,
                               const std::atomic<bool> *cancel)
{
    const TrainOptions &o = d->options;
    Result r;
    r.config = d->config;
    r.inputs = task.inputs;
    for (core::Modality m : core::kAllModalities)
        r.dims[size_t(m)] = task.inputs.contains(m) ? d->features.dim(m) : 0;

    const PackedInputs inputs = d->inputsFor(task.inputs);
    const std::vector<int> lengths = inputs.lengths();
    std::vector<float> targetOf(size_t(d->features.size()), 0.f);
    for (size_t i = 0; i < task.train.size(); ++i)
        targetOf[size_t(task.train[i])] = float(task.trainTargets[i]);

    const quint64 seed = task.seed.value_or(o.seed);
    torch::manual_seed(seed);
    PerceiverNet net(d->config, inputDims(task.inputs, r.dims));
    net->to(d->device);
    r.parameters = net->parameterCount();
    core::SplitMix64 rng(seed ^ 0x5EEDBA7C4E5ull);

    const bool validate = !task.validation.empty();
    std::vector<torch::Tensor> best;
    double bestAp = -1;
    auto snapshot = [&] {
        torch::NoGradGuard g;
        best.clear();
        for (const auto &p : net->parameters())
            best.push_back(p.detach().clone());
    };
    // Data parallelism within a batch (CPU): the batch is cut into shards of
    // shardClips() clips, trained side by side by single-threaded workers, each
    // on its own replica of the model, each shard's gradient accumulated in a
    // buffer of its own. The workers then share out the parameters by range:
    // each sums the shards' gradients in shard order over its range, takes
    // the AdamW step there, and copies the new weights to the replicas. The
    // shards do not depend on the thread count and every sum has a fixed
    // order, so the same seed and shard size give the same weights on any
    // number of cores. On CUDA a batch is one shard.
    const int hardware = threads();
    const int shardClips = this->shardClips();
    const int shardsPerBatch = (o.batchSize + shardClips - 1) / shardClips;
    const int workers = std::min(hardware, shardsPerBatch);
    ShardPool pool(workers, std::max(1, hardware / workers));
    std::vector<PerceiverNet> replicas{net};
    for (int w = 1; w < workers; ++w) {
        replicas.emplace_back(d->config, inputDims(task.inputs, r.dims));
        replicas.back()->to(d->device);
    }
    std::vector<FlatParameters> flats;
    for (auto &rep : replicas)
        flats.emplace_back(rep->parameters());
    const int64_t flatSize = flats[0].size();
    for (size_t w = 1; w < flats.size(); ++w) {
        torch::NoGradGuard g;
        flats[w].flat().copy_(flats[0].flat());
    }
    FlatAdamW optimiser(flatSize, o.learningRate, o.weightDecay);
    // Worker w's range of the flat parameters (multiples of 16 floats).
    const int64_t span = ((flatSize + workers - 1) / workers + 15) / 16 * 16;
    const auto rangeOf = [&](int w) {
        const int64_t begin = std::min(flatSize, span * w);
        return std::make_pair(begin, std::min(flatSize, begin + span));
    };
    std::vector<torch::Tensor> shardGrads(static_cast<size_t>(shardsPerBatch));
    for (auto &g : shardGrads)
        g = torch::zeros({flatSize}, flats[0].flat().options());
    std::vector<double> shardLoss;
    std::vector<std::vector<float>> shardTargets(static_cast<size_t>(shardsPerBatch));
    for (int epoch = 1; epoch <= o.maxEpochs; ++epoch) {
        QElapsedTimer timer;
        timer.start();
        const std::vector<int> samples =
            o.oversample ? batchplanner::oversample(task.train, task.trainTargets, rng) : task.train;
        const auto batches = batchplanner::bucketBatches(samples, lengths, o.batchSize, rng);
        for (auto &rep : replicas)
            rep->train();
        double lossSum = 0;
        qint64 profile[2] = {0, 0};
        for (const auto &b : batches) {
            if (cancel && cancel->load(std::memory_order_relaxed)) {
                r.cancelled = true;
                break;
            }
            std::vector<std::vector<int>> shards;
            for (size_t i = 0; i < b.size(); i += size_t(shardClips))
                shards.emplace_back(b.begin() + qsizetype(i),
                                    b.begin() + qsizetype(std::min(b.size(), i + size_t(shardClips))));
            shardLoss.assign(shards.size(), 0.0);
            const double batchClips = double(b.size());
            QElapsedTimer pt;
            pt.start();
            pool.run([&](int w) {
                for (size_t s = size_t(w); s < shards.size(); s += size_t(workers)) {
                    auto &targets = shardTargets[s];
                    targets.clear();
                    for (int clip : shards[s])
                        targets.push_back(targetOf[size_t(clip)]);
                    // A tensor that owns a copy of the targets (not a view of
                    // the vector, which the next batch refills).
                    const auto y = torch::tensor(targets, torch::kFloat32).to(d->device);
                    shardGrads[s].zero_();
                    flats[size_t(w)].bindGradients(shardGrads[s]);
                    // The batch's mean loss, as the sum of its shards' parts.
                    torch::Tensor logits;
                    {
                        const CudaBf16Autocast autocast(d->bf16);
                        logits = replicas[size_t(w)]->forward(inputs.batch(shards[s]));
                    }
                    const auto loss = torch::binary_cross_entropy_with_logits(
                                          logits.to(torch::kFloat32), y, {}, {}, at::Reduction::Sum) /
                                      batchClips;
                    loss.backward();
                    shardLoss[s] = loss.item<double>();
                }
            });
            profile[0] += pt.nsecsElapsed();
            pt.restart();
            optimiser.beginStep();
            pool.run([&](int w) {
                torch::NoGradGuard g;
                const auto [begin, end] = rangeOf(w);
                if (end <= begin)
                    return;
                auto sum = shardGrads[0].narrow(0, begin, end - begin);
                for (size_t s = 1; s < shards.size(); ++s)
                    sum.add_(shardGrads[s].narrow(0, begin, end - begin));
                optimiser.update(flats[0].flat(), shardGrads[0], begin, end);
                for (size_t rep = 1; rep < flats.size(); ++rep)
                    flats[rep].flat().narrow(0, begin, end - begin).copy_(flats[0].flat().narrow(0, begin, end - begin));
            });
            profile[1] += pt.nsecsElapsed();
            double batchLoss = 0;
            for (double l : shardLoss)
                batchLoss += l;
            lossSum += batchLoss * batchClips;
        }
        // Where an epoch goes (MODALSCOPE_PROFILE=1): bench-train's diagnosis.
        if (qEnvironmentVariableIsSet("MODALSCOPE_PROFILE"))
            qInfo("shards (forward and backward, %d workers) %.2f s, gradient sum and step %.2f s",
                  workers, profile[0] / 1e9, profile[1] / 1e9);
        if (r.cancelled)
            break;
        Epoch e;
        e.epoch = epoch;
        e.maxEpochs = o.maxEpochs;
        e.samples = int(samples.size());
        e.loss = lossSum / double(std::max<size_t>(1, samples.size()));
        e.validationAucPr = std::numeric_limits<double>::quiet_NaN();
        if (validate) {
            const auto scores = inputs.predict(*net, task.validation, 128);
            e.validationAucPr = core::metrics::averagePrecision(scores, task.validationTargets);
            // A validation split without positives cannot rank epochs: the
            // first epoch stands until one can.
            const double ap = std::isnan(e.validationAucPr) ? -0.5 : e.validationAucPr;
            if (ap > bestAp) {
                bestAp = ap;
                r.bestEpoch = epoch;
                r.bestValidationAucPr = e.validationAucPr;
                snapshot();
            }
        } else {
            r.bestEpoch = epoch;
        }
        e.seconds = double(timer.nsecsElapsed()) / 1e9;
        r.history.append(e);
        if (onEpoch)
            onEpoch(e);
        if (validate && epoch - r.bestEpoch >= o.patience)
            break;
    }
    if (!best.empty()) {
        torch::NoGradGuard g;
        auto params = net->parameters();
        for (size_t i = 0; i < params.size(); ++i)
            params[i].copy_(best[i]);
    }
    for (auto &f : flats)
        f.release();
    if (r.cancelled)
        return r;
    if (validate)
        r.validationScores = inputs.predict(*net, task.validation, 128);
    if (!task.test.empty())
        r.testScores = inputs.predict(*net, task.test, 128);

    r.weights = saveWeights(*net);
    return r;
}

} // namespace ms::models
