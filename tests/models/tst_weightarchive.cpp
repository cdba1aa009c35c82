#include "models/weightarchive.h"

#include "core/error.h"
#include "modelfixtures.h"
#include "models/featureset.h"
#include "models/openmppolicy.h"
#include "models/perceivernet.h"
#include "models/trainedmodel.h"
#include "models/trainer.h"

#include <QTest>
#include <memory>

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

PerceiverNet freshNet(quint64 seed, const PerceiverConfig &config = tiny())
{
    torch::manual_seed(seed);
    return PerceiverNet(config, std::vector<int>{16});
}

bool sameValues(const PerceiverNet &a, const PerceiverNet &b)
{
    const auto pa = a->named_parameters(), pb = b->named_parameters();
    if (pa.size() != pb.size())
        return false;
    for (const auto &p : pa)
        if (!pb.contains(p.key()) || !torch::equal(p.value().cpu(), pb[p.key()].cpu()))
            return false;
    return true;
}

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

QString userErrorOf(const std::function<void()> &f)
{
    try {
        f();
    } catch (const core::UserError &e) {
        return e.message();
    }
    return {};
}

} // namespace

// The weights of a run go to bytes and back into a model that owns every
// byte of its memory: what reopening a trained model (TrainedModel) rests on.
class TestWeightArchive : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTripCopiesIntoTheModelsOwnMemory()
    {
        const PerceiverNet source = freshNet(1);
        auto *bytes = new QByteArray(saveWeights(*source));
        QVERIFY(isOwnWeightFormat(*bytes));
        PerceiverNet target = freshNet(2);
        QVERIFY(!sameValues(source, target));
        std::vector<const void *> storage;
        for (const auto &p : target->parameters())
            storage.push_back(p.data_ptr());

        loadWeights(*target, *bytes);
        // The source bytes overwritten, then freed, then their memory reused.
        bytes->fill('\xAB');
        delete bytes;
        std::vector<std::unique_ptr<QByteArray>> reuse;
        for (int i = 0; i < 16; ++i)
            reuse.push_back(std::make_unique<QByteArray>(4096, '\xCD'));

        QVERIFY(sameValues(source, target));
        // Every parameter kept the storage the model allocated: nothing
        // points into memory that LibTorch's reader or the bytes owned.
        const auto params = target->parameters();
        QCOMPARE(params.size(), storage.size());
        for (size_t i = 0; i < params.size(); ++i)
            QCOMPARE(params[i].data_ptr(), storage[i]);
    }

    void aReopenedModelPredictsTheSameAfterItsBytesAreFreed()
    {
        std::vector<int> targets;
        const FeatureSet f = test::plantedFeatures(60, true, &targets);
        TrainOptions o;
        o.maxEpochs = 2;
        o.device = QStringLiteral("cpu");
        const auto task = split(f.size(), targets);
        const auto r = Trainer(f, tiny(), o).train(task);
        QVERIFY(!r.testScores.empty());
        // A deep copy (QByteArray shares by default), freed after opening.
        auto *stored = new QByteArray(r.weights.constData(), r.weights.size());
        std::unique_ptr<TrainedModel> model =
            std::make_unique<TrainedModel>(r.config, r.inputs, r.dims, *stored);
        stored->fill('\0');
        delete stored;
        QCOMPARE(model->device(), QStringLiteral("cpu"));
        const auto again = model->predict(f, task.test);
        QCOMPARE(again.size(), r.testScores.size());
        for (size_t i = 0; i < again.size(); ++i)
            QVERIFY2(
                std::abs(again[i] - r.testScores[i]) < 1e-6f,
                qPrintable(
                    QStringLiteral("clip %1: %2 vs %3").arg(i).arg(again[i]).arg(r.testScores[i])));
        // A second model from the same bytes is independent of the first.
        const TrainedModel twin(r.config, r.inputs, r.dims, r.weights);
        model.reset();
        const auto twinScores = twin.predict(f, task.test);
        for (size_t i = 0; i < twinScores.size(); ++i)
            QVERIFY(std::abs(twinScores[i] - r.testScores[i]) < 1e-6f);
    }

    void runsStoredInTheEarlierArchiveFormatStillLoad()
    {
        // What the trainer stored before: Module::save into a LibTorch archive.
        const PerceiverNet source = freshNet(3);
        torch::serialize::OutputArchive archive;
        source->save(archive);
        QByteArray legacy;
        archive.save_to([&legacy](const void *data, size_t size) -> size_t {
            legacy.append(static_cast<const char *>(data), qsizetype(size));
            return size;
        });
        QVERIFY(!isOwnWeightFormat(legacy));
        PerceiverNet target = freshNet(4);
        loadWeights(*target, legacy);
        legacy.fill('\0');
        QVERIFY(sameValues(source, target));
    }

    void damagedOrMismatchedWeightsAreClearErrors()
    {
        const PerceiverNet source = freshNet(5);
        const QByteArray good = saveWeights(*source);
        PerceiverNet target = freshNet(6);

        QVERIFY(userErrorOf([&] { loadWeights(*target, QByteArray()); }).contains(u"empty"));
        QVERIFY(userErrorOf([&] {
                    loadWeights(*target, good.left(good.size() / 2));
                }).contains(u"checksum"));
        QByteArray flipped = good;
        flipped[flipped.size() / 2] = char(flipped[flipped.size() / 2] ^ 0x40);
        QVERIFY(userErrorOf([&] { loadWeights(*target, flipped); }).contains(u"damaged"));
        QVERIFY(!userErrorOf([&] {
                     loadWeights(*target, QByteArray("not weights at all"));
                 }).isEmpty());

        PerceiverConfig wider = tiny();
        wider.latentDim = 48;
        PerceiverNet other = freshNet(7, wider);
        const QString mismatch = userErrorOf([&] { loadWeights(*other, good); });
        QVERIFY2(mismatch.contains(u"do not fit") && mismatch.contains(u"latents"),
                 qPrintable(mismatch));
        // A failed load leaves a TrainedModel unbuilt, not half-built.
        QVERIFY(
            !userErrorOf([&] {
                 TrainedModel m(wider, core::ModalitySet{core::Modality::Visual}, {16, 0, 0}, good);
             }).isEmpty());
        // The good bytes still load after all that.
        loadWeights(*target, good);
        QVERIFY(sameValues(source, target));
    }

    void cudaModelsPredictWhatCpuModelsPredict()
    {
        if (!torch::cuda::is_available())
            QSKIP("no CUDA device here (torch::cuda::is_available() is false): the CUDA round "
                  "trip runs on a GPU machine");
        std::vector<int> targets;
        const FeatureSet f = test::plantedFeatures(60, true, &targets);
        TrainOptions o;
        o.maxEpochs = 2;
        o.device = QStringLiteral("cpu");
        const auto task = split(f.size(), targets);
        const auto r = Trainer(f, tiny(), o).train(task);
        const QString last = QStringLiteral("cuda:%1").arg(torch::cuda::device_count() - 1);
        const TrainedModel onGpu(r.config, r.inputs, r.dims, r.weights, last);
        QCOMPARE(onGpu.device(), last); // the index is honoured, not dropped
        const auto scores = onGpu.predict(f, task.test);
        for (size_t i = 0; i < scores.size(); ++i)
            QVERIFY(std::abs(scores[i] - r.testScores[i]) < 1e-4f);
        // Weights saved from the GPU load on the CPU.
        const TrainedModel back(r.config, r.inputs, r.dims, saveWeights(onGpu.network()));
        QCOMPARE(back.predict(f, task.test).size(), scores.size());
    }
};

int main(int argc, char **argv)
{
    ms::models::ensurePassiveOpenMp(argv);
    QCoreApplication app(argc, argv);
    TestWeightArchive t;
    return QTest::qExec(&t, argc, argv);
}
#include "tst_weightarchive.moc"
