// LibTorch before any Qt header (Qt's `slots` keyword).
#include "models/flatadamw.h"
#include "models/torchruntime.h"

#include "core/error.h"
#include "core/metrics.h"
#include "core/splitmix64.h"
#include "models/batchplanner.h"
#include "models/featureset.h"
#include "models/openmppolicy.h"
#include "models/trainedmodel.h"
#include "models/trainer.h"
#include "modelfixtures.h"

#include <QTest>
#include <algorithm>

using namespace ms;
using namespace ms::models;

namespace {

PerceiverConfig tiny()
{
    PerceiverConfig c;
    c.depth = 1;
    c.latents = 8;
    c.latentDim = 32;
    c.inputDim = 32;
    c.crossHeadDim = 16;
    c.latentHeads = 2;
    c.latentHeadDim = 16;
    c.ffMult = 2;
    return c;
}

// Films are not needed here: clips 0..n-1 split 60/20/20 by index.
Trainer::Task split(int n, const std::vector<int> &targets)
{
    Trainer::Task t;
    t.inputs = core::ModalitySet{core::Modality::Visual};
    for (int i = 0; i < n; ++i) {
        if (i % 5 < 3) {
            t.train.push_back(i);
            t.trainTargets.push_back(targets[size_t(i)]);
        } else if (i % 5 == 3) {
            t.validation.push_back(i);
            t.validationTargets.push_back(targets[size_t(i)]);
        } else {
            t.test.push_back(i);
        }
    }
    return t;
}

} // namespace

class TestTrainer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parameterCountOfThePaperConfiguration()
    {
        // Counted by hand for one visual input of 512 dimensions:
        // projection 512*128+128 = 65,664; modality embedding 128; latents
        // 32*128 = 4,096; cross-attention norms 2*(2*128) = 512, query
        // 128*64 = 8,192, keys+values 128*128 = 16,384, output 64*128+128 =
        // 8,320; three GEGLU feed-forwards of 2*128 + (128*1024+1024) +
        // (512*128+128) = 198,016 each = 594,048; two self-attention blocks of
        // 2*128 + 128*768 + (256*128+128) = 131,456 each = 262,912; head
        // 2*128 + 128 + 1 = 385. Total 960,641.
        QCOMPARE(Trainer::parameterCount(PerceiverConfig(), {512}), qint64(960641));
        // A vision-audio pair adds a 768->128 projection and an embedding row.
        QCOMPARE(Trainer::parameterCount(PerceiverConfig(), {512, 768}),
                 qint64(960641 + 768 * 128 + 128 + 128));
    }
    void oversamplingBalancesTheClasses()
    {
        const std::vector<int> idx{10, 11, 12, 13, 14, 15, 16};
        const std::vector<int> tgt{1, 0, 0, 0, 1, 0, 0}; // 2 positives, 5 negatives
        core::SplitMix64 rng(4);
        const auto out = batchplanner::oversample(idx, tgt, rng);
        QCOMPARE(out.size(), size_t(10));
        int pos = 0;
        for (int i : out)
            pos += (i == 10 || i == 14);
        QCOMPARE(pos, 5);
        for (int i : idx) // every original clip is still there
            QVERIFY(std::count(out.begin(), out.end(), i) >= 1);
        core::SplitMix64 rng2(4);
        QCOMPARE(batchplanner::oversample({1, 2}, {0, 0}, rng2).size(), size_t(2));
    }
    void bucketsKeepEveryClipAndGroupLengths()
    {
        std::vector<int> lengths(100);
        std::vector<int> samples(100);
        for (int i = 0; i < 100; ++i) {
            lengths[size_t(i)] = (i * 37) % 50 + 1;
            samples[size_t(i)] = i;
        }
        core::SplitMix64 rng(1);
        const auto batches = batchplanner::bucketBatches(samples, lengths, 10, rng);
        QCOMPARE(batches.size(), size_t(10));
        std::vector<int> seen;
        int spread = 0;
        for (const auto &b : batches) {
            seen.insert(seen.end(), b.begin(), b.end());
            int lo = 1000, hi = 0;
            for (int i : b) {
                lo = std::min(lo, lengths[size_t(i)]);
                hi = std::max(hi, lengths[size_t(i)]);
            }
            spread = std::max(spread, hi - lo);
        }
        std::sort(seen.begin(), seen.end());
        QCOMPARE(seen, samples);
        QVERIFY2(spread <= 6, "a batch mixes short and long clips");
    }
    void learnsAPlantedSignal()
    {
        std::vector<int> targets;
        const FeatureSet f = test::plantedFeatures(300, true, &targets);
        TrainOptions o;
        o.maxEpochs = 25;
        o.patience = 6;
        o.learningRate = 2e-3;
        o.device = QStringLiteral("cpu");
        const Trainer::Task task = split(f.size(), targets);
        const auto r = Trainer(f, tiny(), o).train(task);
        std::vector<int> y;
        for (int i : task.test)
            y.push_back(targets[size_t(i)]);
        QCOMPARE(r.testScores.size(), task.test.size());
        const double ap = core::metrics::averagePrecision(r.testScores, y);
        // Chance is 1/3; the planted direction makes the task easy.
        QVERIFY2(ap > 0.9, qPrintable(QStringLiteral("test AUC-PR %1").arg(ap)));
    }
    void stopsEarlyWithoutSignal()
    {
        std::vector<int> targets;
        const FeatureSet f = test::plantedFeatures(150, false, &targets);
        TrainOptions o;
        o.maxEpochs = 60;
        o.patience = 3;
        o.device = QStringLiteral("cpu");
        const auto r = Trainer(f, tiny(), o).train(split(f.size(), targets));
        QVERIFY(r.history.size() < 60);
        // Stopped exactly `patience` epochs after the best one.
        QCOMPARE(r.history.size(), r.bestEpoch + 3);
        double best = -1;
        for (const auto &e : r.history)
            best = std::max(best, e.validationAucPr);
        QCOMPARE(r.bestValidationAucPr, best);
    }
    void sameSeedSameMetrics()
    {
        std::vector<int> targets;
        const FeatureSet f = test::plantedFeatures(120, true, &targets);
        TrainOptions o;
        o.maxEpochs = 4;
        o.seed = 11;
        o.device = QStringLiteral("cpu");
        const auto task = split(f.size(), targets);
        const auto a = Trainer(f, tiny(), o).train(task);
        const auto b = Trainer(f, tiny(), o).train(task);
        QCOMPARE(a.history.size(), b.history.size());
        for (int i = 0; i < a.history.size(); ++i) {
            QCOMPARE(a.history[i].loss, b.history[i].loss);
            QCOMPARE(a.history[i].validationAucPr, b.history[i].validationAucPr);
        }
        QVERIFY(a.testScores == b.testScores);
        o.seed = 12;
        const auto c = Trainer(f, tiny(), o).train(task);
        QVERIFY(c.testScores != a.testScores);
    }
    void flatAdamWMatchesLibTorchAdamW()
    {
        // Three parameters of odd shapes, five steps, the gradients of a
        // simple loss; the flat optimiser updates its buffer in two ranges
        // that cut a parameter in half, as the trainer's workers do.
        torch::manual_seed(3);
        std::vector<torch::Tensor> a{torch::randn({7, 5}, torch::requires_grad()),
                                     torch::randn({13}, torch::requires_grad()),
                                     torch::randn({2, 3, 4}, torch::requires_grad())};
        std::vector<torch::Tensor> b;
        for (const auto &t : a)
            b.push_back(t.detach().clone().requires_grad_(true));
        torch::optim::AdamW reference(a, torch::optim::AdamWOptions(2e-3).weight_decay(0.05));
        FlatParameters flat(b);
        FlatAdamW mine(flat.size(), 2e-3, 0.05);
        auto grads = torch::zeros({flat.size()});
        const auto lossOf = [](const std::vector<torch::Tensor> &p, int step) {
            return (p[0].pow(2).sum() + (p[1] * double(step)).sin().sum() + p[2].abs().sum() * 0.5);
        };
        for (int step = 1; step <= 5; ++step) {
            reference.zero_grad();
            lossOf(a, step).backward();
            reference.step();
            grads.zero_();
            flat.bindGradients(grads);
            lossOf(b, step).backward();
            mine.beginStep();
            mine.update(flat.flat(), grads, 0, 40);
            mine.update(flat.flat(), grads, 40, flat.size());
        }
        for (size_t i = 0; i < a.size(); ++i)
            QVERIFY2(torch::equal(a[i], b[i]), qPrintable(QStringLiteral("parameter %1 differs").arg(i)));
        flat.release();
        QVERIFY(torch::equal(a[0], b[0]));
        QVERIFY(!b[0].grad().defined());
    }
    void sameWeightsOnOneCoreAndOnThree()
    {
        // Batches of 40 make three shards (16, 16, 8): one worker trains them
        // in turn, three share them out; the gradient sum's order is the same.
        // (The shard size is fixed here: by default it follows the cores.)
        std::vector<int> targets;
        const FeatureSet f = test::plantedFeatures(150, true, &targets);
        TrainOptions o;
        o.maxEpochs = 3;
        o.batchSize = 40;
        o.seed = 5;
        o.device = QStringLiteral("cpu");
        o.shardClips = 16;
        const auto task = split(f.size(), targets);
        o.threads = 1;
        const auto one = Trainer(f, tiny(), o).train(task);
        o.threads = 3;
        const auto two = Trainer(f, tiny(), o).train(task);
        QCOMPARE(one.history.size(), two.history.size());
        for (int i = 0; i < one.history.size(); ++i)
            QCOMPARE(one.history[i].loss, two.history[i].loss);
        QVERIFY(one.testScores == two.testScores);
        QVERIFY(one.weights == two.weights);
    }
    void paddingNeverChangesAPrediction()
    {
        std::vector<int> targets;
        const FeatureSet f = test::plantedFeatures(60, true, &targets);
        TrainOptions o;
        o.maxEpochs = 1;
        o.device = QStringLiteral("cpu");
        const auto r = Trainer(f, tiny(), o).train(split(f.size(), targets));
        const TrainedModel model(r.config, r.inputs, r.dims, r.weights);
        // The shortest clip alone (no padding), then batched with the longest.
        int shortest = 0, longest = 0;
        for (int i = 0; i < f.size(); ++i) {
            if (f.matrix(core::Modality::Visual, i).tokens < f.matrix(core::Modality::Visual, shortest).tokens)
                shortest = i;
            if (f.matrix(core::Modality::Visual, i).tokens > f.matrix(core::Modality::Visual, longest).tokens)
                longest = i;
        }
        QVERIFY(f.matrix(core::Modality::Visual, longest).tokens >
                f.matrix(core::Modality::Visual, shortest).tokens);
        const auto alone = model.predict(f, {shortest});
        const auto padded = model.predict(f, {longest, shortest});
        QCOMPARE(alone.size(), size_t(1));
        QCOMPARE(padded.size(), size_t(2));
        QVERIFY(std::abs(alone[0] - padded[1]) < 1e-6f);
        // ...and the reopened model predicts what training predicted.
        const auto again = model.predict(f, split(f.size(), targets).test);
        QCOMPARE(again.size(), r.testScores.size());
        for (size_t i = 0; i < again.size(); ++i)
            QVERIFY(std::abs(again[i] - r.testScores[i]) < 1e-6f);
    }
    void shardSizeFollowsTheMachine()
    {
        // One shard per core for a batch of 32, between 4 and 16 clips.
        QCOMPARE(Trainer::shardClipsFor(32, 1), 16);
        QCOMPARE(Trainer::shardClipsFor(32, 2), 16);
        QCOMPARE(Trainer::shardClipsFor(32, 4), 8);
        QCOMPARE(Trainer::shardClipsFor(32, 8), 4);
        QCOMPARE(Trainer::shardClipsFor(32, 16), 4);
        QCOMPARE(Trainer::shardClipsFor(32, 64), 4);
        QCOMPARE(Trainer::shardClipsFor(128, 2), 16);
        std::vector<int> targets;
        const FeatureSet f = test::plantedFeatures(30, true, &targets);
        TrainOptions o;
        o.device = QStringLiteral("cpu");
        o.threads = 8;
        QCOMPARE(Trainer(f, tiny(), o).shardClips(), 4);
        o.shardClips = 12;
        QCOMPARE(Trainer(f, tiny(), o).shardClips(), 12);
        o.shardClips = -1;
        QVERIFY_THROWS_EXCEPTION(core::UserError, Trainer(f, tiny(), o));
    }
    void mixedPrecisionIsCudaOnly()
    {
        std::vector<int> targets;
        const FeatureSet f = test::plantedFeatures(30, true, &targets);
        TrainOptions o;
        o.device = QStringLiteral("cpu");
        o.amp = QStringLiteral("bf16");
        try {
            Trainer t(f, tiny(), o);
            QFAIL("bf16 autocast on the CPU was accepted");
        } catch (const core::UserError &e) {
            QVERIFY2(e.message().contains(u"CUDA only"), qPrintable(e.message()));
        }
        o.amp = QStringLiteral("fp8");
        QVERIFY_THROWS_EXCEPTION(core::UserError, Trainer(f, tiny(), o));
        o.amp = QStringLiteral("off");
        Trainer plain(f, tiny(), o);
        QCOMPARE(plain.device(), QStringLiteral("cpu"));
    }
    void trainsOnTheCudaDeviceAskedFor()
    {
        if (!torch::cuda::is_available())
            QSKIP("no CUDA device here (torch::cuda::is_available() is false)");
        std::vector<int> targets;
        const FeatureSet f = test::plantedFeatures(60, true, &targets);
        const auto task = split(f.size(), targets);
        TrainOptions o;
        o.maxEpochs = 2;
        o.device = QStringLiteral("cuda:%1").arg(torch::cuda::device_count() - 1);
        for (const QString &amp : {QStringLiteral("off"), QStringLiteral("bf16")}) {
            o.amp = amp;
            Trainer t(f, tiny(), o);
            QCOMPARE(t.device(), o.device); // the index is honoured
            const auto r = t.train(task);
            QCOMPARE(r.history.size(), 2);
            QVERIFY(std::isfinite(r.history.last().loss));
            const TrainedModel reopened(r.config, r.inputs, r.dims, r.weights, o.device);
            QCOMPARE(reopened.device(), o.device);
            const auto again = reopened.predict(f, task.test);
            for (size_t i = 0; i < again.size(); ++i)
                QVERIFY(std::abs(again[i] - r.testScores[i]) < 1e-4f);
        }
    }
    void deviceChoice()
    {
        const QString autoDevice = Trainer::resolveDevice(QStringLiteral("auto"));
        QVERIFY(autoDevice == u"cpu" || autoDevice == u"cuda:0");
        QCOMPARE(Trainer::resolveDevice(QStringLiteral("cpu")), QStringLiteral("cpu"));
        QVERIFY_THROWS_EXCEPTION(core::UserError, Trainer::resolveDevice(QStringLiteral("tpu")));
        QVERIFY_THROWS_EXCEPTION(core::UserError, Trainer::resolveDevice(QStringLiteral("cuda:x")));
        // The runtime line names the device asked for, not the first GPU.
        QCOMPARE(TorchRuntime::initialise(QStringLiteral("cpu")).device, QStringLiteral("cpu"));
        QVERIFY(TorchRuntime::initialise(QStringLiteral("cpu")).describe().contains(u" on cpu,"));
        if (autoDevice == u"cpu") {
            try {
                Trainer::resolveDevice(QStringLiteral("cuda"));
                QFAIL("cuda without a GPU was accepted");
            } catch (const core::UserError &e) {
                QVERIFY(e.message().contains(QStringLiteral("no CUDA device")));
            }
        }
    }
};

int main(int argc, char **argv)
{
    // Tests train models: without this, spinning OpenMP threads make them
    // 25 times slower on a shared two-core machine (see openmppolicy.h).
    ms::models::ensurePassiveOpenMp(argv);
    QCoreApplication app(argc, argv);
    TestTrainer t;
    return QTest::qExec(&t, argc, argv);
}
#include "tst_trainer.moc"
