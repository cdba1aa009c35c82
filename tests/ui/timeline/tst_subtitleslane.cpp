#include "lanetesting.h"

#include "ui/timeline/subtitleslane.h"

#include <QTest>

using namespace ms;

class TestSubtitlesLane : public QObject
{
    Q_OBJECT

    static constexpr QRgb kBlock = qRgb(0xdd, 0xd3, 0xb8);

    // 20 s in 1000 px: 20 ms per pixel.
    static test::LaneHarness harness()
    {
        test::LaneHarness h(20'000, 1000);
        core::SubtitleCue shortCue;
        shortCue.startMs = 10'000;
        shortCue.endMs = 10'040;
        shortCue.text = QStringLiteral("Oh.");
        core::SubtitleCue longCue;
        longCue.startMs = 2'000;
        longCue.endMs = 6'000;
        longCue.text = QStringLiteral("Hello\nworld");
        h.data.setCues({shortCue, longCue}); // sorted by the data
        return h;
    }

private slots:
    void paintsBlocksAndLabels()
    {
        test::LaneHarness h = harness();
        ui::SubtitlesLane lane;
        const QImage img = h.paint(lane);
        // The long cue: a block from 100 to 299 px, with its line written at its left.
        QCOMPARE(img.pixel(280, 13), kBlock);
        QCOMPARE(img.pixel(150, 1), h.background);
        QCOMPARE(img.pixel(350, 13), h.background);
        int text = 0;
        for (int x = 103; x < 200; ++x)
            for (int y = 3; y < 23; ++y)
                text += qGray(img.pixel(x, y)) < 120;
        QVERIFY2(text > 20, qPrintable(QString::number(text)));
        // The short cue still shows, two pixels wide.
        QCOMPARE(img.pixel(500, 13), kBlock);
        QCOMPARE(img.pixel(501, 13), kBlock);
        QCOMPARE(img.pixel(503, 13), h.background);
    }

    void hitTestAndToolTipFindTheCue()
    {
        test::LaneHarness h = harness();
        ui::SubtitlesLane lane;
        const ui::LaneHit hit = lane.hitTest(QPoint(150, 10), h.context());
        QCOMPARE(hit.part, ui::LaneHit::Part::Item);
        QCOMPARE(hit.index, 0);
        QVERIFY(!hit.clipId);
        QCOMPARE(lane.hitTest(QPoint(503, 10), h.context()).index, 1); // two pixels of slack
        QCOMPARE(lane.hitTest(QPoint(700, 10), h.context()).part, ui::LaneHit::Part::Nothing);
        // The slack holds past the end of the longest cue too.
        QCOMPARE(lane.hitTest(QPoint(301, 10), h.context()).index, 0);
        QCOMPARE(lane.toolTip(QPoint(150, 10), h.context()), QStringLiteral("Hello\nworld"));
        QCOMPARE(lane.toolTip(QPoint(501, 10), h.context()), QStringLiteral("Oh."));
        QVERIFY(lane.toolTip(QPoint(700, 10), h.context()).isEmpty());
    }
};

QTEST_MAIN(TestSubtitlesLane)
#include "tst_subtitleslane.moc"
