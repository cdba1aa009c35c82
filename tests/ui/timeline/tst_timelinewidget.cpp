#include "timelinefixture.h"

#include <QHelpEvent>
#include <QImage>
#include <QMetaEnum>
#include <QPainter>
#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <QToolTip>

using namespace ms;
using Lane = ui::TimelineWidget::Lane;

class TestTimelineWidget : public QObject
{
    Q_OBJECT

    static int countColour(const QImage &img, const QRect &r, const QColor &c, int tol = 24)
    {
        int n = 0;
        for (int y = r.top(); y <= r.bottom(); ++y)
            for (int x = r.left(); x <= r.right(); ++x) {
                const QColor p = img.pixelColor(x, y);
                if (std::abs(p.red() - c.red()) <= tol && std::abs(p.green() - c.green()) <= tol &&
                    std::abs(p.blue() - c.blue()) <= tol)
                    ++n;
            }
        return n;
    }

private slots:
    void describesAttributionErrorsInWords()
    {
        QCOMPARE(
            ui::TimelineOverlay::describeError({core::Modality::Text}, {core::Modality::Visual}),
            QStringLiteral("text-only model fires; experts annotated visual concepts only"));
        QCOMPARE(ui::TimelineOverlay::describeError({core::Modality::Audio}, {}),
                 QStringLiteral("audio-only model fires; experts annotated no concept"));
    }

    void drawsEveryLane()
    {
        ui::TimelineWidget t;
        t.resize(1200, 420);
        test::fillTimeline(t, 600'000, 120, 60, 8000);
        t.setProposal({{0, 30'000}, {30'000, 90'000}});
        t.fitAll();
        for (Lane l : t.laneOrder())
            QVERIFY2(!t.laneRect(l).isNull(), qPrintable(ui::TimelineWidget::laneName(l)));
        // The proposal lane is there only while there is a proposal.
        t.setProposal({});
        QVERIFY(t.laneRect(Lane::Proposal).isNull());

        QImage img(t.size(), QImage::Format_ARGB32_Premultiplied);
        {
            QPainter p(&img);
            t.paint(p, t.rect());
        }
        auto lane = [&](Lane l) {
            return t.laneRect(l).adjusted(ui::TimelineWidget::kHeaderWidth, 0, 0, 0);
        };
        // Each lane shows its own colours.
        QVERIFY(countColour(img, lane(Lane::Clips), QColor(0xd5, 0x5e, 0x00), 4) > 500); // Sure
        QVERIFY(countColour(img, lane(Lane::Clips), QColor(0x00, 0x72, 0xb2), 4) > 500); // EN
        QVERIFY(countColour(img, lane(Lane::Waveform), QColor(0x3a, 0x5f, 0x8a), 4) > 2000);
        QVERIFY(countColour(img, lane(Lane::Subtitles), QColor(0xdd, 0xd3, 0xb8), 4) > 1000);
        QVERIFY(countColour(img, lane(Lane::ScoreVisual), QColor(0x00, 0x9e, 0x73), 4) > 500);
        QVERIFY(countColour(img, lane(Lane::ScoreText), QColor(0xcc, 0x79, 0xa7), 4) > 500);
        QVERIFY(countColour(img, lane(Lane::HeatAudio), QColor(0x56, 0xb4, 0xe9), 60) > 200);
        QVERIFY(countColour(img, lane(Lane::Errors), QColor(0xcc, 0x79, 0xa7).darker(130), 4) > 50);

        // Hidden lanes take no room; moved lanes change place.
        const QRect wave = t.laneRect(Lane::Waveform);
        t.setLaneVisible(Lane::Clips, false);
        QVERIFY(t.laneRect(Lane::Clips).isNull());
        QVERIFY(t.laneRect(Lane::Waveform).top() < wave.top());
        t.setLaneVisible(Lane::Clips, true);
        t.moveLane(Lane::Subtitles, -1);
        // Past the waveform; the proposal lane (hidden) keeps its place.
        QCOMPARE(t.laneOrder().indexOf(Lane::Subtitles), 2);
        QVERIFY(t.laneRect(Lane::Subtitles).top() < t.laneRect(Lane::Waveform).top());
    }

    // Every lane the enum names is registered once, with a name.
    void everyLaneIsRegistered()
    {
        const QMetaEnum e = QMetaEnum::fromType<Lane>();
        ui::TimelineWidget t;
        QCOMPARE(t.laneOrder().size(), e.keyCount());
        QSet<QString> names;
        for (int i = 0; i < e.keyCount(); ++i) {
            const Lane l = Lane(e.value(i));
            QVERIFY2(t.laneOrder().contains(l), e.key(i));
            names.insert(ui::TimelineWidget::laneName(l));
        }
        QCOMPARE(names.size(), e.keyCount());
        QVERIFY(!names.contains(QString()));

        // An order names some lanes; the others follow as they were.
        t.setLaneOrder({Lane::Errors, Lane::Clips, Lane::Errors});
        const QList<Lane> order = t.laneOrder();
        QCOMPARE(order.size(), e.keyCount());
        QCOMPARE(order[0], Lane::Errors);
        QCOMPARE(order[1], Lane::Clips);
        QCOMPARE(order[2], Lane::Proposal);
        QCOMPARE(order[3], Lane::Waveform);
    }

    // Tooltips come from the lane under the pointer; the header explains the menu.
    void toolTipsComeFromTheLanes()
    {
        ui::TimelineWidget t;
        QVERIFY(test::showSmallTimeline(t));
        auto tipAt = [&t](const QPoint &pos) {
            QHelpEvent help(QEvent::ToolTip, pos, t.mapToGlobal(pos));
            QApplication::sendEvent(&t, &help);
            return QToolTip::isVisible() ? QToolTip::text() : QString();
        };
        const int x = ui::TimelineWidget::kHeaderWidth + int(25'000 / t.scale().msPerPixel());
        QCOMPARE(tipAt(QPoint(x, t.laneRect(Lane::Clips).center().y())),
                 QStringLiteral("clip-3: %1; concepts: %2")
                     .arg(core::levelName(core::Level::Sure),
                          core::modalityName(core::Modality::Audio)));
        const int xCue = ui::TimelineWidget::kHeaderWidth + int(21'000 / t.scale().msPerPixel());
        QCOMPARE(tipAt(QPoint(xCue, t.laneRect(Lane::Subtitles).center().y())),
                 QStringLiteral("Line 2 of the dialogue,\nsecond line"));
        QCOMPARE(tipAt(QPoint(10, t.laneRect(Lane::Errors).center().y())),
                 QStringLiteral("Errors lane: right-click to hide, show or move lanes"));
    }

    void overlayLanesHiddenWithoutARun()
    {
        ui::TimelineWidget t;
        t.resize(800, 300);
        t.setDuration(60'000);
        QVERIFY(!t.laneRect(Lane::Clips).isNull());
        QVERIFY(t.laneRect(Lane::ScoreVisual).isNull());
        QVERIFY(t.laneRect(Lane::Errors).isNull());
        // Without clips or a waveform every lane still paints its background
        // (the widget is opaque: nothing else would clear it).
        QImage img(t.size(), QImage::Format_ARGB32_Premultiplied);
        img.fill(Qt::black);
        {
            QPainter p(&img);
            t.paint(p, t.rect());
        }
        for (Lane l : {Lane::Clips, Lane::Waveform, Lane::Subtitles}) {
            const QRect r = t.laneRect(l).adjusted(ui::TimelineWidget::kHeaderWidth, 0, 0, 0);
            QVERIFY2(countColour(img, r, Qt::black, 8) < r.width() * r.height() / 10,
                     qPrintable(ui::TimelineWidget::laneName(l)));
        }
    }

    void clickSeeksAndActivatesClips()
    {
        ui::TimelineWidget t;
        QVERIFY(test::showSmallTimeline(t));
        QSignalSpy seek(&t, &ui::TimelineWidget::seekRequested);
        QSignalSpy clip(&t, &ui::TimelineWidget::clipActivated);
        const double msPerPx = t.scale().msPerPixel();
        const int y = t.laneRect(Lane::Clips).center().y();
        // 25 s is inside clip 3 (20 s..29 s).
        const int x = ui::TimelineWidget::kHeaderWidth + int(25'000 / msPerPx);
        QTest::mouseClick(&t, Qt::LeftButton, {}, QPoint(x, y));
        QCOMPARE(clip.size(), 1);
        QCOMPARE(clip[0][0].toLongLong(), 3);
        QCOMPARE(seek.size(), 1);
        QVERIFY(qAbs(seek[0][0].toLongLong() - 25'000) <= qint64(msPerPx) + 1);
    }

    void draggingAnEdgeProposesNewTimes()
    {
        ui::TimelineWidget t;
        QVERIFY(test::showSmallTimeline(t, 3)); // 20 s .. 29 s
        QSignalSpy edited(&t, &ui::TimelineWidget::clipTimesEdited);
        const double msPerPx = t.scale().msPerPixel();
        const int y = t.laneRect(Lane::Clips).center().y();
        const int xEnd = ui::TimelineWidget::kHeaderWidth + int(std::lround(29'000 / msPerPx));
        const int xNew = ui::TimelineWidget::kHeaderWidth + int(std::lround(33'000 / msPerPx));
        QTest::mousePress(&t, Qt::LeftButton, {}, QPoint(xEnd, y));
        QMouseEvent move(QEvent::MouseMove, QPointF(xNew, y), t.mapToGlobal(QPointF(xNew, y)),
                         Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&t, &move);
        QTest::mouseRelease(&t, Qt::LeftButton, {}, QPoint(xNew, y));
        QCOMPARE(edited.size(), 1);
        QCOMPARE(edited[0][0].toLongLong(), 3);
        QCOMPARE(edited[0][1].toLongLong(), 20'000);
        QVERIFY(qAbs(edited[0][2].toLongLong() - 33'000) <= qint64(msPerPx) + 1);
        // Unchanged until the owner confirms.
        QCOMPARE(t.clips()[2].endMs, 29'000);
    }

    void zoomKeysAndWheel()
    {
        ui::TimelineWidget t;
        t.resize(1000, 300);
        t.setDuration(600'000);
        t.show();
        QVERIFY(QTest::qWaitForWindowExposed(&t));
        const double fit = t.scale().msPerPixel();
        t.setFocus();
        QTest::keyClick(&t, Qt::Key_Plus);
        QCOMPARE(t.scale().msPerPixel(), fit / 2);
        QTest::keyClick(&t, Qt::Key_Minus);
        QCOMPARE(t.scale().msPerPixel(), fit);
        QWheelEvent wheel(QPointF(500, 100), t.mapToGlobal(QPointF(500, 100)), {}, QPoint(0, 240),
                          Qt::NoButton, Qt::ControlModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(&t, &wheel);
        QCOMPARE(t.scale().msPerPixel(), fit / 2);
    }
};

QTEST_MAIN(TestTimelineWidget)
#include "tst_timelinewidget.moc"
