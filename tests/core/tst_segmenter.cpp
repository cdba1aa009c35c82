#include "core/error.h"
#include "core/segmenter.h"

#include <QTest>

using namespace ms::core;

Q_DECLARE_METATYPE(ms::core::SubtitleCue)

namespace {

// "0-1000 1000-2000": a proposal in one line, so a mismatch shows it whole.
QString text(const QList<TimeRange> &ranges)
{
    QStringList out;
    for (const TimeRange &r : ranges)
        out.append(QStringLiteral("%1-%2").arg(r.startMs).arg(r.endMs));
    return out.join(u' ');
}

SubtitleCue cue(qint64 start, qint64 end)
{
    SubtitleCue c;
    c.startMs = start;
    c.endMs = end;
    c.text = QStringLiteral("line");
    return c;
}

// What every proposal promises: sorted, no overlap, nothing empty.
bool wellFormed(const QList<TimeRange> &ranges)
{
    for (qsizetype i = 0; i < ranges.size(); ++i) {
        if (ranges[i].endMs <= ranges[i].startMs)
            return false;
        if (i > 0 && ranges[i].startMs < ranges[i - 1].endMs)
            return false;
    }
    return true;
}

} // namespace

class TestSegmenter : public QObject
{
    Q_OBJECT

private slots:
    void fixedLength_data()
    {
        QTest::addColumn<qint64>("duration");
        QTest::addColumn<qint64>("length");
        QTest::addColumn<qint64>("mergeBelow");
        QTest::addColumn<QString>("expected");
        QTest::newRow("exact") << qint64(3000) << qint64(1000) << qint64(500)
                               << "0-1000 1000-2000 2000-3000";
        QTest::newRow("short last merged")
            << qint64(61000) << qint64(30000) << qint64(15000) << "0-30000 30000-61000";
        QTest::newRow("long enough last kept")
            << qint64(50000) << qint64(30000) << qint64(15000) << "0-30000 30000-50000";
        QTest::newRow("merging off keeps a sliver")
            << qint64(61000) << qint64(30000) << qint64(0) << "0-30000 30000-60000 60000-61000";
        QTest::newRow("last exactly at the limit kept")
            << qint64(2500) << qint64(1000) << qint64(500) << "0-1000 1000-2000 2000-2500";
        QTest::newRow("film shorter than a clip")
            << qint64(700) << qint64(1000) << qint64(500) << "0-700";
        QTest::newRow("no film") << qint64(0) << qint64(1000) << qint64(500) << "";
    }
    void fixedLength()
    {
        QFETCH(qint64, duration);
        QFETCH(qint64, length);
        QFETCH(qint64, mergeBelow);
        QFETCH(QString, expected);
        const QList<TimeRange> ranges = Segmenter::fixedLength(duration, length, mergeBelow);
        QCOMPARE(text(ranges), expected);
        QVERIFY(wellFormed(ranges));
        if (!ranges.isEmpty()) {
            QCOMPARE(ranges.first().startMs, 0);
            QCOMPARE(ranges.last().endMs, duration);
            for (qsizetype i = 1; i < ranges.size(); ++i)
                QCOMPARE(ranges[i].startMs, ranges[i - 1].endMs); // the whole film, no gap
        }
    }

    void fixedLengthRefusesNoLength()
    {
        try {
            Segmenter::fixedLength(1000, 0, 0);
            QFAIL("a length of 0 was accepted");
        } catch (const UserError &e) {
            QVERIFY2(e.message().contains(QStringLiteral("more than 0 ms, not 0 ms")),
                     qPrintable(e.message()));
        }
    }

    void byCues_data()
    {
        QTest::addColumn<QList<SubtitleCue>>("cues");
        QTest::addColumn<qint64>("maxGap");
        QTest::addColumn<qint64>("duration");
        QTest::addColumn<QString>("expected");
        const QList<SubtitleCue> dialogue = {cue(1000, 2000), cue(2200, 3000), cue(3100, 4000),
                                             cue(6000, 7000), cue(7900, 8500)};
        QTest::newRow("one per cue") << dialogue << qint64(0) << qint64(0)
                                     << "1000-2000 2200-3000 3100-4000 6000-7000 7900-8500";
        QTest::newRow("gaps under 250 ms")
            << dialogue << qint64(250) << qint64(0) << "1000-4000 6000-7000 7900-8500";
        QTest::newRow("a gap equal to the limit splits")
            << dialogue << qint64(200) << qint64(0) << "1000-2000 2200-4000 6000-7000 7900-8500";
        QTest::newRow("gaps under 1 s")
            << dialogue << qint64(1000) << qint64(0) << "1000-4000 6000-8500";
        QTest::newRow("one group") << dialogue << qint64(5000) << qint64(0) << "1000-8500";
        QTest::newRow("unsorted and overlapping cues")
            << QList<SubtitleCue>{cue(5000, 6000), cue(1000, 3000), cue(2500, 2800),
                                  cue(2900, 4000)}
            << qint64(0) << qint64(0) << "1000-4000 5000-6000";
        QTest::newRow("touching cues stay apart")
            << QList<SubtitleCue>{cue(0, 1000), cue(1000, 2000)} << qint64(0) << qint64(0)
            << "0-1000 1000-2000";
        QTest::newRow("empty cues skipped")
            << QList<SubtitleCue>{cue(0, 0), cue(500, 400), cue(600, 900)} << qint64(0) << qint64(0)
            << "600-900";
        QTest::newRow("clipped to the film")
            << QList<SubtitleCue>{cue(-200, 500), cue(9000, 10500), cue(11000, 12000)} << qint64(0)
            << qint64(10000) << "0-500 9000-10000";
        QTest::newRow("no cue") << QList<SubtitleCue>{} << qint64(500) << qint64(0) << "";
    }
    void byCues()
    {
        QFETCH(QList<SubtitleCue>, cues);
        QFETCH(qint64, maxGap);
        QFETCH(qint64, duration);
        QFETCH(QString, expected);
        const QList<TimeRange> ranges = Segmenter::byCues(cues, maxGap, duration);
        QCOMPARE(text(ranges), expected);
        QVERIFY(wellFormed(ranges));
        // Every moment a cue is shown (inside the film) lies in a range.
        for (const SubtitleCue &c : cues)
            for (qint64 t = std::max<qint64>(0, c.startMs);
                 t < (duration > 0 ? std::min(c.endMs, duration) : c.endMs); t += 50) {
                bool covered = false;
                for (const TimeRange &r : ranges)
                    covered |= r.startMs <= t && t < r.endMs;
                QVERIFY2(covered, qPrintable(QString::number(t)));
            }
    }

    void fromCuts_data()
    {
        QTest::addColumn<QList<qint64>>("cuts");
        QTest::addColumn<qint64>("duration");
        QTest::addColumn<QString>("expected");
        QTest::newRow("no cut") << QList<qint64>{} << qint64(5000) << "0-5000";
        QTest::newRow("cuts") << QList<qint64>{2000, 4000} << qint64(5000)
                              << "0-2000 2000-4000 4000-5000";
        QTest::newRow("unsorted, repeated, outside")
            << QList<qint64>{4000, -5, 0, 2000, 4000, 5000, 7000} << qint64(5000)
            << "0-2000 2000-4000 4000-5000";
        QTest::newRow("no film") << QList<qint64>{1000} << qint64(0) << "";
    }
    void fromCuts()
    {
        QFETCH(QList<qint64>, cuts);
        QFETCH(qint64, duration);
        QFETCH(QString, expected);
        const QList<TimeRange> ranges = Segmenter::fromCuts(cuts, duration);
        QCOMPARE(text(ranges), expected);
        QVERIFY(wellFormed(ranges));
    }
};

QTEST_GUILESS_MAIN(TestSegmenter)
#include "tst_segmenter.moc"
