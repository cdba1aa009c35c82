// The Run row: "none" first, one entry per stored set, disabled when there
// is none; a user's choice is announced, a choice made from code is not.
#include "ui/runchooser.h"

#include <QComboBox>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

using namespace ms;

namespace {

db::ExplanationSet set(qint64 id, qint64 run)
{
    db::ExplanationSet s;
    s.id = id;
    s.runId = run;
    s.baseline = QStringLiteral("mean");
    s.modalities = QStringLiteral("AV");
    s.fusion = QStringLiteral("early");
    s.trainSet = QStringLiteral("CMSD");
    return s;
}

} // namespace

class TestRunChooser : public QObject
{
    Q_OBJECT

private slots:
    void listsSets()
    {
        ui::RunChooser row;
        QComboBox *combo = row.comboBox();
        QCOMPARE(combo->count(), 1);
        QCOMPARE(combo->itemText(0), QStringLiteral("none stored"));
        QVERIFY(!combo->isEnabled());
        row.setSets({set(7, 3), set(4, 2)});
        QCOMPARE(row.setCount(), 2);
        QCOMPARE(combo->itemText(0), QStringLiteral("none"));
        QVERIFY(combo->itemText(1).startsWith(QStringLiteral("Run 3")));
        QVERIFY(combo->isEnabled());
        QVERIFY(row.contains(4));
        QVERIFY(!row.contains(5));
        QVERIFY(!row.contains(0));
        QCOMPARE(row.current(), qint64(0));
    }

    void choiceFromCodeIsSilent()
    {
        ui::RunChooser row;
        row.setSets({set(7, 3), set(4, 2)});
        QSignalSpy chosen(&row, &ui::RunChooser::chosen);
        row.setCurrent(4);
        QCOMPARE(row.current(), qint64(4));
        row.setCurrent(99); // unlisted: none
        QCOMPARE(row.current(), qint64(0));
        row.setSets({set(7, 3)});
        QCOMPARE(chosen.size(), 0);
        // The user's choice is announced with the set id.
        row.comboBox()->setCurrentIndex(1);
        emit row.comboBox()->activated(1);
        QCOMPARE(chosen.size(), 1);
        QCOMPARE(chosen.first().first().toLongLong(), qint64(7));
    }

    void refreshButton()
    {
        ui::RunChooser row;
        QSignalSpy refresh(&row, &ui::RunChooser::refreshRequested);
        QToolButton *button = row.findChild<QToolButton *>();
        QVERIFY(button);
        QCOMPARE(button->text(), QStringLiteral("Refresh"));
        QTest::mouseClick(button, Qt::LeftButton);
        QCOMPARE(refresh.size(), 1);
    }
};

QTEST_MAIN(TestRunChooser)
#include "tst_runchooser.moc"
