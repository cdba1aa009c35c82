#include "core/metrics.h"
#include "ui/precisionrecallcurve.h"

#include <QTest>
#include <random>

using namespace ms;

class TestPrecisionRecallCurve : public QObject
{
    Q_OBJECT

    static bool near(const QPointF &a, double r, double p)
    {
        return std::abs(a.x() - r) < 1e-9 && std::abs(a.y() - p) < 1e-9;
    }

private slots:
    void pointPerThreshold()
    {
        const auto c = ui::precisionRecallCurve({0.9f, 0.8f, 0.7f, 0.6f}, {1, 0, 1, 0});
        QCOMPARE(c.size(), 5);
        QVERIFY(near(c[0], 0, 1));
        QVERIFY(near(c[1], 0.5, 1));
        QVERIFY(near(c[2], 0.5, 0.5));
        QVERIFY(near(c[3], 1, 2.0 / 3));
        QVERIFY(near(c[4], 1, 0.5));
    }

    void tiesEnterTogether()
    {
        const auto c = ui::precisionRecallCurve({0.5f, 0.5f, 0.2f}, {1, 0, 1});
        QCOMPARE(c.size(), 3);
        QVERIFY(near(c[1], 0.5, 0.5));
        QVERIFY(near(c[2], 1, 2.0 / 3));
    }

    void noPositiveNoCurve()
    {
        QVERIFY(ui::precisionRecallCurve({0.3f, 0.1f}, {0, 0}).isEmpty());
        QVERIFY(ui::precisionRecallCurve({}, {}).isEmpty());
    }

    // The steps of the curve give back the average precision.
    void stepsSumToAveragePrecision()
    {
        std::mt19937 rng(7);
        std::uniform_real_distribution<float> u(0, 1);
        std::vector<float> s(300);
        std::vector<int> t(300);
        for (size_t i = 0; i < s.size(); ++i) {
            t[i] = u(rng) < 0.3f;
            s[i] = std::round((u(rng) + 0.4f * float(t[i])) * 50) / 50; // ties on purpose
        }
        const auto c = ui::precisionRecallCurve(s, t, 100000);
        double ap = 0;
        for (qsizetype i = 1; i < c.size(); ++i)
            ap += (c[i].x() - c[i - 1].x()) * c[i].y();
        QVERIFY(std::abs(ap - core::metrics::averagePrecision(s, t)) < 1e-9);
    }

    void thinnedKeepsEndsAndNeverFlatters()
    {
        std::mt19937 rng(11);
        std::uniform_real_distribution<float> u(0, 1);
        std::vector<float> s(20000);
        std::vector<int> t(20000);
        for (size_t i = 0; i < s.size(); ++i) {
            t[i] = u(rng) < 0.2f;
            s[i] = u(rng) + 0.3f * float(t[i]);
        }
        const auto full = ui::precisionRecallCurve(s, t, 1'000'000);
        const auto thin = ui::precisionRecallCurve(s, t, 200);
        QVERIFY(full.size() > 1000);
        QVERIFY(thin.size() <= 200);
        QCOMPARE(thin.first(), full.first());
        QCOMPARE(thin.last(), full.last());
        // Every kept point is a real point of the curve.
        for (const QPointF &p : thin)
            QVERIFY(full.contains(p));
    }
};

QTEST_GUILESS_MAIN(TestPrecisionRecallCurve)
#include "tst_precisionrecallcurve.moc"
