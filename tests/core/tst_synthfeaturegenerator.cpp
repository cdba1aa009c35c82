#include "core/synthfeaturegenerator.h"

#include <QTest>
#include <cmath>

using namespace ms::core;
using Gen = SynthFeatureGenerator;

class TestSynthFeatureGenerator : public QObject
{
    Q_OBJECT

    static double dot(const float *a, const std::vector<float> &b)
    {
        double s = 0;
        for (size_t i = 0; i < b.size(); ++i)
            s += double(a[i]) * b[i];
        return s;
    }

private slots:
    void shapesAndDeterminism()
    {
        Gen::Options o;
        o.seed = 7;
        o.dims = {16, 8, 4};
        const Gen g(o);
        const auto a = g.generate("c1", "f1", {{"Body", Modality::Visual}, {"Voice", Modality::Audio}});
        const auto b = g.generate("c1", "f1", {{"Body", Modality::Visual}, {"Voice", Modality::Audio}});
        for (Modality m : kAllModalities) {
            const FeatureMatrix &fm = a.features[int(m)];
            QVERIFY(fm.isValid());
            QCOMPARE(fm.dim, o.dims[int(m)]);
            QVERIFY(fm.tokens >= o.minTokens[int(m)] && fm.tokens <= o.maxTokens[int(m)]);
            QCOMPARE(fm.data, b.features[int(m)].data);
            QCOMPARE(fm.spans.front().startMs, 0);
            QCOMPARE(fm.spans.back().endMs, qint64(fm.tokens) * o.tokenMs[int(m)]);
        }
        QCOMPARE(a.planted.size(), 2);
        // Another clip, or another seed, gives other numbers.
        QVERIFY(g.generate("c2", "f1", {}).features[0].data != a.features[0].data);
        o.seed = 8;
        QVERIFY(Gen(o).generate("c1", "f1", {}).features[0].data != a.features[0].data);
    }

    void conceptPlantsItsDirectionOnItsSpanOnly()
    {
        Gen::Options o;
        o.seed = 3;
        o.dims = {256, 256, 256};
        o.signal = 8.0;
        o.filmOffset = 0.0;
        const Gen g(o);
        const auto with = g.generate("clip", "film", {{"Look", Modality::Visual}});
        const auto without = g.generate("clip", "film", {});
        QCOMPARE(with.planted.size(), 1);
        const auto span = with.planted.first();
        QCOMPARE(span.modality, Modality::Visual);
        QCOMPARE(span.conceptName, QString("Look"));
        QVERIFY(span.tokenStart >= 0 && span.tokenEnd > span.tokenStart);
        const FeatureMatrix &v = with.features[0];
        const FeatureMatrix &v0 = without.features[0];
        QCOMPARE(v.tokens, v0.tokens); // the concept does not change the token count
        // The difference is exactly the planted direction, on the span only,
        // with length `signal`.
        for (int t = 0; t < v.tokens; ++t) {
            double norm2 = 0;
            for (int d = 0; d < v.dim; ++d) {
                const double diff = v.row(t)[d] - v0.row(t)[d];
                norm2 += diff * diff;
            }
            const bool inside = t >= span.tokenStart && t < span.tokenEnd;
            if (inside)
                QVERIFY2(std::abs(std::sqrt(norm2) - 8.0) < 1e-3, qPrintable(QString::number(norm2)));
            else
                QCOMPARE(norm2, 0.0);
        }
        // The audio and text matrices do not carry a visual concept.
        QCOMPARE(with.features[1].data, without.features[1].data);
        QCOMPARE(with.features[2].data, without.features[2].data);
    }

    void sameConceptSameDirectionAcrossClips()
    {
        Gen::Options o;
        o.seed = 11;
        o.dims = {64, 64, 64};
        o.signal = 5.0;
        const Gen g(o);
        auto dirOf = [&](const QString &clip) {
            const auto w = g.generate(clip, "f", {{"Speech", Modality::Text}});
            const auto n = g.generate(clip, "f", {});
            const int t = w.planted.first().tokenStart;
            std::vector<float> d(64);
            for (int i = 0; i < 64; ++i)
                d[size_t(i)] = w.features[2].row(t)[i] - n.features[2].row(t)[i];
            return d;
        };
        const auto d1 = dirOf("a");
        const auto d2 = dirOf("b");
        QVERIFY(std::abs(dot(d1.data(), d2) - 25.0) < 1e-2); // identical direction, length 5
    }

    void filmOffsetSharedWithinFilm()
    {
        Gen::Options o;
        o.seed = 1;
        o.dims = {512, 8, 8};
        o.filmOffset = 2.0;
        const Gen g(o);
        auto mean = [](const FeatureMatrix &m) {
            std::vector<float> mu(size_t(m.dim), 0.f);
            for (int t = 0; t < m.tokens; ++t)
                for (int d = 0; d < m.dim; ++d)
                    mu[size_t(d)] += m.row(t)[d] / float(m.tokens);
            return mu;
        };
        const auto a = mean(g.generate("x1", "filmA", {}).features[0]);
        const auto b = mean(g.generate("x2", "filmA", {}).features[0]);
        const auto c = mean(g.generate("x3", "filmB", {}).features[0]);
        double ab = 0, ac = 0;
        for (size_t i = 0; i < a.size(); ++i) {
            ab += double(a[i]) * b[i];
            ac += double(a[i]) * c[i];
        }
        // Same film: the offsets align (≈ 512 * 4); other film: ≈ 0.
        QVERIFY2(ab > 1000, qPrintable(QString::number(ab)));
        QVERIFY2(std::abs(ac) < 400, qPrintable(QString::number(ac)));
    }
};

QTEST_GUILESS_MAIN(TestSynthFeatureGenerator)
#include "tst_synthfeaturegenerator.moc"
