#include "core/cohenkappa.h"
#include "core/error.h"
#include "core/fleisskappa.h"
#include "core/krippendorffalpha.h"
#include "core/reliabilitydata.h"
#include "core/unitbootstrap.h"

#include <QTest>
#include <cmath>

using namespace ms::core;

namespace {

// Reliability data written as Krippendorff prints it: one string per coder,
// one value per unit, '.' for a missing value.
ReliabilityData matrix(const QStringList &rows)
{
    QStringList coders;
    QList<QStringList> cells;
    for (qsizetype i = 0; i < rows.size(); ++i) {
        coders.append(QStringLiteral("coder%1").arg(i + 1));
        cells.append(rows.at(i).split(u' ', Qt::SkipEmptyParts));
    }
    ReliabilityData d(coders);
    for (qsizetype u = 0; u < cells.first().size(); ++u) {
        std::vector<std::optional<double>> unit;
        for (const QStringList &row : cells) {
            if (row.size() != cells.first().size())
                qFatal("ragged reliability data in a test");
            const QString v = row.at(u);
            unit.push_back(v == u"." ? std::nullopt : std::optional<double>(v.toDouble()));
        }
        d.addUnit(unit);
    }
    return d;
}

// Two coders' data from a contingency table: counts[i][j] units where coder
// A said category i and coder B category j.
ReliabilityData fromTable(const QList<QList<int>> &counts)
{
    ReliabilityData d({QStringLiteral("A"), QStringLiteral("B")});
    for (qsizetype i = 0; i < counts.size(); ++i)
        for (qsizetype j = 0; j < counts.at(i).size(); ++j)
            for (int n = 0; n < counts.at(i).at(j); ++n)
                d.addUnit({double(i), double(j)});
    return d;
}

// Fleiss' layout: per unit, how many raters chose each category; the raters
// fill coder columns in order (Fleiss' kappa does not ask who said what).
ReliabilityData fromRatings(const QList<QList<int>> &perUnit, int raters)
{
    QStringList coders;
    for (int r = 0; r < raters; ++r)
        coders.append(QStringLiteral("r%1").arg(r));
    ReliabilityData d(coders);
    for (const QList<int> &unit : perUnit) {
        std::vector<std::optional<double>> values(static_cast<size_t>(raters));
        size_t next = 0;
        for (qsizetype category = 0; category < unit.size(); ++category)
            for (int n = 0; n < unit.at(category); ++n)
                values.at(next++) = double(category);
        d.addUnit(values);
    }
    return d;
}

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section
// C: four observers, twelve units, missing values; unit 12 has a single value
// and is not pairable.
const QStringList kFourObservers = {
    "1 2 3 3 2 1 4 1 2 . . .",
    "1 2 3 3 2 2 4 1 2 5 . 3",
    ". 3 3 3 2 3 4 2 2 5 1 .",
    "1 2 3 3 2 4 4 1 2 5 1 .",
};

// Same paper, section A: two observers, ten units, binary values.
const QStringList kBinary = {
    "0 1 0 0 0 0 0 0 1 0",
    "1 1 1 0 0 1 0 0 0 0",
};

} // namespace

class TestAgreement : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void alpha_data()
    {
        QTest::addColumn<QStringList>("rows");
        QTest::addColumn<int>("metric");
        QTest::addColumn<double>("expected");
        QTest::addColumn<double>("tolerance");
        const int nominal = int(AlphaMetric::Nominal), ordinal = int(AlphaMetric::Ordinal),
                  interval = int(AlphaMetric::Interval);
        // The paper prints these to three decimals: alpha_nominal = 0.743,
        // alpha_ordinal = 0.815, alpha_interval = 0.849 (n = 40 pairable values,
        // n_1..n_5 = 9, 13, 10, 5, 3).
        QTest::newRow("K2011 4x12 nominal") << kFourObservers << nominal << 0.743 << 5e-4;
        QTest::newRow("K2011 4x12 ordinal") << kFourObservers << ordinal << 0.815 << 5e-4;
        QTest::newRow("K2011 4x12 interval") << kFourObservers << interval << 0.849 << 5e-4;
        // Section A prints alpha = 0.095. By hand: o_00 = 10 (5 units 0-0, each
        // two ordered pairs), o_11 = 2, o_01 = o_10 = 4 (units 1, 3, 6, 9);
        // n_0 = 14, n_1 = 6, n = 20; alpha = 1 - (n-1) o_01 / (n_0 n_1)
        // = 1 - 19 * 4 / 84 = 8/84 = 2/21 = 0.0952.
        QTest::newRow("K2011 binary") << kBinary << nominal << 2.0 / 21.0 << 1e-12;
        // With two values every metric's distances are proportional, so all
        // three give the same alpha.
        QTest::newRow("K2011 binary ordinal") << kBinary << ordinal << 2.0 / 21.0 << 1e-12;
        QTest::newRow("K2011 binary interval") << kBinary << interval << 2.0 / 21.0 << 1e-12;
        // Perfect agreement with some variation: D_o = 0, alpha = 1.
        QTest::newRow("perfect nominal")
            << QStringList{"1 2 3 3", "1 2 3 3", ". 2 3 ."} << nominal << 1.0 << 1e-12;
        QTest::newRow("perfect ordinal")
            << QStringList{"1 2 3 3", "1 2 3 3", ". 2 3 ."} << ordinal << 1.0 << 1e-12;
        // Three coders, a missing value, by hand. Units: (a a b), (b b .), (a b b).
        // o_aa: unit 1 has 2 ordered a-a pairs / 2 = 1; unit 3 none -> 1.
        // o_bb: unit 2 2/1 = 2; unit 3 2/2 = 1 -> 3.
        // o_ab = o_ba: unit 1 2/2 = 1; unit 3 2/2 = 1 -> 2.
        // n_a = 3, n_b = 5, n = 8; alpha = 1 - 7 * 2 / (3 * 5) = 1/15.
        QTest::newRow("hand 3 coders")
            << QStringList{"0 1 0", "0 1 1", "1 . 1"} << nominal << 1.0 / 15.0 << 1e-12;
        // Interval on the same data with values 0/1: the same alpha (two values).
        QTest::newRow("hand 3 coders interval")
            << QStringList{"0 1 0", "0 1 1", "1 . 1"} << interval << 1.0 / 15.0 << 1e-12;
        // Ordinal with three ranks, two coders, by hand. Units (1,2) (2,3) (1,1) (3,3):
        // o_11 = 2, o_33 = 2, o_12 = o_21 = 1, o_23 = o_32 = 1; n_1 = 3, n_2 = 2,
        // n_3 = 3, n = 8. d2_12 = (3 + 2 - 2.5)^2 = 6.25, d2_23 = (2 + 3 - 2.5)^2 =
        // 6.25, d2_13 = (3 + 2 + 3 - 3)^2 = 25.
        // sum o d2 = 2 * 6.25 + 2 * 6.25 = 25;
        // sum n_c n_k d2 = 2 * (3*2*6.25 + 2*3*6.25 + 3*3*25) = 2 * 300 = 600;
        // alpha = 1 - 7 * 25 / 600 = 1 - 175/600 = 17/24.
        QTest::newRow("hand ordinal")
            << QStringList{"1 2 1 3", "2 3 1 3"} << ordinal << 17.0 / 24.0 << 1e-12;
    }
    void alpha()
    {
        QFETCH(QStringList, rows);
        QFETCH(int, metric);
        QFETCH(double, expected);
        QFETCH(double, tolerance);
        const AlphaResult r = KrippendorffAlpha::compute(matrix(rows), AlphaMetric(metric));
        QVERIFY2(r.alpha.has_value(), qPrintable(r.undefinedReason));
        QVERIFY2(std::abs(*r.alpha - expected) <= tolerance,
                 qPrintable(QStringLiteral("alpha %1, expected %2")
                                .arg(*r.alpha, 0, 'g', 12)
                                .arg(expected, 0, 'g', 12)));
        // The order of units and of coders does not matter.
        QStringList reversed;
        for (const QString &row : rows) {
            QStringList cells = row.split(u' ');
            std::reverse(cells.begin(), cells.end());
            reversed.prepend(cells.join(u' '));
        }
        const AlphaResult r2 = KrippendorffAlpha::compute(matrix(reversed), AlphaMetric(metric));
        QVERIFY(std::abs(*r2.alpha - *r.alpha) < 1e-12);
    }

    void alphaCountsPairableValues()
    {
        const AlphaResult r =
            KrippendorffAlpha::compute(matrix(kFourObservers), AlphaMetric::Nominal);
        QCOMPARE(r.pairableUnits, 11); // unit 12 has one value
        QCOMPARE(r.pairableValues, 40);
        // A unit with a single value changes nothing.
        ReliabilityData more = matrix(kFourObservers);
        more.addUnit({5.0, std::nullopt, std::nullopt, std::nullopt});
        QCOMPARE(KrippendorffAlpha::compute(more, AlphaMetric::Nominal).alpha, r.alpha);
        QCOMPARE(more.pairableUnits().unitCount(), 11);
    }

    void alphaUndefinedAndRefused()
    {
        // Every value the same: no expected disagreement, alpha undefined.
        const AlphaResult same =
            KrippendorffAlpha::compute(matrix({"2 2 2", "2 2 ."}), AlphaMetric::Ordinal);
        QVERIFY(!same.alpha.has_value());
        QVERIFY(same.undefinedReason.contains("every value is the same"));
        // Two coders who never coded the same unit: nothing is pairable.
        const AlphaResult apart =
            KrippendorffAlpha::compute(matrix({"1 . 2", ". 2 ."}), AlphaMetric::Nominal);
        QVERIFY(!apart.alpha.has_value());
        QCOMPARE(apart.pairableUnits, 0);
        // One coder: refused.
        QVERIFY_THROWS_EXCEPTION(
            UserError, KrippendorffAlpha::compute(matrix({"1 2 3"}), AlphaMetric::Nominal));
    }

    void cohen_data()
    {
        QTest::addColumn<QList<QList<int>>>("table");
        QTest::addColumn<double>("expected");
        // Two readers of 50 grant proposals (the usual textbook table): yes/yes
        // 20, yes/no 5, no/yes 10, no/no 15. P_o = 35/50 = 0.7; A says yes 25/50,
        // B 30/50: P_e = 0.5*0.6 + 0.5*0.4 = 0.5; kappa = 0.2/0.5 = 0.4.
        QTest::newRow("50 proposals") << QList<QList<int>>{{20, 5}, {10, 15}} << 0.4;
        // Krippendorff's binary example as a table: 0/0 5, 0/1 3, 1/0 1, 1/1 1.
        // P_o = 0.6; A: 8 zeros, 2 ones; B: 6 zeros, 4 ones; P_e = 0.8*0.6 +
        // 0.2*0.4 = 0.56; kappa = 0.04/0.44 = 1/11.
        QTest::newRow("K2011 binary") << QList<QList<int>>{{5, 3}, {1, 1}} << 1.0 / 11.0;
        // Three categories, 40 units, by hand: agreements 10 + 8 + 11 = 29,
        // P_o = 29/40; A margins 15, 10, 15; B margins 13, 12, 15;
        // P_e = (15*13 + 10*12 + 15*15)/1600 = 540/1600;
        // kappa = (0.725 - 0.3375)/(1 - 0.3375) = 0.3875/0.6625 = 31/53.
        QTest::newRow("3 categories")
            << QList<QList<int>>{{10, 2, 3}, {1, 8, 1}, {2, 2, 11}} << 31.0 / 53.0;
        // Perfect agreement with variation.
        QTest::newRow("perfect") << QList<QList<int>>{{4, 0}, {0, 3}} << 1.0;
        // Never agreeing on balanced margins: P_o = 0, P_e = 0.5, kappa = -1.
        QTest::newRow("opposite") << QList<QList<int>>{{0, 5}, {5, 0}} << -1.0;
    }
    void cohen()
    {
        QFETCH(QList<QList<int>>, table);
        QFETCH(double, expected);
        const KappaResult r = CohenKappa::compute(fromTable(table), 0, 1);
        QVERIFY2(r.kappa.has_value(), qPrintable(r.reason));
        QVERIFY2(std::abs(*r.kappa - expected) < 1e-12,
                 qPrintable(QString::number(*r.kappa, 'g', 12)));
    }

    void cohenUsesUnitsBothCoded()
    {
        // Observers A and B of the four-observer example coded units 1-9 both
        // (A has no value in 10-12, B none in 11). A: 1 2 3 3 2 1 4 1 2,
        // B: 1 2 3 3 2 2 4 1 2: P_o = 8/9 = 72/81; A margins (1..4) 3 3 2 1,
        // B 2 4 2 1: P_e = (6 + 12 + 4 + 1)/81 = 23/81;
        // kappa = (72 - 23)/(81 - 23) = 49/58.
        const KappaResult r = CohenKappa::compute(matrix(kFourObservers), 0, 1);
        QCOMPARE(r.units, 9);
        QVERIFY(std::abs(*r.kappa - 49.0 / 58.0) < 1e-12);
        // One category throughout from both: P_e = 1, undefined.
        const KappaResult same = CohenKappa::compute(matrix({"1 1 1", "1 1 1"}), 0, 1);
        QVERIFY(!same.kappa.has_value());
        QVERIFY(!same.reason.isEmpty());
        const KappaResult none = CohenKappa::compute(matrix({"1 .", ". 1"}), 0, 1);
        QCOMPARE(none.units, 0);
        QVERIFY(!none.kappa.has_value());
    }

    void fleiss_data()
    {
        QTest::addColumn<QList<QList<int>>>("ratings");
        QTest::addColumn<int>("raters");
        QTest::addColumn<double>("expected");
        QTest::addColumn<double>("tolerance");
        // The worked example of Wikipedia's "Fleiss' kappa" article: 10 subjects,
        // 14 raters, 5 categories; it prints P-bar = 0.378, P-bar_e = 0.213,
        // kappa = 0.210. By hand: sum_i (sum_j n_ij^2 - 14) = 182 + 46 + 56 + 80
        // + 60 + 84 + 44 + 32 + 52 + 52 = 688, P-bar = 688 / (10 * 14 * 13);
        // category totals 20, 28, 39, 21, 32 of 140: P-bar_e = (400 + 784 + 1521
        // + 441 + 1024) / 140^2 = 4170/19600. (Fleiss's own 1971 example, 30
        // patients by 6 psychiatrists, gives 0.430; its table is not reproduced
        // here.)
        const QList<QList<int>> wiki = {
            {0, 0, 0, 0, 14}, {0, 2, 6, 4, 2}, {0, 0, 3, 5, 6}, {0, 3, 9, 2, 0}, {2, 2, 8, 1, 1},
            {7, 7, 0, 0, 0},  {3, 2, 6, 3, 0}, {2, 5, 3, 2, 2}, {6, 5, 2, 1, 0}, {0, 2, 2, 3, 7}};
        const double pBar = 688.0 / 1820.0, pE = 4170.0 / 19600.0;
        QTest::newRow("wikipedia 10x14 exact") << wiki << 14 << (pBar - pE) / (1 - pE) << 1e-12;
        QTest::newRow("wikipedia 10x14 printed") << wiki << 14 << 0.210 << 5e-4;
        // Two raters: Fleiss' kappa is Scott's pi. Krippendorff's binary example:
        // 6 agreeing units of 10 (P_i = 1) and 4 disagreeing (P_i = 0): P-bar =
        // 0.6; pooled shares 14/20 and 6/20: P-bar_e = 0.49 + 0.09 = 0.58;
        // kappa = 0.02/0.42 = 1/21.
        const QList<QList<int>> binary = {{1, 1}, {0, 2}, {1, 1}, {2, 0}, {2, 0},
                                          {1, 1}, {2, 0}, {2, 0}, {1, 1}, {2, 0}};
        QTest::newRow("K2011 binary as Scott's pi") << binary << 2 << 1.0 / 21.0 << 1e-12;
        QTest::newRow("perfect") << QList<QList<int>>{{3, 0}, {0, 3}, {3, 0}} << 3 << 1.0 << 1e-12;
    }
    void fleiss()
    {
        QFETCH(QList<QList<int>>, ratings);
        QFETCH(int, raters);
        QFETCH(double, expected);
        QFETCH(double, tolerance);
        const KappaResult r = FleissKappa::compute(fromRatings(ratings, raters));
        QVERIFY(r.applicable);
        QVERIFY2(r.kappa.has_value(), qPrintable(r.reason));
        QVERIFY2(std::abs(*r.kappa - expected) <= tolerance,
                 qPrintable(QString::number(*r.kappa, 'g', 12)));
        QCOMPARE(r.units, ratings.size());
    }

    void fleissNotApplicable()
    {
        // Units with 2, 3 and 4 values: not applicable, said so.
        const KappaResult r = FleissKappa::compute(matrix(kFourObservers));
        QVERIFY(!r.applicable);
        QVERIFY(!r.kappa.has_value());
        QVERIFY2(r.reason.contains("not applicable"), qPrintable(r.reason));
        // Units without any value are not rated and do not count.
        const KappaResult r2 = FleissKappa::compute(matrix({"1 . 2", "1 . 1"}));
        QVERIFY(r2.applicable);
        QCOMPARE(r2.units, 2);
        const KappaResult same = FleissKappa::compute(matrix({"1 1", "1 1"}));
        QVERIFY(same.applicable);
        QVERIFY(!same.kappa.has_value());
    }

    void bootstrap()
    {
        const ReliabilityData data = matrix(kFourObservers).pairableUnits();
        const auto alpha = [](const ReliabilityData &d) {
            return KrippendorffAlpha::compute(d, AlphaMetric::Nominal).alpha;
        };
        const auto a = UnitBootstrap::interval(data, alpha, 1000, 7);
        const auto b = UnitBootstrap::interval(data, alpha, 1000, 7);
        const auto c = UnitBootstrap::interval(data, alpha, 1000, 8);
        QVERIFY(a && b && c);
        // A seed reproduces the interval exactly; another seed draws others.
        QCOMPARE(a->low, b->low);
        QCOMPARE(a->high, b->high);
        QVERIFY(a->low != c->low || a->high != c->high);
        const double estimate = *alpha(data);
        QVERIFY(a->low < estimate && estimate < a->high);
        QVERIFY(a->high <= 1.0);
        QCOMPARE(a->draws, 1000);
        // A 50 % interval lies inside the 95 % one of the same draws.
        const auto half = UnitBootstrap::interval(data, alpha, 1000, 7, 0.5);
        QVERIFY(half->low >= a->low && half->high <= a->high);

        // Two units in perfect agreement, (1,1) and (2,2): a draw of one unit
        // twice has one value only and alpha is undefined there (probability
        // 1/2); every other draw gives 1.
        const ReliabilityData two = matrix({"1 2", "1 2"});
        const auto p = UnitBootstrap::interval(two, alpha, 400, 3);
        QVERIFY(p);
        QCOMPARE(p->low, 1.0);
        QCOMPARE(p->high, 1.0);
        QVERIFY2(p->validDraws > 140 && p->validDraws < 260,
                 qPrintable(QString::number(p->validDraws)));
        QVERIFY(!UnitBootstrap::interval(two, alpha, 0, 3));
        QVERIFY(!UnitBootstrap::interval(matrix({"1 1", "1 1"}), alpha, 100, 3));
    }

    void reliabilityData()
    {
        const ReliabilityData d = matrix(kFourObservers);
        QCOMPARE(d.unitCount(), 12);
        const ReliabilityData ab = d.coderPair(0, 1);
        QCOMPARE(ab.unitCount(), 9);
        QCOMPARE(ab.coders(), (QStringList{"coder1", "coder2"}));
        const ReliabilityData drawn = d.withUnits({11, 11, 0});
        QCOMPARE(drawn.unitCount(), 3);
        QCOMPARE(drawn.value(0, 1), std::optional<double>(3.0));
        QCOMPARE(drawn.value(2, 2), std::optional<double>());
        ReliabilityData bad({QStringLiteral("a"), QStringLiteral("b")});
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, bad.addUnit({1.0}));
    }
};

QTEST_GUILESS_MAIN(TestAgreement)
#include "tst_agreement.moc"
