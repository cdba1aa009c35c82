#include "database/projectdatabase.h"
#include "database/sqlitedatabase.h"
#include "tests/testsupport.h"
#include "ui/importdialog.h"
#include "ui/mainwindow.h"

#include <QComboBox>
#include <QLabel>
#include <QTableWidget>
#include <QTemporaryDir>
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

    // An ELAN file whose tiers follow no naming convention: the user maps
    // them (segments to clips, a rating tier to levels with its own words
    // given a meaning, a tier of concept names to concepts), watching the
    // preview, and the window imports with that mapping.
    void elanTiersAreMappedWithAPreview()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath("ana.eaf");
        test::writeFile(
            file,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<ANNOTATION_DOCUMENT AUTHOR=\"\" DATE=\"2014-05-12T10:20:30+01:00\" FORMAT=\"3.0\" "
            "VERSION=\"3.0\">\n"
            "<HEADER MEDIA_FILE=\"\" TIME_UNITS=\"milliseconds\">\n"
            "<MEDIA_DESCRIPTOR MEDIA_URL=\"file:///films/tt0108160.mp4\" MIME_TYPE=\"video/mp4\"/>\n"
            "</HEADER>\n<TIME_ORDER>\n<TIME_SLOT TIME_SLOT_ID=\"ts1\" TIME_VALUE=\"0\"/>\n"
            "<TIME_SLOT TIME_SLOT_ID=\"ts2\" TIME_VALUE=\"1500\"/>\n"
            "<TIME_SLOT TIME_SLOT_ID=\"ts3\" TIME_VALUE=\"4000\"/>\n</TIME_ORDER>\n"
            "<TIER LINGUISTIC_TYPE_REF=\"lt\" TIER_ID=\"Speaker\">\n"
            "<ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID=\"a1\" TIME_SLOT_REF1=\"ts1\" "
            "TIME_SLOT_REF2=\"ts2\"><ANNOTATION_VALUE>s-1</ANNOTATION_VALUE>"
            "</ALIGNABLE_ANNOTATION></ANNOTATION>\n"
            "<ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID=\"a2\" TIME_SLOT_REF1=\"ts2\" "
            "TIME_SLOT_REF2=\"ts3\"><ANNOTATION_VALUE>s-2</ANNOTATION_VALUE>"
            "</ALIGNABLE_ANNOTATION></ANNOTATION>\n</TIER>\n"
            "<TIER LINGUISTIC_TYPE_REF=\"ref\" PARENT_REF=\"Speaker\" TIER_ID=\"Rating\">\n"
            "<ANNOTATION><REF_ANNOTATION ANNOTATION_ID=\"a3\" ANNOTATION_REF=\"a1\">"
            "<ANNOTATION_VALUE>yes</ANNOTATION_VALUE></REF_ANNOTATION></ANNOTATION>\n"
            "<ANNOTATION><REF_ANNOTATION ANNOTATION_ID=\"a4\" ANNOTATION_REF=\"a2\">"
            "<ANNOTATION_VALUE>no</ANNOTATION_VALUE></REF_ANNOTATION></ANNOTATION>\n</TIER>\n"
            "<TIER LINGUISTIC_TYPE_REF=\"ref\" PARENT_REF=\"Speaker\" TIER_ID=\"Seen\">\n"
            "<ANNOTATION><REF_ANNOTATION ANNOTATION_ID=\"a5\" ANNOTATION_REF=\"a1\">"
            "<ANNOTATION_VALUE>Body; Look</ANNOTATION_VALUE></REF_ANNOTATION></ANNOTATION>\n"
            "</TIER>\n"
            "<LINGUISTIC_TYPE LINGUISTIC_TYPE_ID=\"lt\" TIME_ALIGNABLE=\"true\"/>\n"
            "<LINGUISTIC_TYPE CONSTRAINTS=\"Symbolic_Association\" LINGUISTIC_TYPE_ID=\"ref\" "
            "TIME_ALIGNABLE=\"false\"/>\n"
            "<CONSTRAINT DESCRIPTION=\"\" STEREOTYPE=\"Symbolic_Association\"/>\n"
            "</ANNOTATION_DOCUMENT>\n");

        ui::ImportDialog d(dir.path());
        QComboBox *formats = formatBox(d);
        formats->setCurrentIndex(formats->findData(QStringLiteral("eaf")));
        d.findChild<QLineEdit *>()->setText(file);
        QCOMPARE(d.parts(), (QStringList{"Speaker", "Rating", "Seen"}));
        auto *tiers = d.findChild<QTableWidget *>("parts");
        QVERIFY(tiers && tiers->isVisibleTo(&d));
        QCOMPARE(tiers->rowCount(), 3);
        QCOMPARE(tiers->item(1, 1)->text(), QStringLiteral("Speaker")); // depends on
        QCOMPARE(tiers->item(1, 3)->text(), QStringLiteral("yes, no")); // its values
        for (const QString &t : d.parts())
            QCOMPARE(d.partRole(t), QStringLiteral("ignore")); // no convention name
        QVERIFY2(d.previewError().contains("no tier is named clips, level or concepts"),
                 qPrintable(d.previewError()));
        QVERIFY(d.findChild<QLabel *>("previewStatus")->text().contains("Would not import"));

        // The role lists are the table's own combo boxes.
        auto *speakerRole = d.findChild<QComboBox *>("role-Speaker");
        QVERIFY(speakerRole);
        speakerRole->setCurrentIndex(speakerRole->findData("clips"));
        QCOMPARE(d.previewError(), QString());
        QCOMPARE(d.previewRecords(), 2);
        auto *preview = d.findChild<QTableWidget *>("preview");
        QCOMPARE(preview->rowCount(), 2);
        QCOMPARE(preview->item(0, 0)->text(), QStringLiteral("s-1"));
        QCOMPARE(preview->item(0, 1)->text(), QStringLiteral("tt0108160"));
        QCOMPARE(preview->item(1, 4)->text(), QString()); // no level yet

        QVERIFY(d.levelWords().isEmpty());
        QVERIFY(d.setPartRole("Rating", "level"));
        QCOMPARE(d.levelWords(), (QStringList{"yes", "no"}));
        QVERIFY2(d.previewError().contains("'yes' on tier 'Rating' is no level"),
                 qPrintable(d.previewError()));
        auto *yes = d.findChild<QComboBox *>("means-yes");
        QVERIFY(yes);
        yes->setCurrentIndex(yes->findData("S"));
        QVERIFY(d.setLevelWord("no", "EN"));
        QCOMPARE(d.previewRecords(), 2);
        QCOMPARE(preview->item(0, 4)->text(), QStringLiteral("S"));
        QCOMPARE(preview->item(1, 4)->text(), QStringLiteral("EN"));
        QVERIFY(d.setPartRole("Seen", "concepts"));
        QVERIFY2(preview->item(0, 5)->text().contains("Body") &&
                     preview->item(0, 5)->text().contains("Look"),
                 qPrintable(preview->item(0, 5)->text()));
        d.findChild<QLineEdit *>("movie")->setText("tt42");
        QCOMPARE(preview->item(0, 1)->text(), QStringLiteral("tt42"));
        QVERIFY(d.findChild<QLabel *>("previewStatus")->text().contains("2 clip(s) of 1 film(s)"));

        const core::FormatOptionValues options = d.options();
        QCOMPARE(options.value("tier"),
                 QStringLiteral("Speaker=clips\nRating=level\nSeen=concepts"));
        QCOMPARE(options.value("level-value"), QStringLiteral("yes=S\nno=EN"));
        QCOMPARE(options.value("movie"), QStringLiteral("tt42"));

        // Another format hides the tiers and gives none of their parameters.
        formats->setCurrentIndex(formats->findData(QStringLiteral("modalscope")));
        QVERIFY(!tiers->isVisibleTo(&d));
        QVERIFY(!d.options().contains("tier"));
        formats->setCurrentIndex(formats->findData(QStringLiteral("eaf")));
        QCOMPARE(d.partRole("Rating"), QStringLiteral("level")); // the choices stayed

        // The window imports what the preview showed.
        ui::MainWindow window(ui::Settings(dir.filePath("s.ini")));
        const QString project = dir.filePath("p.msproj");
        QVERIFY2(window.newProject(project), qPrintable(window.lastError()));
        QVERIFY2(window.importAnnotations(d.path(), d.format(), d.options()),
                 qPrintable(window.lastError()));
        db::ProjectDatabase p(project, db::ProjectDatabase::Mode::OpenExisting);
        QCOMPARE(p.sql().scalar("SELECT count(*) FROM clips c JOIN films f ON f.id = c.film_id "
                                "WHERE f.movie_id = 'tt42'"),
                 2);
        QCOMPARE(p.sql().scalar("SELECT count(*) FROM annotations WHERE level = 'S'"), 1);
        QCOMPARE(p.sql().scalar("SELECT count(*) FROM annotations WHERE level = 'EN'"), 1);
        QCOMPARE(p.sql().scalar("SELECT count(*) FROM annotation_concepts"), 2);
    }
};

QTEST_MAIN(TestImportDialog)
#include "tst_importdialog.moc"
