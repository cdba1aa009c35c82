// The whole timeline as the user sees it (QWidget::grab, so paintEvent and the
// scroll bar are included) in the situations that exercise every lane: whole
// film, zoomed in (texts, V/A/T letters), middle zoom (dots), a current clip,
// hidden and moved lanes, no data, a waveform still being computed, lanes
// squeezed to fit, a run without audio. Each picture is checked at concrete
// pixels where a lane must paint.
//
// The pictures are also a refactoring guard: MS_TIMELINE_SAVE_DIR=dir writes
// them as PNGs, MS_TIMELINE_REFERENCE_DIR=dir compares them pixel by pixel
// with PNGs saved by another build and fails on the first difference.
#include "timelinefixture.h"

#include "ui/levelpalette.h"
#include "ui/modalitypalette.h"

#include <QDir>
#include <QImage>
#include <QMouseEvent>
#include <QPainter>
#include <QTest>
#include <cmath>

using namespace ms;
using Lane = ui::TimelineWidget::Lane;

namespace {

const QColor kPlayhead(0xd0, 0x10, 0x10);
const QColor kWaveInk(0x3a, 0x5f, 0x8a);
const QColor kCueBlock(0xdd, 0xd3, 0xb8);

bool near(const QColor &a, const QColor &b, int tol)
{
    return std::abs(a.red() - b.red()) <= tol && std::abs(a.green() - b.green()) <= tol &&
           std::abs(a.blue() - b.blue()) <= tol;
}

} // namespace

class TestTimelinePicture : public QObject
{
    Q_OBJECT

    // Widget x of a time.
    static int xOf(const ui::TimelineWidget &t, double ms)
    {
        return ui::TimelineWidget::kHeaderWidth + int(std::floor(t.scale().xForMs(ms)));
    }

    static QImage grab(ui::TimelineWidget &t)
    {
        return t.grab().toImage().convertToFormat(QImage::Format_RGB32);
    }

    // Saves and/or compares the picture as the environment asks.
    static void guard(const QImage &img, const QString &name)
    {
        const QString save = qEnvironmentVariable("MS_TIMELINE_SAVE_DIR");
        if (!save.isEmpty()) {
            QDir().mkpath(save);
            QVERIFY(img.save(QDir(save).filePath(name + QStringLiteral(".png"))));
        }
        const QString ref = qEnvironmentVariable("MS_TIMELINE_REFERENCE_DIR");
        if (ref.isEmpty())
            return;
        QImage expected(QDir(ref).filePath(name + QStringLiteral(".png")));
        QVERIFY2(!expected.isNull(), qPrintable(name + QStringLiteral(": no reference")));
        expected = expected.convertToFormat(QImage::Format_RGB32);
        QCOMPARE(img.size(), expected.size());
        int differing = 0;
        QPoint first(-1, -1);
        for (int y = 0; y < img.height(); ++y)
            for (int x = 0; x < img.width(); ++x)
                if (img.pixel(x, y) != expected.pixel(x, y)) {
                    if (!differing++)
                        first = QPoint(x, y);
                }
        QVERIFY2(differing == 0, qPrintable(QStringLiteral("%1: %2 pixels differ, first at %3,%4")
                                                .arg(name)
                                                .arg(differing)
                                                .arg(first.x())
                                                .arg(first.y())));
    }

    static void filled(ui::TimelineWidget &t, QSize size = {1200, 420})
    {
        t.resize(size);
        test::fillTimeline(t, 600'000, 120, 60, 8000);
        t.fitAll();
        t.setPosition(300'000);
    }

private slots:
    void wholeFilm()
    {
        ui::TimelineWidget t;
        filled(t);
        t.setCurrentClip(7); // 30 s .. 34.5 s, not yet annotated
        const QImage img = grab(t);
        guard(img, QStringLiteral("whole"));

        // Clip i spans 5 s * i .. + 4.5 s with level i % 3 (none when i % 7 == 6).
        const int yClip = t.laneRect(Lane::Clips).center().y();
        QCOMPARE(img.pixelColor(xOf(t, 2'250), yClip), ui::LevelPalette::color(core::Level(0)));
        QCOMPARE(img.pixelColor(xOf(t, 12'250), yClip), ui::LevelPalette::color(core::Level(2)));
        QCOMPARE(img.pixelColor(xOf(t, 67'250), yClip), ui::LevelPalette::color(std::nullopt));
        // The current clip's drag handle, and the gap between two clips.
        QCOMPARE(img.pixelColor(xOf(t, 30'000), yClip), QColor(Qt::black));
        QCOMPARE(img.pixelColor(xOf(t, 4'800), yClip), QColor(0xfa, 0xfa, 0xfa));

        // The waveform crosses its middle row everywhere (noise around zero).
        const QRect wave = t.laneRect(Lane::Waveform);
        int ink = 0;
        for (int x = wave.left() + ui::TimelineWidget::kHeaderWidth; x < wave.right(); x += 10)
            ink += img.pixelColor(x, wave.top() + wave.height() / 2) == kWaveInk;
        QVERIFY2(ink > 90, qPrintable(QString::number(ink)));

        // Cue i spans 10 s * i .. + 3 s.
        QCOMPARE(img.pixelColor(xOf(t, 101'500), t.laneRect(Lane::Subtitles).center().y()),
                 kCueBlock);
        QCOMPARE(img.pixelColor(xOf(t, 106'500), t.laneRect(Lane::Subtitles).center().y()),
                 QColor(0xfa, 0xfa, 0xfa));

        // Visual score of clip i is (37 i % 100) / 100: clip 2 reaches 0.74,
        // clip 3 only 0.11, so row 60% up is ink over clip 2 only.
        const QRect sv = t.laneRect(Lane::ScoreVisual);
        const int yHigh = sv.top() + sv.height() - 2 - int(0.6 * (sv.height() - 4));
        QCOMPARE(img.pixelColor(xOf(t, 12'250), yHigh),
                 ui::ModalityPalette::color(core::Modality::Visual));
        QVERIFY(img.pixelColor(xOf(t, 17'250), yHigh) !=
                ui::ModalityPalette::color(core::Modality::Visual));
        QCOMPARE(img.pixelColor(xOf(t, 17'250), sv.bottom() - 1),
                 ui::ModalityPalette::color(core::Modality::Visual));

        // Audio attention of clip i, quarter k is ((i + k) * 4 % 10) / 10:
        // clip 2 quarter 0 is 0.8 (near the modality colour), clip 5 quarter 0 is 0 (near white).
        const int yHeat = t.laneRect(Lane::HeatAudio).center().y();
        QVERIFY(near(img.pixelColor(xOf(t, 10'300), yHeat),
                     ui::ModalityPalette::color(core::Modality::Audio), 50));
        QVERIFY(near(img.pixelColor(xOf(t, 25'300), yHeat), Qt::white, 16));

        // Clip 4 (20 s .. 24.5 s) has a spurious text attribution.
        QCOMPARE(img.pixel(xOf(t, 22'000), t.laneRect(Lane::Errors).top() + 4),
                 ui::ModalityPalette::color(core::Modality::Text).darker(130).rgb());

        // The playhead crosses every lane, down to the last one.
        const int xp =
            ui::TimelineWidget::kHeaderWidth + int(std::lround(t.scale().xForMs(300'000)));
        for (Lane l : t.laneOrder())
            QCOMPARE(img.pixelColor(xp, t.laneRect(l).center().y()), kPlayhead);
    }

    void zoomedIn()
    {
        ui::TimelineWidget t;
        filled(t);
        t.setCurrentClip(4);
        t.scale().setMsPerPixel(20); // 22 s in view: labels and letters are drawn
        t.scale().setStartMs(8'000);
        t.update();
        const QImage img = grab(t);
        guard(img, QStringLiteral("zoomed"));

        // Clip 4 (15 s .. 19.5 s) is current: black handles on both edges.
        const QRect clips = t.laneRect(Lane::Clips);
        QCOMPARE(img.pixelColor(xOf(t, 15'000) + 1, clips.center().y()), QColor(Qt::black));
        QCOMPARE(img.pixelColor(xOf(t, 19'500) - 2, clips.center().y()), QColor(Qt::black));
        // Clip 3 (10 s ..) has audio concepts only ((2 * 5) % 8 = 2): an "A" box.
        QCOMPARE(img.pixelColor(xOf(t, 10'000) + 2, clips.top() + 4),
                 ui::ModalityPalette::color(core::Modality::Audio));
        // Cue 1 (10 s .. 13 s) carries a label: dark text pixels in its block.
        const QRect subs = t.laneRect(Lane::Subtitles);
        int text = 0;
        for (int x = xOf(t, 10'000) + 3; x < xOf(t, 13'000) - 3; ++x)
            for (int y = subs.top() + 3; y < subs.bottom() - 3; ++y)
                text += near(img.pixelColor(x, y), QColor(0x30, 0x30, 0x30), 40);
        QVERIFY2(text > 20, qPrintable(QString::number(text)));
        // The ruler shows times.
        int ruler = 0;
        for (int x = ui::TimelineWidget::kHeaderWidth; x < img.width(); ++x)
            for (int y = 0; y < ui::TimelineWidget::kRulerHeight - 6; ++y)
                ruler += img.pixelColor(x, y).lightness() < 100;
        QVERIFY(ruler > 50);
    }

    void middleZoomAndDots()
    {
        ui::TimelineWidget t;
        filled(t);
        t.scale().setMsPerPixel(200); // clips ~22 px: dots, not letters
        t.scale().setStartMs(100'000);
        t.update();
        const QImage img = grab(t);
        guard(img, QStringLiteral("middle"));
        // Clip 21 (105 s ..) has (21 * 5) % 8 = 1: visual only, a 3 px dot.
        const QRect clips = t.laneRect(Lane::Clips);
        QCOMPARE(img.pixelColor(xOf(t, 105'000) + 3, clips.top() + 5),
                 ui::ModalityPalette::color(core::Modality::Visual));
        QCOMPARE(img.pixelColor(xOf(t, 105'000) + 6, clips.top() + 5),
                 ui::LevelPalette::color(core::Level(0)));
    }

    void hiddenAndMovedLanes()
    {
        ui::TimelineWidget t;
        filled(t);
        t.setLaneVisible(Lane::Clips, false);
        t.setLaneVisible(Lane::HeatVisual, false);
        t.moveLane(Lane::Errors, -1);
        t.moveLane(Lane::Errors, -1);
        t.moveLane(Lane::Subtitles, -1);
        const QImage img = grab(t);
        guard(img, QStringLiteral("moved"));
        QCOMPARE(t.laneRect(Lane::Subtitles).top(), ui::TimelineWidget::kRulerHeight);
        QCOMPARE(img.pixelColor(xOf(t, 101'500), t.laneRect(Lane::Subtitles).center().y()),
                 kCueBlock);
        QVERIFY(t.laneRect(Lane::Errors).bottom() + 1 == t.laneRect(Lane::HeatAudio).top());
    }

    void noData()
    {
        ui::TimelineWidget t;
        t.resize(800, 300);
        t.setDuration(60'000);
        const QImage img = grab(t);
        guard(img, QStringLiteral("empty"));
        // Lanes keep their alternating backgrounds; below them the window colour.
        QCOMPARE(img.pixelColor(400, t.laneRect(Lane::Clips).center().y()),
                 QColor(0xfa, 0xfa, 0xfa));
        QCOMPARE(img.pixelColor(400, t.laneRect(Lane::Subtitles).center().y()),
                 QColor(0xfa, 0xfa, 0xfa));
        QCOMPARE(img.pixelColor(790, t.laneRect(Lane::Waveform).top() + 2),
                 QColor(0xf0, 0xf0, 0xf0));
        // "no waveform" is written in the waveform lane.
        const QRect wave = t.laneRect(Lane::Waveform);
        int text = 0;
        for (int x = ui::TimelineWidget::kHeaderWidth; x < 300; ++x)
            for (int y = wave.top(); y <= wave.bottom(); ++y)
                text += img.pixelColor(x, y).lightness() < 200;
        QVERIFY(text > 20);
    }

    void waveformInProgress()
    {
        ui::TimelineWidget t;
        t.resize(800, 300);
        t.setDuration(60'000);
        auto partial = std::make_shared<core::WaveformPyramid>(256, 8000);
        std::vector<float> samples(8000 * 20);
        for (size_t i = 0; i < samples.size(); ++i)
            samples[i] = float(std::sin(double(i) * 0.05) * 0.8);
        partial->append(samples.data(), qint64(samples.size()));
        t.setWaveform(partial);
        const QImage img = grab(t);
        guard(img, QStringLiteral("partial"));
        const QRect wave = t.laneRect(Lane::Waveform);
        // Decoded part drawn, the rest shaded (darker than the lane's background).
        QCOMPARE(img.pixelColor(xOf(t, 10'000), wave.center().y()), kWaveInk);
        QVERIFY(img.pixelColor(xOf(t, 40'000), wave.top() + 2).lightness() <
                QColor(0xf0, 0xf0, 0xf0).lightness());

        ui::TimelineWidget computing;
        computing.resize(800, 300);
        computing.setDuration(60'000);
        computing.setWaveform(std::make_shared<core::WaveformPyramid>());
        guard(grab(computing), QStringLiteral("computing"));
    }

    void squeezed()
    {
        ui::TimelineWidget t;
        filled(t, {1000, 160});
        t.setProposal({{0, 30'000}, {30'000, 90'000}});
        const QImage img = grab(t);
        guard(img, QStringLiteral("squeezed"));
        // Every lane still has a place, at least 8 px high.
        for (Lane l : t.laneOrder())
            QVERIFY(t.laneRect(l).height() >= 8);
        QCOMPARE(img.pixelColor(xOf(t, 2'250), t.laneRect(Lane::Clips).center().y()),
                 ui::LevelPalette::color(core::Level(0)));
    }

    void runWithoutAudio()
    {
        ui::TimelineWidget t;
        filled(t);
        ui::TimelineOverlay o = t.overlay();
        o.modalities = {core::Modality::Visual, core::Modality::Text};
        t.setOverlay(o);
        const QImage img = grab(t);
        guard(img, QStringLiteral("noaudio"));
        QVERIFY(t.laneRect(Lane::ScoreAudio).isNull());
        QVERIFY(t.laneRect(Lane::HeatAudio).isNull());
        QCOMPARE(img.pixelColor(xOf(t, 17'250), t.laneRect(Lane::ScoreText).bottom() - 1),
                 ui::ModalityPalette::color(core::Modality::Text));
    }

    void draggingAnEdge()
    {
        ui::TimelineWidget t;
        QVERIFY(test::showSmallTimeline(t, 3)); // 20 s .. 29 s
        const int y = t.laneRect(Lane::Clips).center().y();
        const double msPerPx = t.scale().msPerPixel();
        QTest::mousePress(&t, Qt::LeftButton, {}, QPoint(xOf(t, 29'000), y));
        const int xNew = ui::TimelineWidget::kHeaderWidth + int(std::lround(36'000 / msPerPx));
        QMouseEvent move(QEvent::MouseMove, QPointF(xNew, y), t.mapToGlobal(QPointF(xNew, y)),
                         Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&t, &move);
        const QImage img = grab(t);
        guard(img, QStringLiteral("dragging"));
        // The clip is drawn to its proposed end while the edge is held.
        QCOMPARE(img.pixelColor(xOf(t, 29'500), y), ui::LevelPalette::color(core::Level(2)));
        QTest::mouseRelease(&t, Qt::LeftButton, {}, QPoint(xNew, y));
        QCOMPARE(grab(t).pixelColor(xOf(t, 29'500), y), QColor(0xfa, 0xfa, 0xfa));
    }
};

QTEST_MAIN(TestTimelinePicture)
#include "tst_timelinepicture.moc"
