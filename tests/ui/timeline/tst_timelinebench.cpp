// The timeline's full repaint of a two-hour film with every lane, at
// 1920x600: the budget is 4 ms per repaint (QBENCHMARK reports the figure).
#include "timelinefixture.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>
#include <QTest>
#include <algorithm>
#include <ctime>
#include <vector>

using namespace ms;

class TestTimelineBench : public QObject
{
    Q_OBJECT

    std::unique_ptr<ui::TimelineWidget> m_timeline;

private slots:
    void initTestCase()
    {
        m_timeline = std::make_unique<ui::TimelineWidget>();
        m_timeline->resize(1920, 600);
        test::fillTimeline(*m_timeline, 2 * 3600 * 1000, 5783, 1500, 48000);
        m_timeline->fitAll();
        m_timeline->setPosition(1800 * 1000);
    }

    void fullRepaintWholeFilm()
    {
        QImage image(1920, 600, QImage::Format_ARGB32_Premultiplied);
        QBENCHMARK {
            QPainter p(&image);
            m_timeline->paint(p, QRect(0, 0, 1920, 600));
        }
    }

    void fullRepaintZoomed()
    {
        m_timeline->scale().setMsPerPixel(50); // 96 s in view: text and marks are drawn
        m_timeline->scale().setStartMs(3600 * 1000);
        QImage image(1920, 600, QImage::Format_ARGB32_Premultiplied);
        QBENCHMARK {
            QPainter p(&image);
            m_timeline->paint(p, QRect(0, 0, 1920, 600));
        }
        m_timeline->fitAll();
    }

    // The budget itself, as a check that fails instead of a figure to read.
    void withinBudget()
    {
        QImage image(1920, 600, QImage::Format_ARGB32_Premultiplied);
        for (int warm = 0; warm < 3; ++warm) {
            QPainter p(&image);
            m_timeline->paint(p, QRect(0, 0, 1920, 600));
        }
        // These machines are shared (while this was written, other builds
        // and trainings kept the load at 5 on 2 cores): the budget is
        // checked on the thread's CPU time, the median of nine batches, so
        // time spent waiting for a core does not count; wall time is
        // reported beside it.
        auto cpuMs = [] {
            timespec ts{};
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
            return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
        };
        std::vector<double> cpu, wall;
        for (int b = 0; b < 9; ++b) {
            QElapsedTimer timer;
            timer.start();
            const double c0 = cpuMs();
            for (int i = 0; i < 10; ++i) {
                QPainter p(&image);
                m_timeline->paint(p, QRect(0, 0, 1920, 600));
            }
            cpu.push_back((cpuMs() - c0) / 10);
            wall.push_back(timer.nsecsElapsed() / 1e6 / 10);
        }
        std::nth_element(cpu.begin(), cpu.begin() + 4, cpu.end());
        std::nth_element(wall.begin(), wall.begin() + 4, wall.end());
        const double ms = cpu[4];
        qInfo("timeline full repaint 1920x600, 2 h, 5783 clips, all lanes: %.3f ms CPU, "
              "%.3f ms wall (medians of 9 x 10)",
              ms, wall[4]);
        QVERIFY2(ms <= 4.0, qPrintable(QStringLiteral("%1 ms per repaint").arg(ms)));
    }
};

QTEST_MAIN(TestTimelineBench)
#include "tst_timelinebench.moc"
