#include "lanetesting.h"

#include "ui/modalitypalette.h"
#include "ui/timeline/attentionlane.h"

#include <QTest>

using namespace ms;

class TestAttentionLane : public QObject
{
    Q_OBJECT

    // 10 s in 100 px: full attention to sound for 4 s, none for 4 s, then nothing.
    static test::LaneHarness harness()
    {
        test::LaneHarness h(10'000, 100);
        ui::TimelineOverlay o;
        o.runName = QStringLiteral("run-7");
        o.heat[size_t(core::Modality::Audio)] = {{0, 4'000, 1.0f}, {4'000, 8'000, 0.0f}};
        h.data.setOverlay(o);
        return h;
    }

private slots:
    void paintsShadesOfTheModality()
    {
        test::LaneHarness h = harness();
        ui::AttentionLane lane(core::Modality::Audio);
        const QImage img = h.paint(lane);
        QCOMPARE(test::LaneHarness::count(img, qRgb(0, 0, 0)), 0);
        const QColor audio = ui::ModalityPalette::color(core::Modality::Audio);
        QCOMPARE(img.pixel(20, 7),
                 ui::AttentionLane::heatColor(core::Modality::Audio, 15.5f / 16).rgb());
        QVERIFY(std::abs(qRed(img.pixel(20, 7)) - audio.red()) < 10);
        QCOMPARE(img.pixel(60, 7),
                 ui::AttentionLane::heatColor(core::Modality::Audio, 0.5f / 16).rgb());
        QVERIFY(qGray(img.pixel(60, 7)) > 240);
        // No span: the background; first and last rows are background too.
        QCOMPARE(img.pixel(90, 7), h.background);
        QCOMPARE(img.pixel(20, 0), h.background);
        QCOMPARE(img.pixel(20, lane.height() - 1), h.background);
    }

    void heatColorGoesFromWhiteToTheModality()
    {
        QCOMPARE(ui::AttentionLane::heatColor(core::Modality::Visual, 0), QColor(Qt::white));
        QCOMPARE(ui::AttentionLane::heatColor(core::Modality::Visual, 1),
                 ui::ModalityPalette::color(core::Modality::Visual));
        QCOMPARE(ui::AttentionLane::heatColor(core::Modality::Visual, 7),
                 ui::ModalityPalette::color(core::Modality::Visual));
    }

    void shownWithARunAndToolTip()
    {
        test::LaneHarness h = harness();
        ui::AttentionLane lane(core::Modality::Audio);
        QVERIFY(lane.isAvailable(h.data));
        QVERIFY(!lane.isAvailable(ui::TimelineData()));
        QCOMPARE(lane.name(), QStringLiteral("Attention A"));
        QCOMPARE(lane.toolTip(QPoint(20, 7), h.context()),
                 QStringLiteral("Attention A of run run-7"));
    }
};

QTEST_MAIN(TestAttentionLane)
#include "tst_attentionlane.moc"
