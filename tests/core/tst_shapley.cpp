#include "core/shapley.h"

#include <QRandomGenerator>
#include <QTest>
#include <cmath>

using namespace ms::core;

namespace {
// v over the 8 coalitions of three players from a predicate on the mask.
template <typename F> std::vector<double> game(F f)
{
    std::vector<double> v(8);
    for (int m = 0; m < 8; ++m)
        v[size_t(m)] = f(m);
    return v;
}
bool near(double a, double b) { return std::abs(a - b) < 1e-12; }
} // namespace

class TestShapley : public QObject
{
    Q_OBJECT

private slots:
    void additiveGame()
    {
        const double a[3] = {0.1, 0.2, 0.3};
        const auto v = game([&](int m) {
            double s = 0;
            for (int i = 0; i < 3; ++i)
                s += (m >> i & 1) ? a[i] : 0.0;
            return s;
        });
        const auto phi = shapley::values(v, 3);
        for (int i = 0; i < 3; ++i)
            QVERIFY(near(phi[size_t(i)], a[i]));
        QVERIFY(near(shapley::interaction(v, 3, 0, 1), 0));
        QVERIFY(near(shapley::dividend(v, 0b011), 0));
        QVERIFY(near(shapley::dividend(v, 0b111), 0));
        QVERIFY(near(shapley::dividend(v, 0b100), 0.3));
        QVERIFY(near(shapley::interactionShare(v, 3), 0));
    }

    void pureInteraction()
    {
        // Fires only when players 0 and 1 are both present.
        const auto v = game([](int m) { return (m & 0b011) == 0b011 ? 1.0 : 0.0; });
        const auto phi = shapley::values(v, 3);
        QVERIFY(near(phi[0], 0.5));
        QVERIFY(near(phi[1], 0.5));
        QVERIFY(near(phi[2], 0.0));
        QVERIFY(near(shapley::interaction(v, 3, 0, 1), 1.0));
        QVERIFY(near(shapley::interaction(v, 3, 0, 2), 0.0));
        QVERIFY(near(shapley::dividend(v, 0b011), 1.0));
        QVERIFY(near(shapley::dividend(v, 0b111), 0.0));
        QVERIFY(near(shapley::interactionShare(v, 3), 1.0));
    }

    void redundancy()
    {
        // Either of players 0 and 1 is enough (OR): negative interaction.
        const auto v = game([](int m) { return (m & 0b011) ? 1.0 : 0.0; });
        const auto phi = shapley::values(v, 3);
        QVERIFY(near(phi[0], 0.5));
        QVERIFY(near(phi[1], 0.5));
        QVERIFY(near(shapley::interaction(v, 3, 0, 1), -1.0));
        QVERIFY(near(shapley::dividend(v, 0b011), -1.0));
        const double share = shapley::interactionShare(v, 3);
        QVERIFY(share > 0 && share < 1);
    }

    void threeWay()
    {
        const auto v = game([](int m) { return m == 0b111 ? 0.9 : 0.0; });
        const auto phi = shapley::values(v, 3);
        for (double p : phi)
            QVERIFY(near(p, 0.3));
        QVERIFY(near(shapley::dividend(v, 0b111), 0.9));
        QVERIFY(near(shapley::dividend(v, 0b011), 0.0));
    }

    void efficiencyAndSymmetry()
    {
        auto *rng = QRandomGenerator::global();
        for (int trial = 0; trial < 50; ++trial) {
            std::vector<double> v(8);
            for (double &x : v)
                x = rng->generateDouble();
            const auto phi = shapley::values(v, 3);
            QVERIFY(near(phi[0] + phi[1] + phi[2], v[7] - v[0]));
            // Harsanyi dividends add up to v(all).
            double sum = 0;
            for (int m = 0; m < 8; ++m)
                sum += shapley::dividend(v, m);
            QVERIFY(near(sum, v[7]));
        }
        // Symmetric players get equal values.
        const auto v = game([](int m) { return double(__builtin_popcount(m & 0b011)) * 0.2 + ((m & 4) ? 0.1 : 0.0); });
        const auto phi = shapley::values(v, 3);
        QVERIFY(near(phi[0], phi[1]));
        // Two players work too.
        const std::vector<double> v2 = {0.0, 0.3, 0.5, 1.0};
        const auto phi2 = shapley::values(v2, 2);
        QVERIFY(near(phi2[0] + phi2[1], 1.0));
        QVERIFY(near(phi2[0], 0.5 * (0.3 - 0.0) + 0.5 * (1.0 - 0.5)));
    }
};

QTEST_GUILESS_MAIN(TestShapley)
#include "tst_shapley.moc"
