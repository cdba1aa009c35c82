#include "lanetesting.h"

#include "ui/timeline/waveformlane.h"

#include <QTest>
#include <vector>

using namespace ms;

class TestWaveformLane : public QObject
{
    Q_OBJECT

    static constexpr QRgb kInk = qRgb(0x3a, 0x5f, 0x8a);

    // 10 s at 8 kHz: five seconds of silence, then a square wave of amplitude 0.5.
    static std::shared_ptr<core::WaveformPyramid> pyramid(bool finished)
    {
        auto w = std::make_shared<core::WaveformPyramid>(256, 8000);
        std::vector<float> samples(8000 * 10, 0.0f);
        for (size_t i = 8000 * 5; i < samples.size(); ++i)
            samples[i] = (i / 40) % 2 ? 0.5f : -0.5f;
        w->append(samples.data(), finished ? qint64(samples.size()) : 8000 * 6);
        if (finished)
            w->finish();
        return w;
    }

private slots:
    void paintsMinToMaxPerColumn()
    {
        test::LaneHarness h(10'000, 500);
        h.data.setWaveform(pyramid(true));
        ui::WaveformLane lane;
        const QImage img = h.paint(lane);
        QCOMPARE(test::LaneHarness::count(img, qRgb(0, 0, 0)), 0);
        const int mid = lane.height() / 2; // 28: half height 26 px
        // Silence is the middle row only.
        QCOMPARE(img.pixel(100, mid), kInk);
        QCOMPARE(img.pixel(100, mid - 3), h.background);
        // +-0.5 reaches 13 px either side of the middle, not further.
        QCOMPARE(img.pixel(400, mid - 12), kInk);
        QCOMPARE(img.pixel(400, mid + 12), kInk);
        QCOMPARE(img.pixel(400, mid - 16), h.background);
        QCOMPARE(img.pixel(400, 1), h.background);
    }

    void shadesWhatIsNotDecodedYet()
    {
        test::LaneHarness h(10'000, 500);
        h.data.setWaveform(pyramid(false)); // 6 s of 10
        ui::WaveformLane lane;
        const QImage img = h.paint(lane);
        QCOMPARE(img.pixel(280, 28), kInk);
        QCOMPARE(img.pixel(280, 2), h.background);
        QVERIFY(qGray(img.pixel(400, 2)) < qGray(h.background));
        QCOMPARE(lane.toolTip(QPoint(400, 20), h.context()), QStringLiteral("not decoded yet"));
    }

    void saysWhenThereIsNoWaveform()
    {
        test::LaneHarness h(10'000, 500);
        ui::WaveformLane lane;
        QCOMPARE(lane.toolTip(QPoint(100, 20), h.context()), QStringLiteral("no waveform"));
        const QImage none = h.paint(lane);
        QCOMPARE(test::LaneHarness::count(none, qRgb(0, 0, 0)), 0);
        // The words are drawn (the lane is otherwise its background).
        QVERIFY(test::LaneHarness::count(none, h.background) < none.width() * none.height() - 20);
        h.data.setWaveform(std::make_shared<core::WaveformPyramid>());
        QCOMPARE(lane.toolTip(QPoint(100, 20), h.context()),
                 QStringLiteral("computing the waveform\u2026"));
    }

    void toolTipGivesThePeak()
    {
        test::LaneHarness h(10'000, 500);
        h.data.setWaveform(pyramid(true));
        ui::WaveformLane lane;
        QCOMPARE(lane.toolTip(QPoint(100, 20), h.context()), QStringLiteral("Audio here: silence"));
        QCOMPARE(lane.toolTip(QPoint(400, 20), h.context()),
                 QStringLiteral("Audio here: peak -6.0 dBFS"));
        QCOMPARE(lane.name(), QStringLiteral("Audio"));
    }
};

QTEST_MAIN(TestWaveformLane)
#include "tst_waveformlane.moc"
