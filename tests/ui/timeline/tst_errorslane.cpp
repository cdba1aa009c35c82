#include "lanetesting.h"

#include "ui/modalitypalette.h"
#include "ui/timeline/errorslane.h"

#include <QTest>

using namespace ms;

class TestErrorsLane : public QObject
{
    Q_OBJECT

    // 10 s in 100 px: a spurious text attribution at 2..3 s, a missed audio
    // modality at 6..7 s.
    static test::LaneHarness harness()
    {
        test::LaneHarness h(10'000, 100);
        ui::TimelineOverlay o;
        ui::TimelineOverlay::ErrorMark spurious;
        spurious.startMs = 2'000;
        spurious.endMs = 3'000;
        spurious.modality = core::Modality::Text;
        spurious.text = QStringLiteral("text-only model fires");
        ui::TimelineOverlay::ErrorMark missed;
        missed.startMs = 6'000;
        missed.endMs = 7'000;
        missed.modality = core::Modality::Audio;
        missed.missed = true;
        missed.text = QStringLiteral("audio ignored");
        o.errors = {spurious, missed};
        h.data.setOverlay(o);
        return h;
    }

private slots:
    void paintsSpuriousAboveMissedBelow()
    {
        test::LaneHarness h = harness();
        ui::ErrorsLane lane;
        const QImage img = h.paint(lane);
        const QRgb dark = ui::ModalityPalette::color(core::Modality::Text).darker(130).rgb();
        const QRgb light = ui::ModalityPalette::color(core::Modality::Audio).lighter(125).rgb();
        // 18 px high: spurious marks on rows 3..9, missed ones on rows 10..15.
        QCOMPARE(img.pixel(25, 3), dark);
        QCOMPARE(img.pixel(25, 9), dark);
        QCOMPARE(img.pixel(25, 12), h.background);
        QCOMPARE(img.pixel(65, 12), light);
        QCOMPARE(img.pixel(65, 15), light);
        QCOMPARE(img.pixel(65, 5), h.background);
        QCOMPARE(img.pixel(45, 5), h.background);
        QCOMPARE(img.pixel(25, 1), h.background);
    }

    void hitTestAndToolTipFindTheMark()
    {
        test::LaneHarness h = harness();
        ui::ErrorsLane lane;
        QCOMPARE(lane.hitTest(QPoint(25, 5), h.context()).index, 0);
        QCOMPARE(lane.hitTest(QPoint(33, 5), h.context()).index, 0); // four pixels of slack
        QCOMPARE(lane.hitTest(QPoint(45, 5), h.context()).part, ui::LaneHit::Part::Nothing);
        QCOMPARE(lane.toolTip(QPoint(65, 12), h.context()), QStringLiteral("audio ignored"));
        QCOMPARE(lane.toolTip(QPoint(21, 5), h.context()), QStringLiteral("text-only model fires"));
        QVERIFY(lane.toolTip(QPoint(45, 5), h.context()).isEmpty());
    }

    void shownWithARun()
    {
        QVERIFY(ui::ErrorsLane().isAvailable(harness().data));
        QVERIFY(!ui::ErrorsLane().isAvailable(ui::TimelineData()));
    }
};

QTEST_MAIN(TestErrorsLane)
#include "tst_errorslane.moc"
