#include "core/jobs/progressthrottle.h"

#include <QTest>

using namespace ms::core;

class TestProgressThrottle : public QObject
{
    Q_OBJECT
    qint64 m_now = 0;
    ProgressThrottle make(int ms)
    {
        return ProgressThrottle(ms, [this] { return m_now; });
    }

private Q_SLOTS:
    void init() { m_now = 1000; }

    void firstPassesThenOnePerInterval()
    {
        auto t = make(250);
        QVERIFY(t.offerProgress({0.1}));
        m_now += 100;
        QVERIFY(!t.offerProgress({0.2}));
        m_now += 100;
        QVERIFY(!t.offerProgress({0.3}));
        m_now += 60; // 260 ms after the first
        const auto p = t.offerProgress({0.4});
        QVERIFY(p);
        QCOMPARE(p->fraction, 0.4);
        QVERIFY(!t.takePendingProgress()); // the held ones are older than the one passed
    }

    void lastHeldBackIsPending()
    {
        auto t = make(250);
        QVERIFY(t.offerProgress({0.1, QStringLiteral("a")}));
        m_now += 10;
        QVERIFY(!t.offerProgress({0.5, QStringLiteral("b")}));
        QVERIFY(!t.offerProgress({0.6, QStringLiteral("c")}));
        const auto pending = t.takePendingProgress();
        QVERIFY(pending);
        QCOMPARE(pending->text, QStringLiteral("c"));
        QVERIFY(!t.takePendingProgress());
    }

    void completionAlwaysPasses_data()
    {
        QTest::addColumn<double>("fraction");
        QTest::addColumn<qint64>("done");
        QTest::addColumn<qint64>("total");
        QTest::newRow("fraction 1") << 1.0 << qint64(-1) << qint64(-1);
        QTest::newRow("all counted") << 0.99 << qint64(7) << qint64(7);
    }
    void completionAlwaysPasses()
    {
        QFETCH(double, fraction);
        QFETCH(qint64, done);
        QFETCH(qint64, total);
        auto t = make(250);
        QVERIFY(t.offerProgress({0.1}));
        m_now += 1;
        QVERIFY(t.offerProgress({fraction, {}, done, total}));
    }

    void importantPartialsAreNeverDropped()
    {
        auto t = make(250);
        int passed = 0;
        for (int i = 0; i < 100; ++i) {
            m_now += 1;
            passed += t.offerPartial(i, true).has_value();
        }
        QCOMPARE(passed, 100);
    }

    void partialsThrottledApartFromProgress()
    {
        auto t = make(250);
        QVERIFY(t.offerProgress({0.1}));
        QVERIFY(t.offerPartial(1, false)); // its own clock: the first partial passes
        m_now += 5;
        QVERIFY(!t.offerPartial(2, false));
        QVERIFY(t.offerPartial(3, true));
        QVERIFY(!t.takePendingPartial()); // 2 is older than the important 3
        QVERIFY(!t.offerPartial(4, false));
        QCOMPARE(t.takePendingPartial()->toInt(), 4);
    }

    void zeroIntervalPassesEverything()
    {
        auto t = make(0);
        for (int i = 0; i < 10; ++i)
            QVERIFY(t.offerProgress({i / 10.0}));
    }
};

QTEST_GUILESS_MAIN(TestProgressThrottle)
#include "tst_progressthrottle.moc"
