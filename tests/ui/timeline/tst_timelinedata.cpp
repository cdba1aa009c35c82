#include "ui/timeline/timelinedata.h"

#include <QTest>

using namespace ms;

class TestTimelineData : public QObject
{
    Q_OBJECT

private slots:
    // The lanes' binary searches rely on lists sorted by start and on the
    // longest item of each.
    void sortsAndKeepsTheLongest()
    {
        ui::TimelineData d;
        d.setClips({{3, 5'000, 6'000, {}, 0, {}},
                    {1, 1'000, 9'000, {}, 0, {}},
                    {2, 5'000, 5'500, {}, 0, {}}});
        QCOMPARE(d.clips().size(), 3);
        QCOMPARE(d.clips()[0].id, 1);
        QCOMPARE(d.clips()[1].id, 3); // equal starts keep their order
        QCOMPARE(d.clips()[2].id, 2);
        QCOMPARE(d.longestClip(), 8'000);

        core::SubtitleCue a, b;
        a.startMs = 4'000;
        a.endMs = 4'500;
        b.startMs = 1'000;
        b.endMs = 3'000;
        d.setCues({a, b});
        QCOMPARE(d.cues()[0].startMs, 1'000);
        QCOMPARE(d.longestCue(), 2'000);

        ui::TimelineOverlay o;
        o.scores = {{0, 100, {}}, {100, 1'100, {}}};
        o.heat[size_t(core::Modality::Audio)] = {{0, 700, 0.5f}};
        o.errors.append(ui::TimelineOverlay::ErrorMark{});
        o.errors.last().endMs = 40;
        d.setOverlay(o);
        QCOMPARE(d.longestScore(), 1'000);
        QCOMPARE(d.longestHeat(core::Modality::Audio), 700);
        QCOMPARE(d.longestHeat(core::Modality::Visual), 0);
        QCOMPARE(d.longestError(), 40);

        d.setClips({});
        QCOMPARE(d.longestClip(), 0);
    }
};

QTEST_GUILESS_MAIN(TestTimelineData)
#include "tst_timelinedata.moc"
