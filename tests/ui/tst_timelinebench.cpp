// The timeline's full repaint of a two-hour film with every lane, at
// 1920x600: the budget is 4 ms per repaint (QBENCHMARK reports the figure).
#include "timelinefixture.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>
#include <QTest>
#include <algorithm>
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
        // The median of nine batches: these machines are shared, and one
        // batch that another process slowed down must not decide.
        std::vector<double> batches;
        for (int b = 0; b < 9; ++b) {
            QElapsedTimer timer;
            timer.start();
            for (int i = 0; i < 10; ++i) {
                QPainter p(&image);
                m_timeline->paint(p, QRect(0, 0, 1920, 600));
            }
            batches.push_back(timer.nsecsElapsed() / 1e6 / 10);
        }
        std::nth_element(batches.begin(), batches.begin() + 4, batches.end());
        const double ms = batches[4];
        qInfo("timeline full repaint 1920x600, 2 h, 5783 clips, all lanes: %.3f ms", ms);
        QVERIFY2(ms <= 4.0, qPrintable(QStringLiteral("%1 ms per repaint").arg(ms)));
    }
};

QTEST_MAIN(TestTimelineBench)
#include "tst_timelinebench.moc"
