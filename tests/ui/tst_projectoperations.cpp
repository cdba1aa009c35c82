// Import and export behind the File menu: words instead of dialogs, the
// project unchanged by a bad table, and the undo stack emptied by a good one.
#include "core/obygazereader.h"
#include "tests/testsupport.h"
#include "ui/annotationcontroller.h"
#include "ui/projectdocument.h"
#include "ui/projectoperations.h"
#include "ui/settings.h"

#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace ms;

class TestProjectOperations : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString table(const QString &name, const QByteArray &rows)
    {
        const QString path = m_dir.filePath(name);
        test::writeFile(path, "clip_id,movie,start_ms,end_ms,level,concepts\n" + rows);
        return path;
    }

private slots:
    void refusesWithoutProject()
    {
        ui::Settings settings(m_dir.filePath(QStringLiteral("none.ini")));
        ui::AnnotationController controller;
        ui::ProjectOperations operations(&controller, settings);
        QVERIFY(!operations.importAnnotations(table("a.csv", "c1,tt1,0,1000,S,\n"),
                                              QStringLiteral("modalscope"),
                                              core::NotSureRule::HardNegative));
        QVERIFY(operations.lastError().contains("Open or create a project"));
        QVERIFY(!operations.exportSplits(m_dir.filePath("out"), 2, 7));
        QVERIFY(operations.lastError().contains("Open a project"));
        QVERIFY(operations.lastReport().isEmpty());
    }

    void importsAndExports()
    {
        ui::Settings settings(m_dir.filePath(QStringLiteral("s.ini")));
        ui::ProjectDocument document(m_dir.filePath(QStringLiteral("p.msproj")),
                                     ui::ProjectDocument::OpenMode::Create);
        ui::AnnotationController controller;
        controller.setDocument(&document);
        ui::ProjectOperations operations(&controller, settings);
        QSignalSpy imported(&operations, &ui::ProjectOperations::imported);

        const QString bad = table("bad.csv", "c1,tt0000003,0,1000,S,Look\n"
                                             "c2,tt0000003,1000,2000,Maybe,\n");
        QVERIFY(!operations.importAnnotations(bad, QStringLiteral("modalscope"),
                                              core::NotSureRule::HardNegative));
        QVERIFY2(operations.lastError().contains("line 3"), qPrintable(operations.lastError()));
        QCOMPARE(document.clips().size(), 0);
        QCOMPARE(imported.count(), 0);

        controller.undoStack()->push(new QUndoCommand(QStringLiteral("before")));
        const QString good = table("good.csv", "c1,tt0000003,0,1000,S,Look|Voice\n"
                                               "c2,tt0000003,1000,2000,EN,\n"
                                               "c3,tt0000004,0,1000,HN,\n"
                                               "c4,tt0000004,1000,2000,S,Look\n");
        QVERIFY2(operations.importAnnotations(good, QStringLiteral("modalscope"),
                                              core::NotSureRule::HardNegative),
                 qPrintable(operations.lastError()));
        QVERIFY(operations.lastError().isEmpty());
        QVERIFY(operations.lastReport().contains("good.csv"));
        QCOMPARE(document.clips().size(), 4);
        QCOMPARE(imported.count(), 1);
        QCOMPARE(controller.undoStack()->count(), 0);
        QCOMPARE(settings.lastFolder(), QFileInfo(good).absolutePath());

        const QString out = m_dir.filePath(QStringLiteral("splits"));
        QVERIFY2(operations.exportSplits(out, 2, 7), qPrintable(operations.lastError()));
        QVERIFY(QFileInfo::exists(out + "/manifest.json"));
        QVERIFY(operations.lastReport().contains("CMAD"));
        controller.setDocument(nullptr);
    }
};

QTEST_MAIN(TestProjectOperations)
#include "tst_projectoperations.moc"
