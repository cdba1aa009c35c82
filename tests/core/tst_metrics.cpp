#include "core/metrics.h"

#include <QTest>
#include <cmath>

using namespace ms::core;

// Expected values are worked out by hand with scikit-learn's definitions
// (average_precision_score, roc_auc_score); the working is in the comments.
class TestMetrics : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void averagePrecision_data()
    {
        QTest::addColumn<std::vector<float>>("scores");
        QTest::addColumn<std::vector<int>>("targets");
        QTest::addColumn<double>("ap");
        QTest::addColumn<double>("auc");
        // scikit-learn's documentation example. Descending: .8(+) .4(-) .35(+) .1(-).
        // AP = (.5-0)*1/1 + (.5-.5)*1/2 + (1-.5)*2/3 + 0 = 0.8333...
        // AUC: .8 beats both negatives, .35 beats .1 only: 3 of 4 pairs.
        QTest::newRow("sklearn-doc") << std::vector<float>{0.1f, 0.4f, 0.35f, 0.8f}
                                     << std::vector<int>{0, 0, 1, 1} << 5.0 / 6.0 << 0.75;
        // Ties grouped: .9(+) | .5(-,+,-) | .2(+); P=3, N=2.
        // AP = 1/3*1 + (2/3-1/3)*2/4 + (1-2/3)*3/5 = 1/3 + 1/6 + 1/5 = 0.7
        //   (interpolating inside the tie would give another number).
        // AUC: .9 beats 2 negatives; .5 ties 2 negatives (2 halves = 1); .2 none: 3/6.
        QTest::newRow("ties") << std::vector<float>{0.9f, 0.5f, 0.5f, 0.5f, 0.2f}
                              << std::vector<int>{1, 0, 1, 0, 1} << 0.7 << 0.5;
        // One threshold for all: AP = 1 * precision 2/4; AUC one half.
        QTest::newRow("all-tied") << std::vector<float>{0.5f, 0.5f, 0.5f, 0.5f}
                                  << std::vector<int>{1, 0, 1, 0} << 0.5 << 0.5;
        // Perfect ranking.
        QTest::newRow("perfect") << std::vector<float>{0.9f, 0.8f, 0.1f}
                                 << std::vector<int>{1, 1, 0} << 1.0 << 1.0;
        // Worst ranking: .9(-) .8(-) .3(+) .2(+): AP = 1/2*1/3 + 1/2*2/4 = 1/6+1/4.
        QTest::newRow("reversed") << std::vector<float>{0.9f, 0.8f, 0.3f, 0.2f}
                                  << std::vector<int>{0, 0, 1, 1} << 5.0 / 12.0 << 0.0;
        // A tie across the top: .7(+,+,-) | .6(-) | .1(+). P=3, N=2.
        // AP = 2/3 * 2/3 + 0 + 1/3 * 3/5 = 4/9 + 1/5 = 29/45.
        // AUC: each of the two .7 positives beats .6 and ties .7(-): 2*(1+.5)=3;
        //   .1 positive: 0. 3/6 = 0.5.
        QTest::newRow("tie-at-top") << std::vector<float>{0.7f, 0.7f, 0.7f, 0.6f, 0.1f}
                                    << std::vector<int>{1, 1, 0, 0, 1} << 29.0 / 45.0 << 0.5;
    }
    void averagePrecision()
    {
        QFETCH(std::vector<float>, scores);
        QFETCH(std::vector<int>, targets);
        QFETCH(double, ap);
        QFETCH(double, auc);
        QVERIFY(std::abs(metrics::averagePrecision(scores, targets) - ap) < 1e-12);
        QVERIFY(std::abs(metrics::rocAuc(scores, targets) - auc) < 1e-12);
        // Neither depends on the order of the clips.
        std::vector<float> rs(scores.rbegin(), scores.rend());
        std::vector<int> rt(targets.rbegin(), targets.rend());
        QVERIFY(std::abs(metrics::averagePrecision(rs, rt) - ap) < 1e-12);
        QVERIFY(std::abs(metrics::rocAuc(rs, rt) - auc) < 1e-12);
    }
    void undefinedWithoutPositives()
    {
        QVERIFY(std::isnan(metrics::averagePrecision({0.1f, 0.2f}, {0, 0})));
        QVERIFY(std::isnan(metrics::rocAuc({0.1f, 0.2f}, {1, 1})));
    }
    void threshold()
    {
        // >= .5 predicts .9, .5, .5, .5: TP 2 (.9 and one .5), FP 2, FN 1 (.2).
        const auto r = metrics::atThreshold({0.9f, 0.5f, 0.5f, 0.5f, 0.2f}, {1, 0, 1, 0, 1}, 0.5);
        QCOMPARE(r.truePositives, 2);
        QCOMPARE(r.falsePositives, 2);
        QCOMPARE(r.falseNegatives, 1);
        QCOMPARE(r.precision, 0.5);
        QCOMPARE(r.recall, 2.0 / 3.0);
        QVERIFY(std::isnan(metrics::atThreshold({0.1f}, {1}, 0.5).precision));
    }
    void percentileAsNumpy()
    {
        // numpy.percentile([1,2,3,4], 25) = 1 + 0.75 * (2-1) = 1.75
        QCOMPARE(metrics::percentile({4, 1, 3, 2}, 25), 1.75);
        QCOMPARE(metrics::percentile({4, 1, 3, 2}, 100), 4.0);
        QCOMPARE(metrics::percentile({4, 1, 3, 2}, 50), 2.5);
    }
    void bootstrap()
    {
        const std::vector<double> v{0.60, 0.62, 0.70, 0.55, 0.66};
        const auto a = metrics::bootstrapMean(v, 2000, 0.95, 7);
        const auto b = metrics::bootstrapMean(v, 2000, 0.95, 7);
        QCOMPARE(a.low, b.low);
        QCOMPARE(a.high, b.high);
        QVERIFY(std::abs(a.estimate - 0.626) < 1e-12);
        QVERIFY(a.low < a.estimate && a.estimate < a.high);
        QVERIFY(a.low >= 0.55 && a.high <= 0.70);
        const auto c = metrics::bootstrapMean({0.5, 0.5, 0.5}, 100, 0.95, 1);
        QCOMPARE(c.low, 0.5);
        QCOMPARE(c.high, 0.5);

        const std::vector<float> s{0.9f, 0.8f, 0.7f, 0.4f, 0.3f, 0.2f, 0.6f, 0.1f};
        const std::vector<int> t{1, 1, 0, 1, 0, 0, 1, 0};
        const auto m = metrics::bootstrapMetric(s, t, metrics::averagePrecision, 500, 0.9, 3);
        QVERIFY(m.low <= m.estimate && m.estimate <= m.high);
        QVERIFY(m.high <= 1.0 && m.low > 0.0);
    }
};

QTEST_GUILESS_MAIN(TestMetrics)
#include "tst_metrics.moc"
