#include "ui/importdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QPushButton>
#include <QTest>

using namespace ms;

// The dialog shows what the format registry holds and knows no format itself.
class TestImportDialog : public QObject
{
    Q_OBJECT

    // The format list is the first combo box, the option lists follow.
    static QComboBox *formatBox(ui::ImportDialog &d)
    {
        return d.findChildren<QComboBox *>().value(0);
    }
    static QComboBox *notSureBox(ui::ImportDialog &d)
    {
        const auto boxes = d.findChildren<QComboBox *>();
        return boxes.size() > 1 ? boxes.at(1) : nullptr;
    }

private slots:
    void listsEveryRegisteredFormat()
    {
        ui::ImportDialog d(QStringLiteral("/tmp"));
        QComboBox *formats = formatBox(d);
        QVERIFY(formats);
        const auto registered = core::FormatRegistry::builtIn().formats();
        QCOMPARE(formats->count(), registered.size());
        for (int i = 0; i < registered.size(); ++i) {
            QCOMPARE(formats->itemText(i), registered[i]->label());
            QCOMPARE(formats->itemData(i).toString(), registered[i]->id());
        }
        QCOMPARE(d.findChildren<QComboBox *>().size(),
                 1 + core::FormatRegistry::builtIn().allOptions().size());
    }

    void optionsFollowTheFormat()
    {
        ui::ImportDialog d(QStringLiteral("/tmp"));
        QComboBox *formats = formatBox(d);
        QComboBox *notSure = notSureBox(d);
        QVERIFY(notSure);
        formats->setCurrentIndex(formats->findData(QStringLiteral("obygaze")));
        QCOMPARE(d.format(), QStringLiteral("obygaze"));
        QVERIFY(notSure->isEnabled());
        QCOMPARE(d.options().value(core::ObyGazeFormat::notSureOptionKey()), QStringLiteral("hn"));
        QCOMPARE(d.notSureRule(), core::NotSureRule::HardNegative);
        notSure->setCurrentIndex(notSure->findData(QStringLiteral("exclude")));
        QCOMPARE(d.options().value(core::ObyGazeFormat::notSureOptionKey()),
                 QStringLiteral("exclude"));
        QCOMPARE(d.notSureRule(), core::NotSureRule::Exclude);

        // Modalscope CSV has no "Not Sure": the choice is shown disabled and not given.
        formats->setCurrentIndex(formats->findData(QStringLiteral("modalscope")));
        QVERIFY(!notSure->isEnabled());
        QVERIFY(d.options().isEmpty());
    }

    void okNeedsAPath()
    {
        ui::ImportDialog d(QStringLiteral("/tmp"));
        QPushButton *ok = d.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        QVERIFY(!ok->isEnabled());
        d.findChild<QLineEdit *>()->setText(QStringLiteral("  /data/table.csv "));
        QVERIFY(ok->isEnabled());
        QCOMPARE(d.path(), QStringLiteral("/data/table.csv"));
    }
};

QTEST_MAIN(TestImportDialog)
#include "tst_importdialog.moc"
