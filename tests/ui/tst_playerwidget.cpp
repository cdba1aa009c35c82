#include "ui/playerwidget.h"

#include <QApplication>
#include <QTest>

using namespace ms;

// Frame steps land on exact frames: frame k is shown from k/fps seconds, a
// step seeks to the first whole millisecond of the frame, and the time label
// names the frame within its second.
class TestPlayerWidget : public QObject
{
    Q_OBJECT

private slots:
    void frameStartsRoundTrip_data()
    {
        QTest::addColumn<double>("fps");
        QTest::newRow("23.976") << 24000.0 / 1001.0;
        QTest::newRow("24") << 24.0;
        QTest::newRow("25") << 25.0;
        QTest::newRow("29.97") << 30000.0 / 1001.0;
        QTest::newRow("30") << 30.0;
        QTest::newRow("50") << 50.0;
        QTest::newRow("59.94") << 60000.0 / 1001.0;
        QTest::newRow("120") << 120.0;
    }
    void frameStartsRoundTrip()
    {
        QFETCH(double, fps);
        // Every frame of a three-hour film.
        const qint64 frames = qint64(3 * 3600 * fps);
        for (qint64 k = 1; k < frames; ++k) {
            const qint64 start = ui::PlayerWidget::frameStartMs(k, fps);
            if (ui::PlayerWidget::frameAt(start, fps) != k
                || ui::PlayerWidget::frameAt(start - 1, fps) != k - 1)
                QFAIL(qPrintable(QStringLiteral("frame %1 starts at %2 ms, which shows frame %3 "
                                                "(the millisecond before: %4)")
                                     .arg(k)
                                     .arg(start)
                                     .arg(ui::PlayerWidget::frameAt(start, fps))
                                     .arg(ui::PlayerWidget::frameAt(start - 1, fps))));
        }
        QCOMPARE(ui::PlayerWidget::frameStartMs(0, fps), qint64(0));
    }

    void frameStartsAtKnownTimes()
    {
        QCOMPARE(ui::PlayerWidget::frameStartMs(1, 25.0), qint64(40));
        QCOMPARE(ui::PlayerWidget::frameStartMs(1, 30.0), qint64(34)); // 33.33 ms, rounded up
        QCOMPARE(ui::PlayerWidget::frameStartMs(3, 30.0), qint64(100));
        QCOMPARE(ui::PlayerWidget::frameAt(99, 30.0), qint64(2));
        QCOMPARE(ui::PlayerWidget::frameAt(100, 30.0), qint64(3));
    }

    void timeWithFrames_data()
    {
        QTest::addColumn<qint64>("ms");
        QTest::addColumn<double>("fps");
        QTest::addColumn<QString>("text");
        QTest::newRow("start") << qint64(0) << 25.0 << QStringLiteral("00:00:00.00");
        QTest::newRow("frame 1") << qint64(40) << 25.0 << QStringLiteral("00:00:00.01");
        QTest::newRow("last frame of a second") << qint64(999) << 25.0 << QStringLiteral("00:00:00.24");
        QTest::newRow("hours") << qint64(3723000 + 480) << 25.0 << QStringLiteral("01:02:03.12");
        QTest::newRow("negative clamps") << qint64(-5) << 25.0 << QStringLiteral("00:00:00.00");
    }
    void timeWithFrames()
    {
        QFETCH(qint64, ms);
        QFETCH(double, fps);
        QFETCH(QString, text);
        QCOMPARE(ui::PlayerWidget::formatTime(ms, fps), text);
    }
};

QTEST_MAIN(TestPlayerWidget)
#include "tst_playerwidget.moc"
