#include "lanetesting.h"

#include "ui/modalitypalette.h"
#include "ui/timeline/scorelane.h"

#include <QTest>

using namespace ms;

class TestScoreLane : public QObject
{
    Q_OBJECT

    // 10 s in 100 px; the visual score is 1.0 then 0.25, the text one 0.5.
    static test::LaneHarness harness()
    {
        test::LaneHarness h(10'000, 100);
        ui::TimelineOverlay o;
        o.runName = QStringLiteral("run-7");
        o.modalities = {core::Modality::Visual, core::Modality::Text};
        o.scores.append({0, 5'000, {1.0f, 0.0f, 0.5f}});
        o.scores.append({5'000, 10'000, {0.25f, 0.0f, 0.5f}});
        h.data.setOverlay(o);
        return h;
    }

private slots:
    void paintsBarsFromTheBottom()
    {
        test::LaneHarness h = harness();
        ui::ScoreLane lane(core::Modality::Visual);
        const QImage img = h.paint(lane);
        QCOMPARE(test::LaneHarness::count(img, qRgb(0, 0, 0)), 0);
        const QRgb ink = ui::ModalityPalette::color(core::Modality::Visual).rgb();
        // 28 px high: bars stand on row 26 and are at most 24 px.
        QCOMPARE(img.pixel(20, 26), ink);
        QCOMPARE(img.pixel(20, 3), ink);
        QCOMPARE(img.pixel(20, 2), h.background);
        QCOMPARE(img.pixel(20, 27), h.background);
        // 0.25 of 24 px: rows 21..26.
        QCOMPARE(img.pixel(70, 21), ink);
        QCOMPARE(img.pixel(70, 20), h.background);
        // The 0.5 threshold is dotted across row 14.
        int dots = 0;
        for (int x = 60; x < 70; ++x)
            dots += img.pixel(x, 14) != h.background;
        QVERIFY(dots >= 3);
    }

    void shownForTheRunsModalities()
    {
        test::LaneHarness h = harness();
        QVERIFY(ui::ScoreLane(core::Modality::Visual).isAvailable(h.data));
        QVERIFY(!ui::ScoreLane(core::Modality::Audio).isAvailable(h.data));
        QVERIFY(!ui::ScoreLane(core::Modality::Visual).isAvailable(ui::TimelineData()));
        QCOMPARE(ui::ScoreLane(core::Modality::Text).name(), QStringLiteral("Score T"));
    }

    void toolTipNamesTheRun()
    {
        test::LaneHarness h = harness();
        ui::ScoreLane lane(core::Modality::Text);
        QCOMPARE(lane.toolTip(QPoint(20, 10), h.context()), QStringLiteral("Score T of run run-7"));
    }
};

QTEST_MAIN(TestScoreLane)
#include "tst_scorelane.moc"
