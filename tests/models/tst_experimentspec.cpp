#include "core/error.h"
#include "models/experimentspec.h"

#include <QJsonArray>
#include <QTest>

using namespace ms;
using namespace ms::models;

// The one builder of ExperimentSpec the training panel, `train` and
// `experiment` share.
class TestExperimentSpec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void singleDefaults()
    {
        const GridEntry av{core::ModalitySet{core::Modality::Audio, core::Modality::Visual},
                           Fusion::Late};
        const auto spec = ExperimentSpec::single(av, {});
        QCOMPARE(spec.entries, QList<GridEntry>{av});
        QCOMPARE(spec.trainSets, QStringList{QStringLiteral("CMSD")});
        QCOMPARE(spec.kind, QStringLiteral("train"));
        QCOMPARE(spec.label, QStringLiteral("AV late on CMSD"));
        QCOMPARE(spec.folds, 5);
        QCOMPARE(spec.train.maxEpochs, TrainOptions().maxEpochs);
        QCOMPARE(spec.train.device, QStringLiteral("auto"));
        QVERIFY(spec.storeWeights);
    }

    void singleOptions()
    {
        ExperimentSpec::Options o;
        o.trainSets = {QStringLiteral("CMAD"), QStringLiteral("CMSD")};
        o.folds = 3;
        o.onlyFolds = {1};
        o.seed = 9;
        o.quick = true;
        o.maxEpochs = 4;
        o.device = QStringLiteral("cpu");
        o.kind = QStringLiteral("gui");
        const auto spec =
            ExperimentSpec::single({core::ModalitySet{core::Modality::Text}, Fusion::None}, o);
        QCOMPARE(spec.label, QStringLiteral("T none on CMAD+CMSD"));
        QCOMPARE(spec.kind, QStringLiteral("gui"));
        QCOMPARE(spec.onlyFolds, QList<int>{1});
        QCOMPARE(spec.seed, quint64(9));
        QCOMPARE(spec.train.seed, quint64(9));
        QCOMPARE(spec.train.maxEpochs, 4);
        QCOMPARE(spec.train.patience, TrainOptions::quick().patience); // not overridden
        QCOMPARE(spec.train.device, QStringLiteral("cpu"));
        QCOMPARE(spec.model.toJson(), PerceiverConfig::quick().toJson());
    }

    void paperGridAndLabel()
    {
        ExperimentSpec::Options o;
        o.folds = 3;
        o.quick = true;
        o.storeWeights = false;
        const auto spec = ExperimentSpec::paper(o);
        QCOMPARE(spec.entries, ExperimentSpec::paperGrid());
        QCOMPARE(spec.trainSets, (QStringList{QStringLiteral("CMAD"), QStringLiteral("CMSD")}));
        QCOMPARE(spec.kind, QStringLiteral("experiment"));
        QCOMPARE(spec.label, QStringLiteral("Table 1 grid, 3 folds, quick"));
        QVERIFY(!spec.storeWeights);
        const GridEntry v{core::ModalitySet{core::Modality::Visual}, Fusion::None};
        QCOMPARE(ExperimentSpec::paper({}, {v}).entries, QList<GridEntry>{v});
        QCOMPARE(ExperimentSpec::paper({}, {v}).label, QStringLiteral("Table 1 grid, 5 folds"));
    }

    void invalidChoicesAreUserErrors()
    {
        const GridEntry avNone{core::ModalitySet{core::Modality::Audio, core::Modality::Visual},
                               Fusion::None};
        QVERIFY_THROWS_EXCEPTION(core::UserError, ExperimentSpec::single(avNone, {}));
        ExperimentSpec::Options o;
        o.onlyFolds = {7};
        QVERIFY_THROWS_EXCEPTION(core::UserError, ExperimentSpec::paper(o));
        o = {};
        o.trainSets = {QStringLiteral("CMXX")};
        QVERIFY_THROWS_EXCEPTION(
            core::UserError,
            ExperimentSpec::single({core::ModalitySet{core::Modality::Visual}, Fusion::None}, o));
    }
    void travelsAsJson()
    {
        models::ExperimentSpec::Options o;
        o.quick = true;
        o.folds = 4;
        o.onlyFolds = {1, 3};
        o.seed = 0xFEDCBA9876543210ull; // past a double's 53 bits
        o.device = QStringLiteral("cuda:1");
        o.amp = QStringLiteral("bf16");
        o.storeWeights = false;
        auto spec = models::ExperimentSpec::paper(o);
        spec.train.shardClips = 8;
        const auto back = models::ExperimentSpec::fromJson(spec.toJson());
        QCOMPARE(back.entries, spec.entries);
        QCOMPARE(back.trainSets, spec.trainSets);
        QCOMPARE(back.folds, 4);
        QCOMPARE(back.onlyFolds, (QList<int>{1, 3}));
        QCOMPARE(back.seed, spec.seed);
        QCOMPARE(back.model.toJson(), spec.model.toJson());
        QCOMPARE(back.train.toJson(), spec.train.toJson());
        QCOMPARE(back.train.shardClips, 8);
        QCOMPARE(back.train.amp, QStringLiteral("bf16"));
        QCOMPARE(back.label, spec.label);
        QCOMPARE(back.storeWeights, false);
        QJsonObject bad = spec.toJson();
        bad.insert(QStringLiteral("grid"), QJsonArray{QStringLiteral("Q/none")});
        QVERIFY_THROWS_EXCEPTION(core::UserError, models::ExperimentSpec::fromJson(bad));
    }
};

QTEST_GUILESS_MAIN(TestExperimentSpec)
#include "tst_experimentspec.moc"
