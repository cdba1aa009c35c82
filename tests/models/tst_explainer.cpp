#include "core/error.h"
#include "core/splitmix64.h"
#include "models/explainer.h"
#include "models/featureset.h"
#include "models/openmppolicy.h"
#include "models/trainedmodel.h"
#include "models/trainer.h"

#include <QTest>
#include <cmath>
#include <numeric>

using namespace ms;
using namespace ms::models;
using core::Modality;

namespace {

const core::ModalitySet kAVT{Modality::Visual, Modality::Audio, Modality::Text};

PerceiverConfig tiny(int crossHeads = 1)
{
    PerceiverConfig c;
    c.depth = 1;
    c.latents = 8;
    c.latentDim = 32;
    c.inputDim = 32;
    c.crossHeads = crossHeads;
    c.crossHeadDim = 16;
    c.latentHeads = 2;
    c.latentHeadDim = 16;
    c.ffMult = 2;
    return c;
}

// `n` clips of three modalities (dims 8/6/10, a few tokens each, spans of
// 640/2000/2500 ms relative to the clip start). Clip i is positive when
// i % 3 == 0 and then carries a fixed direction on two tokens of the
// `signal` modality, whose token range goes to `planted`.
struct Data
{
    FeatureSet features;
    std::vector<int> targets;
    std::vector<std::pair<int, int>> planted; // per clip, [start, end) in the signal modality
};

Data makeData(int n, Modality signal, quint64 seed = 7)
{
    core::SplitMix64 rng(seed);
    auto gauss = [&] {
        const double u1 = std::max(rng.uniform(), 1e-12), u2 = rng.uniform();
        return float(std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2));
    };
    const std::array<int, 3> dims = {8, 6, 10}, minT = {3, 2, 2}, maxT = {10, 8, 6},
                             ms = {640, 2000, 2500};
    std::vector<float> direction(size_t(dims[size_t(signal)]));
    for (float &x : direction)
        x = gauss();
    Data d;
    d.features.setModalities(kAVT, dims);
    for (int i = 0; i < n; ++i) {
        const bool positive = i % 3 == 0;
        d.targets.push_back(positive ? 1 : 0);
        std::array<core::FeatureMatrix, 3> f;
        std::pair<int, int> span{0, 0};
        for (Modality m : core::kAllModalities) {
            core::FeatureMatrix &x = f[size_t(m)];
            x.dim = dims[size_t(m)];
            x.tokens =
                minT[size_t(m)] + int(rng.below(quint64(maxT[size_t(m)] - minT[size_t(m)] + 1)));
            x.data.resize(size_t(x.tokens * x.dim));
            for (float &v : x.data)
                v = gauss();
            for (int t = 0; t < x.tokens; ++t)
                x.spans.push_back({qint64(t) * ms[size_t(m)], qint64(t + 1) * ms[size_t(m)]});
            if (m == signal && positive) {
                const int at = int(rng.below(quint64(x.tokens - 1)));
                span = {at, at + 2};
                for (int t = at; t < at + 2; ++t)
                    for (int k = 0; k < x.dim; ++k)
                        x.row(t)[k] += 2.5f * direction[size_t(k)];
            }
        }
        d.planted.push_back(span);
        d.features.add(QStringLiteral("clip-%1").arg(i, 4, 10, QLatin1Char('0')), std::move(f));
    }
    return d;
}

Trainer::Task taskFor(const Data &d, core::ModalitySet inputs)
{
    Trainer::Task t;
    t.inputs = inputs;
    for (int i = 0; i < d.features.size(); ++i) {
        if (i % 5 < 3) {
            t.train.push_back(i);
            t.trainTargets.push_back(d.targets[size_t(i)]);
        } else if (i % 5 == 3) {
            t.validation.push_back(i);
            t.validationTargets.push_back(d.targets[size_t(i)]);
        } else {
            t.test.push_back(i);
        }
    }
    return t;
}

TrainedModel train(const Data &d, core::ModalitySet inputs, int epochs, int crossHeads = 1)
{
    TrainOptions o;
    o.maxEpochs = epochs;
    o.patience = epochs;
    o.device = QStringLiteral("cpu");
    o.seed = 3;
    o.learningRate = 3e-3;
    const auto r = Trainer(d.features, tiny(crossHeads), o).train(taskFor(d, inputs));
    return TrainedModel(r.config, r.inputs, r.dims, r.weights);
}

std::vector<int> range(int n)
{
    std::vector<int> v(static_cast<size_t>(n));
    std::iota(v.begin(), v.end(), 0);
    return v;
}

double sumPhi(const db::ClipExplanation &e)
{
    double s = 0;
    for (const auto &p : e.phi)
        s += p.value_or(0);
    return s;
}

} // namespace

class TestExplainer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void baselineNamesRoundTrip()
    {
        for (Baseline b : {Baseline::Mean, Baseline::Zeros, Baseline::Noise, Baseline::Drop})
            QCOMPARE(parseBaseline(baselineName(b)), std::optional<Baseline>(b));
        QCOMPARE(parseBaseline(QStringLiteral(" Zeros ")),
                 std::optional<Baseline>(Baseline::Zeros));
        QVERIFY(!parseBaseline(QStringLiteral("median")));
    }

    void tokenSpansMapToFilmTime_data()
    {
        QTest::addColumn<qint64>("start");
        QTest::addColumn<bool>("hasStart");
        QTest::addColumn<bool>("relative");
        QTest::addColumn<qint64>("expectStart");
        QTest::addColumn<qint64>("expectEnd");
        QTest::newRow("synthetic span, clip at 1:00")
            << qint64(60000) << true << true << qint64(61280) << qint64(61920);
        QTest::newRow("extracted span is film time")
            << qint64(60000) << true << false << qint64(1280) << qint64(1920);
        QTest::newRow("clip without times stays relative")
            << qint64(0) << false << true << qint64(1280) << qint64(1920);
    }
    void tokenSpansMapToFilmTime()
    {
        QFETCH(qint64, start);
        QFETCH(bool, hasStart);
        QFETCH(bool, relative);
        QFETCH(qint64, expectStart);
        QFETCH(qint64, expectEnd);
        const core::TokenSpan s = filmSpan(
            {1280, 1920}, hasStart ? std::optional<qint64>(start) : std::nullopt, relative);
        QCOMPARE(s.startMs, expectStart);
        QCOMPARE(s.endMs, expectEnd);
    }

    // A real (trained) three-input model: for every baseline the Shapley
    // values sum to v(all) - v(none), v(all) is the model's own prediction,
    // and the tokens carry one relevance each, on film time.
    void efficiencyAndPredictionOnARealModel()
    {
        const Data d = makeData(90, Modality::Audio);
        const TrainedModel model = train(d, kAVT, 2, /*crossHeads=*/2);
        const std::vector<int> clips = range(d.features.size());
        const std::vector<float> plain = model.predict(d.features, clips);
        QHash<QString, ClipContext> context;
        for (int i = 0; i < d.features.size(); ++i)
            context[d.features.clips()[i]].startMs = 100000 + qint64(i) * 10000;
        for (Baseline b : {Baseline::Mean, Baseline::Zeros, Baseline::Noise, Baseline::Drop}) {
            Explainer::Options o;
            o.baseline = b;
            o.batchClips = 16;
            o.relativeSpans = {true, true, true};
            const Explainer ex(d.features, kAVT, {&model}, range(60), o);
            const auto res = ex.explain(clips, context);
            QCOMPARE(res.size(), clips.size());
            const auto again = ex.predict(clips);
            for (size_t i = 0; i < clips.size(); ++i) {
                const db::ClipExplanation &e = res[i].stored;
                QVERIFY2(std::isfinite(e.vEmpty), qPrintable(baselineName(b)));
                QVERIFY(std::abs(e.vFull - plain[i]) < 1e-5);
                QVERIFY(std::abs(double(again[i]) - plain[i]) < 1e-5);
                QVERIFY2(std::abs(sumPhi(e) - (e.vFull - e.vEmpty)) < 1e-9,
                         qPrintable(baselineName(b)));
                QCOMPARE(res[i].coalitions.size(), size_t(8));
                for (double v : res[i].coalitions)
                    QVERIFY(v >= 0 && v <= 1);
                QVERIFY(e.threeWay && e.interactionShare && e.pairInteraction[0] &&
                        e.pairInteraction[2]);
                QVERIFY(*e.interactionShare >= 0 && *e.interactionShare <= 1);
                // Scores: only that modality present.
                QCOMPARE(*e.score[size_t(Modality::Text)], res[i].coalitions[4]);
                // One relevance per token of every modality, placed on film time.
                size_t tokens = 0;
                double total = 0;
                for (Modality m : core::kAllModalities)
                    tokens += size_t(d.features.matrix(m, int(i)).tokens);
                QCOMPARE(e.tokens.size(), tokens);
                const qint64 start = 100000 + qint64(i) * 10000;
                const auto &firstA =
                    *std::find_if(e.tokens.begin(), e.tokens.end(),
                                  [](const auto &t) { return t.modality == int(Modality::Audio); });
                QCOMPARE(firstA.startMs, start);
                QCOMPARE(firstA.endMs, start + 2000);
                for (const auto &t : e.tokens) {
                    QVERIFY(t.relevance >= 0);
                    total += t.relevance;
                }
                QVERIFY(std::abs(total - 1.0) < 1e-3); // rollout rows sum to one
            }
            if (b == Baseline::Drop) // no token at all: the same latents-only value for every clip
                for (const auto &r : res) // (up to float rounding of different batch shapes)
                    QVERIFY(std::abs(r.stored.vEmpty - res[0].stored.vEmpty) < 1e-6);
        }
    }

    // The mean and zeros baselines through the batched coalitions equal a
    // plain prediction on features whose absent modality was replaced by hand.
    void baselinesMatchFeaturesReplacedByHand()
    {
        const Data d = makeData(45, Modality::Visual, 11);
        const TrainedModel model = train(d, kAVT, 1);
        const std::vector<int> clips = range(d.features.size()), reference = range(30);
        const int dimA = d.features.dim(Modality::Audio);
        std::vector<double> mean(size_t(dimA), 0.0);
        int count = 0;
        for (int c : reference) {
            const auto &f = d.features.matrix(Modality::Audio, c);
            for (int t = 0; t < f.tokens; ++t, ++count)
                for (int k = 0; k < dimA; ++k)
                    mean[size_t(k)] += f.row(t)[k];
        }
        for (double &x : mean)
            x /= count;
        for (Baseline b : {Baseline::Mean, Baseline::Zeros}) {
            FeatureSet replaced;
            replaced.setModalities(
                kAVT, {d.features.dim(Modality::Visual), dimA, d.features.dim(Modality::Text)});
            for (int i = 0; i < d.features.size(); ++i) {
                std::array<core::FeatureMatrix, 3> f;
                for (Modality m : core::kAllModalities)
                    f[size_t(m)] = d.features.matrix(m, i);
                auto &a = f[size_t(Modality::Audio)];
                for (int t = 0; t < a.tokens; ++t)
                    for (int k = 0; k < dimA; ++k)
                        a.row(t)[k] = b == Baseline::Mean ? float(mean[size_t(k)]) : 0.f;
                replaced.add(d.features.clips()[i], std::move(f));
            }
            const auto byHand = model.predict(replaced, clips);
            Explainer::Options o;
            o.baseline = b;
            o.attention = false;
            const Explainer ex(d.features, kAVT, {&model}, reference, o);
            const auto res = ex.explain(clips, {});
            const auto without = ex.predictWithout(clips, core::ModalitySet{Modality::Audio}, b);
            for (size_t i = 0; i < clips.size(); ++i) {
                QVERIFY2(std::abs(res[i].coalitions[0b101] - byHand[i]) < 1e-5,
                         qPrintable(baselineName(b)));
                QVERIFY(std::abs(double(without[i]) - byHand[i]) < 1e-5);
                QVERIFY(res[i].relevance[0].empty()); // no rollout asked
            }
        }
        // Noise: reproducible with its seed, different with another.
        Explainer::Options o;
        o.baseline = Baseline::Noise;
        o.attention = false;
        const auto a = Explainer(d.features, kAVT, {&model}, reference, o).explain(clips, {});
        const auto b = Explainer(d.features, kAVT, {&model}, reference, o).explain(clips, {});
        o.seed = 99;
        const auto c = Explainer(d.features, kAVT, {&model}, reference, o).explain(clips, {});
        bool differs = false;
        for (size_t i = 0; i < clips.size(); ++i) {
            QCOMPARE(a[i].stored.vEmpty, b[i].stored.vEmpty);
            differs = differs || a[i].stored.vEmpty != c[i].stored.vEmpty;
        }
        QVERIFY(differs);
    }

    // Two interchangeable players (the same branch weights reading identical
    // features) get equal Shapley values; a player no model reads gets zero.
    void symmetryAndNullPlayerUnderLateFusion()
    {
        const Data d = makeData(45, Modality::Visual, 5);
        // T := a copy of V, so the T branch with V's weights is V's twin.
        FeatureSet twin;
        const int dv = d.features.dim(Modality::Visual);
        twin.setModalities(kAVT, {dv, d.features.dim(Modality::Audio), dv});
        for (int i = 0; i < d.features.size(); ++i) {
            std::array<core::FeatureMatrix, 3> f;
            for (Modality m : core::kAllModalities)
                f[size_t(m)] = d.features.matrix(m, i);
            f[size_t(Modality::Text)] = f[size_t(Modality::Visual)];
            twin.add(d.features.clips()[i], std::move(f));
        }
        QByteArray weights;
        {
            TrainOptions o;
            o.maxEpochs = 1;
            o.device = QStringLiteral("cpu");
            weights = Trainer(d.features, tiny(), o)
                          .train(taskFor(d, core::ModalitySet{Modality::Visual}))
                          .weights;
        }
        const TrainedModel vb(tiny(), core::ModalitySet{Modality::Visual}, {dv, 0, 0}, weights);
        const TrainedModel tb(tiny(), core::ModalitySet{Modality::Text}, {0, 0, dv}, weights);
        Explainer::Options o;
        o.lateFusion = true;
        o.baseline = Baseline::Zeros;
        const Explainer ex(twin, kAVT, {&vb, &tb}, range(30), o);
        const auto res = ex.explain(range(twin.size()), {});
        for (const auto &r : res) {
            const auto &e = r.stored;
            QVERIFY(std::abs(*e.phi[0] - *e.phi[2]) < 1e-12);
            QCOMPARE(*e.phi[1], 0.0);
            QCOMPARE(*e.pairInteraction[0], 0.0); // V-A
            QCOMPARE(*e.pairInteraction[2], 0.0); // A-T
            QCOMPARE(*e.threeWay, 0.0);
            QCOMPARE(*e.score[0], *e.score[2]); // the branches' own probabilities
            QVERIFY(std::abs(sumPhi(e) - (e.vFull - e.vEmpty)) < 1e-12);
            // Rollout from the branch that gave the max: one lane only.
            QVERIFY(r.relevance[1].empty());
            QVERIFY(r.relevance[0].empty() != r.relevance[2].empty());
        }
    }

    void componentsMustFitTheEntry()
    {
        const Data d = makeData(30, Modality::Visual);
        const TrainedModel model = train(d, kAVT, 1);
        bool threw = false;
        try {
            Explainer(d.features, core::ModalitySet{Modality::Visual, Modality::Audio}, {&model},
                      range(10), {});
        } catch (const core::UserError &e) {
            threw = e.message().contains(QStringLiteral("textual"));
        }
        QVERIFY(threw);
    }

    // Trained on a signal planted in the audio tokens only: the explanation
    // points at audio (largest Shapley value) and at the planted tokens.
    void explanationPointsAtThePlantedSignal()
    {
        const Data d = makeData(240, Modality::Audio, 21);
        const TrainedModel model = train(d, kAVT, 12);
        Explainer::Options o;
        o.baseline = Baseline::Mean;
        std::vector<int> test;
        for (int i = 0; i < d.features.size(); ++i)
            if (i % 5 == 4)
                test.push_back(i);
        const Explainer ex(d.features, kAVT, {&model}, range(d.features.size() / 2), o);
        const auto res = ex.explain(test, {});
        double phi[3] = {0, 0, 0};
        int positives = 0, audioLargest = 0, pointing = 0;
        double uniform = 0;
        for (size_t i = 0; i < test.size(); ++i) {
            if (d.targets[size_t(test[i])] != 1)
                continue;
            ++positives;
            const auto &e = res[i].stored;
            for (int m = 0; m < 3; ++m)
                phi[m] += *e.phi[size_t(m)];
            audioLargest += *e.phi[1] > *e.phi[0] && *e.phi[1] > *e.phi[2];
            const auto &a = res[i].relevance[1];
            const auto [s, t] = d.planted[size_t(test[i])];
            // The most relevant token over all modalities.
            int bestM = 0, bestT = 0;
            for (int m = 0; m < 3; ++m)
                for (size_t k = 0; k < res[i].relevance[size_t(m)].size(); ++k)
                    if (res[i].relevance[size_t(m)][k] >
                        res[i].relevance[size_t(bestM)][size_t(bestT)])
                        bestM = m, bestT = int(k);
            pointing += bestM == 1 && bestT >= s && bestT < t;
            int total = 0;
            for (int m = 0; m < 3; ++m)
                total += int(res[i].relevance[size_t(m)].size());
            uniform += double(t - s) / total;
            QVERIFY(!a.empty());
        }
        QVERIFY(positives >= 10);
        qInfo(
            "planted audio: mean phi V %.3f A %.3f T %.3f over %d positives; audio largest in %d; "
            "pointing game %d/%d (uniform %.3f)",
            phi[0] / positives, phi[1] / positives, phi[2] / positives, positives, audioLargest,
            pointing, positives, uniform / positives);
        QVERIFY(phi[1] > 3 * std::abs(phi[0]) && phi[1] > 3 * std::abs(phi[2]));
        QVERIFY(audioLargest >= positives * 8 / 10);
        QVERIFY(double(pointing) / positives > uniform / positives);
    }
};

int main(int argc, char **argv)
{
    ms::models::ensurePassiveOpenMp(argv); // see models/openmppolicy.h
    QCoreApplication app(argc, argv);
    TestExplainer t;
    return QTest::qExec(&t, argc, argv);
}
#include "tst_explainer.moc"
