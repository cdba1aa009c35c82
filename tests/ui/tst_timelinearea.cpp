// The bottom of the window: the Run chooser above the timeline, and a
// legend that never widens the window.
#include "ui/runchooser.h"
#include "ui/timeline/timelinewidget.h"
#include "ui/timelinearea.h"

#include <QComboBox>
#include <QLabel>
#include <QTest>
#include <QVBoxLayout>

using namespace ms;

class TestTimelineArea : public QObject
{
    Q_OBJECT

private slots:
    void stacksChooserTimelineLegend()
    {
        auto *timeline = new ui::TimelineWidget;
        ui::TimelineArea area(timeline);
        QCOMPARE(timeline->parentWidget(), &area);
        QVERIFY(area.runChooser());
        QCOMPARE(area.runChooser()->parentWidget(), &area);

        auto *layout = qobject_cast<QVBoxLayout *>(area.layout());
        QVERIFY(layout);
        QCOMPARE(layout->count(), 3);
        QCOMPARE(layout->itemAt(0)->widget(), area.runChooser());
        QCOMPARE(layout->itemAt(1)->widget(), timeline);
        QCOMPARE(layout->itemAt(2)->widget(), area.legend());
        QCOMPARE(layout->stretch(1), 1);
    }

    void legendIsOneCutLineWithTooltip()
    {
        ui::TimelineArea area(new ui::TimelineWidget);
        QLabel *legend = area.legend();
        QCOMPARE(legend->text(), ui::TimelineWidget::legendHtml());
        QCOMPARE(legend->textFormat(), Qt::RichText);
        QCOMPARE(legend->sizePolicy().horizontalPolicy(), QSizePolicy::Ignored);
        QVERIFY(legend->toolTip().contains("Errors lane"));
    }
};

QTEST_MAIN(TestTimelineArea)
#include "tst_timelinearea.moc"
