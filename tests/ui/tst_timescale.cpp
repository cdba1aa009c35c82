#include "ui/timescale.h"

#include <QTest>

using ms::ui::TimeScale;

class TestTimeScale : public QObject
{
    Q_OBJECT

private slots:
    void fitAllShowsTheWholeFilm()
    {
        TimeScale s;
        s.setDuration(180'000);
        s.setWidth(1800);
        s.fitAll();
        QCOMPARE(s.msPerPixel(), 100.0);
        QCOMPARE(s.startMs(), 0.0);
        QCOMPARE(s.endMs(), 180'000.0);
        QCOMPARE(s.xForMs(90'000), 900.0);
        QCOMPARE(s.msForX(450), 45'000.0);
    }

    void roundTrip_data()
    {
        QTest::addColumn<double>("msPerPixel");
        QTest::addColumn<double>("start");
        QTest::addColumn<double>("ms");
        QTest::newRow("fit") << 100.0 << 0.0 << 12'345.0;
        QTest::newRow("zoomed") << 2.5 << 60'000.0 << 61'000.0;
        QTest::newRow("frames") << 1.0 << 100'000.0 << 100'040.0;
    }
    void roundTrip()
    {
        QFETCH(double, msPerPixel);
        QFETCH(double, start);
        QFETCH(double, ms);
        TimeScale s;
        s.setDuration(180'000);
        s.setWidth(1000);
        s.setMsPerPixel(msPerPixel);
        s.setStartMs(start);
        QCOMPARE(s.msPerPixel(), msPerPixel);
        QCOMPARE(s.startMs(), start);
        QCOMPARE(s.msForX(s.xForMs(ms)), ms);
        QCOMPARE(s.xForMs(start), 0.0);
    }

    void zoomKeepsTheTimeUnderTheCursor()
    {
        TimeScale s;
        s.setDuration(7'200'000);
        s.setWidth(1920);
        s.fitAll();
        const double anchor = s.msForX(700);
        s.zoom(8, 700);
        QCOMPARE(s.msPerPixel(), 7'200'000.0 / 1920 / 8);
        QVERIFY(qAbs(s.msForX(700) - anchor) < 1e-6);
        s.zoom(1.0 / 8, 700);
        QCOMPARE(s.msPerPixel(), 7'200'000.0 / 1920);
        QCOMPARE(s.startMs(), 0.0);
    }

    void clampsZoomAndScroll()
    {
        TimeScale s;
        s.setDuration(10'000);
        s.setWidth(1000);
        s.setMsPerPixel(0.01);
        QCOMPARE(s.msPerPixel(), s.minMsPerPixel());
        s.setMsPerPixel(1e9);
        QCOMPARE(s.msPerPixel(), 10.0);
        s.setMsPerPixel(2);
        s.setStartMs(-500);
        QCOMPARE(s.startMs(), 0.0);
        s.setStartMs(1e9);
        QCOMPARE(s.endMs(), 10'000.0);
    }

    void ensureVisibleScrollsToThePlayhead()
    {
        TimeScale s;
        s.setDuration(100'000);
        s.setWidth(1000);
        s.setMsPerPixel(10); // 10 s visible
        s.ensureVisible(50'000);
        QVERIFY(s.startMs() <= 50'000 && s.endMs() >= 50'000);
        const double before = s.startMs();
        s.ensureVisible(s.startMs() + 5'000); // already well inside
        QCOMPARE(s.startMs(), before);
    }
};

QTEST_GUILESS_MAIN(TestTimeScale)
#include "tst_timescale.moc"
