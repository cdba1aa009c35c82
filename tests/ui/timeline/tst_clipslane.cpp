#include "lanetesting.h"

#include "ui/levelpalette.h"
#include "ui/modalitypalette.h"
#include "ui/timeline/clipslane.h"

#include <QTest>

using namespace ms;
using Part = ui::LaneHit::Part;

class TestClipsLane : public QObject
{
    Q_OBJECT

    // 100 s in 1000 px: 100 ms per pixel.
    static test::LaneHarness harness()
    {
        test::LaneHarness h(100'000, 1000);
        ui::TimelineClip a{1,
                           10'000,
                           20'000,
                           core::Level::EasyNegative,
                           quint8((1u << 0) | (1u << 2)),
                           QStringLiteral("clip-1")};
        ui::TimelineClip b{2, 30'000, 40'000, std::nullopt, 0, QStringLiteral("clip-2")};
        ui::TimelineClip c{3, 30'000, 35'000, core::Level::Sure, 0, QStringLiteral("clip-3")};
        h.data.setClips({c, a, b});
        return h;
    }

    static QRgb level(std::optional<core::Level> l) { return ui::LevelPalette::color(l).rgb(); }

private slots:
    void paintsClipsByLevel()
    {
        test::LaneHarness h = harness();
        ui::ClipsLane lane;
        const QImage img = h.paint(lane);
        QCOMPARE(test::LaneHarness::count(img, qRgb(0, 0, 0)), 0);
        QCOMPARE(img.pixel(150, 15), level(core::Level::EasyNegative));
        // Where clips overlap, the one without a level shows.
        QCOMPARE(img.pixel(320, 15), level(std::nullopt));
        QCOMPARE(img.pixel(370, 15), level(std::nullopt));
        QCOMPARE(img.pixel(250, 15), h.background);
        // Above and below the bars, the lane's background.
        QCOMPARE(img.pixel(150, 1), h.background);
        QCOMPARE(img.pixel(150, 28), h.background);
        // A one-pixel gap at the end of a clip wider than 4 px.
        QCOMPARE(img.pixel(199, 15), h.background);
        // V and T letters in boxes of their modality's colour.
        QCOMPARE(img.pixel(102, 4), ui::ModalityPalette::color(core::Modality::Visual).rgb());
        QCOMPARE(img.pixel(113, 4), ui::ModalityPalette::color(core::Modality::Text).rgb());
        QCOMPARE(img.pixel(124, 4), level(core::Level::EasyNegative));
    }

    void framesTheCurrentClip()
    {
        test::LaneHarness h = harness();
        h.currentClip = 1;
        ui::ClipsLane lane;
        const QImage img = h.paint(lane);
        QCOMPARE(img.pixel(100, 15), qRgb(0, 0, 0));
        QCOMPARE(img.pixel(199, 15), qRgb(0, 0, 0));
        QCOMPARE(img.pixel(150, 15), level(core::Level::EasyNegative));
    }

    void hitTestFindsClipsAndEdges()
    {
        test::LaneHarness h = harness();
        ui::ClipsLane lane;
        ui::LaneHit hit = lane.hitTest(QPoint(150, 15), h.context());
        QCOMPARE(hit.part, Part::Item);
        QCOMPARE(hit.clipId, std::optional<qint64>(1));
        // Two pixels of slack past the end.
        QCOMPARE(lane.hitTest(QPoint(201, 15), h.context()).clipId, std::optional<qint64>(1));
        // A free place, where a drag draws a new clip.
        QCOMPARE(lane.hitTest(QPoint(250, 15), h.context()).part, Part::Empty);
        QCOMPARE(lane.hitTest(QPoint(250, 15), h.context()).ms, 25'000);
        QVERIFY(!lane.hitTest(QPoint(250, 15), h.context()).clipId);
        // Edges only for the current clip.
        QCOMPARE(lane.hitTest(QPoint(197, 15), h.context()).part, Part::Item);
        h.currentClip = 1;
        QCOMPARE(lane.hitTest(QPoint(197, 15), h.context()).part, Part::EndEdge);
        QCOMPARE(lane.hitTest(QPoint(103, 15), h.context()).part, Part::StartEdge);
        QCOMPARE(lane.hitTest(QPoint(150, 15), h.context()).part, Part::Item);
    }

    void toolTipSaysLevelAndConcepts()
    {
        test::LaneHarness h = harness();
        ui::ClipsLane lane;
        const QString tip = lane.toolTip(QPoint(150, 15), h.context());
        QCOMPARE(tip, QStringLiteral("clip-1: %1; concepts: %2, %3")
                          .arg(core::levelName(core::Level::EasyNegative),
                               core::modalityName(core::Modality::Visual),
                               core::modalityName(core::Modality::Text)));
        QCOMPARE(lane.toolTip(QPoint(370, 15), h.context()),
                 QStringLiteral("clip-2: not yet annotated"));
        QVERIFY(lane.toolTip(QPoint(250, 15), h.context()).isEmpty());
    }

    void draggingAnEdgeProposesTimes()
    {
        test::LaneHarness h = harness();
        h.currentClip = 1;
        ui::ClipsLane lane;
        const ui::LaneHit edge = lane.hitTest(QPoint(199, 15), h.context());
        QVERIFY(lane.beginDrag(edge, h.context()));
        lane.dragTo(25'000, h.context());
        // Drawn at the proposed end while held; the data is not touched.
        QCOMPARE(h.paint(lane).pixel(230, 15), level(core::Level::EasyNegative));
        QCOMPARE(h.data.clips()[0].endMs, 20'000);
        const auto edited = lane.endDrag(h.context());
        QVERIFY(edited);
        QCOMPARE(edited->id, 1);
        QCOMPARE(edited->startMs, 10'000);
        QCOMPARE(edited->endMs, 25'000);
        QCOMPARE(h.paint(lane).pixel(230, 15), h.background);

        // A clip keeps a minimum length; the start edge moves the start.
        QVERIFY(lane.beginDrag(lane.hitTest(QPoint(100, 15), h.context()), h.context()));
        lane.dragTo(50'000, h.context());
        const auto shortest = lane.endDrag(h.context());
        QVERIFY(shortest);
        QCOMPARE(shortest->startMs, 20'000 - ui::ClipsLane::kMinClipMs);
        QCOMPARE(shortest->endMs, 20'000);

        // Nothing proposed when cancelled, unchanged, or not an edge.
        QVERIFY(lane.beginDrag(edge, h.context()));
        lane.dragTo(30'000, h.context());
        lane.cancelDrag();
        QVERIFY(!lane.endDrag(h.context()));
        QVERIFY(lane.beginDrag(edge, h.context()));
        lane.dragTo(20'000, h.context());
        QVERIFY(!lane.endDrag(h.context()));
        QVERIFY(!lane.beginDrag(lane.hitTest(QPoint(150, 15), h.context()), h.context()));
    }

    void draggingOnAFreePlaceDrawsAClipInsideTheGap()
    {
        test::LaneHarness h = harness();
        ui::ClipsLane lane;
        const ui::LaneHit free = lane.hitTest(QPoint(250, 15), h.context());
        QVERIFY(lane.beginDrag(free, h.context()));
        lane.dragTo(50'000, h.context()); // past clip-2's start at 30 s
        QCOMPARE(h.paint(lane).pixel(280, 15) == h.background, false); // drawn while held
        const auto drawn = lane.endDrag(h.context());
        QVERIFY(drawn);
        QCOMPARE(drawn->id, 0);
        QCOMPARE(drawn->startMs, 25'000);
        QCOMPARE(drawn->endMs, 30'000);
        // Backwards, stopped by clip-1's end.
        QVERIFY(lane.beginDrag(free, h.context()));
        lane.dragTo(0, h.context());
        const auto back = lane.endDrag(h.context());
        QCOMPARE(back->startMs, 20'000);
        QCOMPARE(back->endMs, 25'000);
        // A click is no clip.
        QVERIFY(lane.beginDrag(free, h.context()));
        lane.dragTo(25'050, h.context());
        QVERIFY(!lane.endDrag(h.context()));
    }
};

QTEST_MAIN(TestClipsLane)
#include "tst_clipslane.moc"
