// The GUI end to end, offscreen: keys and clicks go in through QTest, and
// every check reads the project file back through a separate connection, so
// a test passes only when the change really reached the database.
#include "core/error.h"
#include "core/obygazereader.h"
#include "database/annotationrepository.h"
#include "database/explanationrepository.h"
#include "database/featurestore.h"
#include "database/filmrepository.h"
#include "database/runrepository.h"
#include "database/importservice.h"
#include "database/projectdatabase.h"
#include "database/projectmeta.h"
#include "database/sqlitedatabase.h"
#include "database/taxonomyrepository.h"
#include "tests/testsupport.h"
#include "tests/ui/explanationfixture.h"
#include "ui/agreementview.h"
#include "ui/annotationcontroller.h"
#include "ui/annotationpanel.h"
#include "ui/barrowswidget.h"
#include "ui/explanationpanel.h"
#include "ui/timeline/timelinewidget.h"
#include "ui/tokenheatmapwidget.h"
#include "ui/clipbrowser.h"
#include "ui/cliptablemodel.h"
#include "ui/mainactions.h"
#include "ui/mainwindow.h"
#include "ui/projectdocument.h"
#include "ui/runsview.h"
#include "ui/statisticsview.h"
#include "ui/trainingpanel.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QComboBox>
#include <QDockWidget>
#include <QPushButton>
#include <QElapsedTimer>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPainter>
#include <QProcess>
#include <QPointer>
#include <QProgressBar>
#include <QSet>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QStyle>
#include <QStyleOptionButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace ms;
using core::Level;

class TestMainWindow : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<ui::MainWindow> m_window;

    static core::ImportRecord record(const QString &clip, const QString &movie, qint64 start,
                                     std::optional<Level> level, QStringList concepts = {})
    {
        core::ImportRecord r = test::timedRecord(clip, movie, start, 4000, level);
        r.concepts = std::move(concepts);
        return r;
    }

    // Two films: a1 S with Body, a2 unannotated, a3 EN with Look; b1 unannotated,
    // b2 HN with the retired Clothes and Gaze, a concept the taxonomy lacks.
    QString makeProject(const QString &name)
    {
        const QString path = m_dir.filePath(name);
        db::ProjectDatabase project(path, db::ProjectDatabase::Mode::OpenOrCreate);
        db::ImportService(project).apply(
            {record("a1", "tt0000001", 0, Level::Sure, {"Body"}),
             record("a2", "tt0000001", 5000, std::nullopt),
             record("a3", "tt0000001", 10000, Level::EasyNegative, {"Look"}),
             record("b1", "tt0000002", 0, std::nullopt),
             record("b2", "tt0000002", 5000, Level::HardNegative, {"Clothes", "Gaze"})},
            "setup", "test");
        // Retired after use: kept on b2, offered nowhere else.
        db::TaxonomyRepository(project.sql()).setRetired("Clothes", true);
        return path;
    }

    // Read through a connection of its own, as another program would.
    std::optional<core::Annotation> stored(const QString &clip)
    {
        db::ProjectDatabase project(m_path, db::ProjectDatabase::Mode::OpenExisting);
        db::AnnotationRepository repo(project.sql());
        const auto c = repo.clipByName(clip);
        if (!c)
            qFatal("no clip %s", qPrintable(clip));
        return repo.effectiveAnnotation(c->id);
    }

    std::optional<Level> storedLevel(const QString &clip)
    {
        const auto a = stored(clip);
        return a ? std::optional(a->level) : std::nullopt;
    }

    QTableView *view() { return m_window->clipBrowser()->view(); }

    // Clicks the clip's row in the table, as a user would.
    bool select(const QString &clip)
    {
        QAbstractItemModel *model = view()->model();
        for (int row = 0; row < model->rowCount(); ++row) {
            const QModelIndex idx = model->index(row, ui::ClipTableModel::ClipColumn);
            if (idx.data().toString() == clip) {
                view()->scrollTo(idx);
                QTest::mouseClick(view()->viewport(), Qt::LeftButton, {},
                                  view()->visualRect(idx).center());
                return currentClip() == clip;
            }
        }
        return false;
    }

    QString currentClip()
    {
        const qint64 id = m_window->clipBrowser()->currentClipId();
        const core::Clip *c = m_window->document() ? m_window->document()->clip(id) : nullptr;
        return c ? c->name : QString();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QStandardPaths::setTestModeEnabled(true);
    }

    void init()
    {
        static int n = 0;
        m_path = makeProject(QStringLiteral("p%1.msproj").arg(++n));
        m_window = std::make_unique<ui::MainWindow>(
            ui::Settings(m_dir.filePath(QStringLiteral("settings%1.ini").arg(n))));
        m_window->setAnnotator(QStringLiteral("alice"));
        m_window->show();
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        QVERIFY2(m_window->openProject(m_path), qPrintable(m_window->lastError()));
    }

    void cleanup() { m_window.reset(); }

    // A project linked to a team is annotated under its member's name (the
    // server takes only the member's own annotations). The server named
    // here is not there: the background sync just says offline.
    void teamProjectAnnotatesUnderTheMembersName()
    {
        const QString linked = makeProject(QStringLiteral("team.msproj"));
        {
            db::ProjectDatabase project(linked, db::ProjectDatabase::Mode::OpenExisting);
            db::ProjectMeta meta(project.sql());
            meta.set(QStringLiteral("team.server"),
                     QStringLiteral("postgresql://zoe@127.0.0.1:1/team?connect_timeout=2"));
            meta.set(QStringLiteral("team.member"), QStringLiteral("zoe"));
        }
        QCOMPARE(m_window->annotator(), QStringLiteral("alice"));
        QVERIFY2(m_window->openProject(linked), qPrintable(m_window->lastError()));
        QCOMPARE(m_window->annotator(), QStringLiteral("zoe"));
        // A project of no team leaves the name as it is.
        QVERIFY2(m_window->openProject(m_path), qPrintable(m_window->lastError()));
        QCOMPARE(m_window->annotator(), QStringLiteral("zoe"));
    }

    void opensProjectWithTitleAndCounts()
    {
        QVERIFY(m_window->windowTitle().contains(QFileInfo(m_path).fileName()));
        QCOMPARE(view()->model()->rowCount(), 5);
        QCOMPARE(m_window->clipBrowser()->filmFilter()->count(), 3); // All films + 2
        QCOMPARE(m_window->clipBrowser()->filmFilter()->itemText(0), QStringLiteral("All films"));
        const QString status = m_window->statusBar()->findChild<QLabel *>()->text();
        QVERIFY2(status.contains(QStringLiteral("5 clips")), qPrintable(status));
        QVERIFY2(status.contains(QStringLiteral("3 annotated")), qPrintable(status));
        QVERIFY2(status.contains(QStringLiteral("alice")), qPrintable(status));
    }

    void menusOfferEveryOperation()
    {
        QHash<QString, QAction *> byText;
        for (QAction *menu : m_window->menuBar()->actions())
            for (QAction *a : menu->menu()->actions())
                byText.insert(a->text().remove('&').remove(QChar(0x2026)), a);
        for (const char *name : {"New Project", "Open Project", "Open Recent", "Import Annotations",
                                 "Export Splits", "Quit", "Next Unannotated Clip", "Easy Negative",
                                 "Hard Negative", "Sure", "Clear My Annotation"})
            QVERIFY2(byText.contains(name), name);
        QCOMPARE(byText["New Project"]->shortcut(), QKeySequence(QKeySequence::New));
        QCOMPARE(byText["Open Project"]->shortcut(), QKeySequence(QKeySequence::Open));
        QCOMPARE(byText["Next Unannotated Clip"]->shortcut(), QKeySequence(Qt::Key_N));
        QCOMPARE(byText["Sure"]->shortcut(), QKeySequence(Qt::Key_3));
        QAction *redo = nullptr;
        for (QAction *a : byText)
            if (a->shortcuts().contains(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z)))
                redo = a;
        QVERIFY(redo);
        for (const QKeySequence &k : QKeySequence::keyBindings(QKeySequence::Redo))
            QVERIFY(redo->shortcuts().contains(k));
        // The recent list already holds the open project.
        QVERIFY(
            m_window->settings().recentProjects().value(0).endsWith(QFileInfo(m_path).fileName()));
    }

    void keyThreeSetsSureAndUndoRedo()
    {
        QVERIFY(select("a2"));
        QCOMPARE(storedLevel("a2"), std::nullopt);
        QTest::keyClick(m_window.get(), Qt::Key_3);
        QCOMPARE(storedLevel("a2"), std::optional(Level::Sure));
        QCOMPARE(stored("a2")->annotator, QStringLiteral("alice"));
        // The table shows what the file holds.
        const QModelIndex level =
            view()->model()->index(view()->currentIndex().row(), ui::ClipTableModel::LevelColumn);
        QCOMPARE(level.data().toString(), QStringLiteral("S"));

        QTest::keyClick(m_window.get(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(storedLevel("a2"), std::nullopt);
        QCOMPARE(level.data().toString(), QStringLiteral("\u2013"));

        QTest::keyClick(m_window.get(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(storedLevel("a2"), std::optional(Level::Sure));
        QCOMPARE(level.data().toString(), QStringLiteral("S"));
    }

    void levelKeysWorkWithTableFocusAndKeepImportedConcepts()
    {
        QVERIFY(select("a3"));
        view()->setFocus();
        QTRY_VERIFY(view()->hasFocus());
        QTest::keyClick(view(), Qt::Key_2);
        auto a = stored("a3");
        QVERIFY(a);
        QCOMPARE(a->level, Level::HardNegative);
        QCOMPARE(a->annotator, QStringLiteral("alice"));
        // The edit starts from what was shown: the imported concept stays.
        QCOMPARE(a->concepts, QStringList{"Look"});
        QVERIFY(m_window->annotationPanel()->levelButton(Level::HardNegative)->isChecked());
        QVERIFY(!m_window->annotationPanel()->levelButton(Level::EasyNegative)->isChecked());

        QTest::keyClick(view(), Qt::Key_1);
        QCOMPARE(storedLevel("a3"), std::optional(Level::EasyNegative));
        QTest::keyClick(view(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(storedLevel("a3"), std::optional(Level::HardNegative));
        // Undoing alice's first edit gives the import's annotation back.
        QTest::keyClick(view(), Qt::Key_Z, Qt::ControlModifier);
        a = stored("a3");
        QCOMPARE(a->level, Level::EasyNegative);
        QCOMPARE(a->annotator, QStringLiteral("setup"));
        QVERIFY(!m_window->controller()->undoStack()->canUndo());
    }

    void levelButtonClick()
    {
        QVERIFY(select("b1"));
        QTest::mouseClick(m_window->annotationPanel()->levelButton(Level::HardNegative),
                          Qt::LeftButton);
        QCOMPARE(storedLevel("b1"), std::optional(Level::HardNegative));
    }

    void conceptCheckboxRoundTrip()
    {
        QVERIFY(select("a1"));
        QCheckBox *look = m_window->annotationPanel()->conceptBox("Look");
        QVERIFY(look);
        QVERIFY(look->isEnabled());
        QVERIFY(!look->isChecked());
        QVERIFY(m_window->annotationPanel()->conceptBox("Body")->isChecked());

        look->click();
        auto a = stored("a1");
        QVERIFY(a);
        QVERIFY2(a->concepts.contains("Look"), qPrintable(a->concepts.join(',')));
        QVERIFY(a->concepts.contains("Body"));
        QCOMPARE(a->level, Level::Sure);
        QVERIFY(look->isChecked());

        // Untick with the mouse on the indicator.
        QStyleOptionButton option;
        option.initFrom(look);
        const QRect indicator =
            look->style()->subElementRect(QStyle::SE_CheckBoxIndicator, &option, look);
        QTest::mouseClick(look, Qt::LeftButton, {}, indicator.center());
        a = stored("a1");
        QVERIFY(!a->concepts.contains("Look"));
        QVERIFY(a->concepts.contains("Body"));
        QVERIFY(!look->isChecked());

        // Each tick is its own undo step.
        QTest::keyClick(m_window.get(), Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(stored("a1")->concepts.contains("Look"));
        QVERIFY(look->isChecked());
    }

    void conceptsGroupedByModality()
    {
        ui::AnnotationPanel *panel = m_window->annotationPanel();
        const auto groupOf = [panel](const QString &name) {
            QWidget *box = panel->conceptBox(name);
            return box ? box->parentWidget()->objectName() : QString();
        };
        QCOMPARE(groupOf("Look"), QStringLiteral("group:visual"));
        QCOMPARE(groupOf("Voice"), QStringLiteral("group:audio"));
        QCOMPARE(groupOf("Speech"), QStringLiteral("group:textual"));
    }

    void retiredAndUnassignedConcepts()
    {
        ui::AnnotationPanel *panel = m_window->annotationPanel();
        QCheckBox *gaze = panel->conceptBox("Gaze");
        QVERIFY(gaze);
        QCOMPARE(gaze->parentWidget()->objectName(), QStringLiteral("group:none"));
        QCheckBox *clothes = panel->conceptBox("Clothes");
        QVERIFY(clothes);
        QVERIFY(select("a1"));
        QVERIFY(clothes->isHidden());
        QVERIFY(select("b2"));
        QVERIFY(!clothes->isHidden());
        QVERIFY(clothes->isChecked());
        QVERIFY(gaze->isChecked());
        clothes->click();
        QCOMPARE(stored("b2")->concepts, QStringList{"Gaze"});
        QVERIFY(clothes->isHidden());
        QTest::keyClick(m_window.get(), Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(stored("b2")->concepts.contains("Clothes"));
        QVERIFY(!clothes->isHidden());
    }

    void conceptsDisabledUntilLevelSet()
    {
        QVERIFY(select("b1"));
        QCheckBox *voice = m_window->annotationPanel()->conceptBox("Voice");
        QVERIFY(!voice->isEnabled());
        QVERIFY(!m_window->annotationPanel()->noteEdit()->isEnabled());
        // The controller refuses too, whatever the widget state.
        QVERIFY(!m_window->controller()->setConcept(m_window->clipBrowser()->currentClipId(),
                                                    "Voice", true));
        QCOMPARE(storedLevel("b1"), std::nullopt);
        QTest::keyClick(m_window.get(), Qt::Key_1);
        QVERIFY(voice->isEnabled());
        voice->click();
        QCOMPARE(stored("b1")->concepts, QStringList{"Voice"});
    }

    void noteCommittedOnEditingFinished()
    {
        QVERIFY(select("a1"));
        QLineEdit *note = m_window->annotationPanel()->noteEdit();
        note->setFocus();
        QTest::keyClicks(note, "close-up 12s");
        // Typed digits go to the note, not to the level shortcuts.
        QCOMPARE(storedLevel("a1"), std::optional(Level::Sure));
        QCOMPARE(stored("a1")->note, QString());
        QTest::keyClick(note, Qt::Key_Return);
        QCOMPARE(stored("a1")->note, QStringLiteral("close-up 12s"));
        QCOMPARE(stored("a1")->level, Level::Sure);
    }

    void switchingProjectKeepsTypedNoteAndShowsNewClips()
    {
        QVERIFY(select("a3"));
        QLineEdit *note = m_window->annotationPanel()->noteEdit();
        note->setFocus();
        QTest::keyClicks(note, "typed, not confirmed");
        const QString other = makeProject("other.msproj");
        QVERIFY(m_window->openProject(other));
        QCOMPARE(stored("a3")->note, QStringLiteral("typed, not confirmed"));
        QCOMPARE(m_window->document()->path(), QFileInfo(other).absoluteFilePath());
        QCOMPARE(currentClip(), QStringLiteral("a1"));
        QCOMPARE(m_window->annotationPanel()->clipId(), m_window->clipBrowser()->currentClipId());
        QVERIFY(note->text().isEmpty());
        QVERIFY(!m_window->controller()->undoStack()->canUndo());
    }

    void clearRemovesOwnAnnotation()
    {
        QVERIFY(select("b1"));
        QTest::keyClick(m_window.get(), Qt::Key_3);
        QCOMPARE(storedLevel("b1"), std::optional(Level::Sure));
        QTest::mouseClick(m_window->annotationPanel()->clearButton(), Qt::LeftButton);
        QCOMPARE(storedLevel("b1"), std::nullopt);
        QTest::keyClick(m_window.get(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(storedLevel("b1"), std::optional(Level::Sure));
    }

    void nextUnannotated()
    {
        QVERIFY(select("a1"));
        QTest::keyClick(m_window.get(), Qt::Key_N);
        QCOMPARE(currentClip(), QStringLiteral("a2"));
        QTest::keyClick(m_window.get(), Qt::Key_N);
        QCOMPARE(currentClip(), QStringLiteral("b1"));
        QTest::keyClick(m_window.get(), Qt::Key_2);
        QTest::keyClick(m_window.get(), Qt::Key_N);
        QCOMPARE(currentClip(), QStringLiteral("a2")); // wraps around
        QTest::keyClick(m_window.get(), Qt::Key_1);
        // Every clip annotated: the selection stays.
        QTest::keyClick(m_window.get(), Qt::Key_N);
        QCOMPARE(currentClip(), QStringLiteral("a2"));
    }

    void filmFilter()
    {
        ui::ClipBrowser *browser = m_window->clipBrowser();
        browser->setFilmFilter("tt0000002");
        QCOMPARE(view()->model()->rowCount(), 2);
        QVERIFY(currentClip().startsWith('b'));
        QVERIFY(!select("a1"));
        QTest::keyClick(m_window.get(), Qt::Key_N);
        QCOMPARE(currentClip(), QStringLiteral("b1"));
        // Undo of an edit on a hidden clip brings it back into sight.
        browser->setFilmFilter(QString());
        QVERIFY(select("a2"));
        QTest::keyClick(m_window.get(), Qt::Key_3);
        browser->setFilmFilter("tt0000002");
        QTest::keyClick(m_window.get(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(storedLevel("a2"), std::nullopt);
        QCOMPARE(currentClip(), QStringLiteral("a2"));
    }

    void badFilesGiveErrorsAndKeepTheProject()
    {
        const QString text = m_dir.filePath("notes.txt");
        test::writeFile(text, "this is not a project\n");
        QVERIFY(!m_window->openProject(text));
        QVERIFY2(m_window->lastError().contains(text), qPrintable(m_window->lastError()));
        QCOMPARE(test::readFile(text), QByteArray("this is not a project\n"));

        const QString empty = m_dir.filePath("empty.msproj");
        test::writeFile(empty, {});
        QVERIFY(!m_window->openProject(empty));
        QVERIFY(m_window->lastError().contains(empty));
        QCOMPARE(QFileInfo(empty).size(), 0);

        QVERIFY(!m_window->openProject(m_dir.filePath("missing.msproj")));
        QVERIFY(!m_window->openProject(m_dir.path()));

        const QString newer = m_dir.filePath("newer.msproj");
        {
            db::SqliteDatabase db(newer, db::SqliteDatabase::Mode::OpenOrCreate);
            db.exec("CREATE TABLE future(x); PRAGMA user_version = 999");
        }
        const QByteArray before = test::readFile(newer);
        QVERIFY(!m_window->openProject(newer));
        QVERIFY2(m_window->lastError().contains("newer"), qPrintable(m_window->lastError()));
        QCOMPARE(test::readFile(newer), before);

        // The open project is still the one in use, and still editable.
        QCOMPARE(m_window->document()->path(), QFileInfo(m_path).absoluteFilePath());
        QVERIFY(m_window->windowTitle().contains(QFileInfo(m_path).fileName()));
        QVERIFY(select("a2"));
        QTest::keyClick(m_window.get(), Qt::Key_3);
        QCOMPARE(storedLevel("a2"), std::optional(Level::Sure));
    }

    void newProjectRefusesExistingFile()
    {
        QVERIFY(!m_window->newProject(m_path));
        QVERIFY(m_window->lastError().contains("already exists"));
        const QString fresh = m_dir.filePath("fresh.msproj");
        QVERIFY(m_window->newProject(fresh));
        QCOMPARE(view()->model()->rowCount(), 0);
        QVERIFY(m_window->windowTitle().contains("fresh.msproj"));
        QVERIFY(m_window->settings().recentProjects().value(0).endsWith("fresh.msproj"));
    }

    void importReportsLineAndChangesNothing()
    {
        const QString bad = m_dir.filePath("bad.csv");
        test::writeFile(bad, "clip_id,movie,start_ms,end_ms,level,concepts\n"
                             "c1,tt0000003,0,1000,S,Look\n"
                             "c2,tt0000003,1000,2000,Maybe,\n");
        QVERIFY(!m_window->importAnnotations(bad, "modalscope", core::NotSureRule::HardNegative));
        QVERIFY2(m_window->lastError().contains("bad.csv"), qPrintable(m_window->lastError()));
        QVERIFY2(m_window->lastError().contains("line 3"), qPrintable(m_window->lastError()));
        QCOMPARE(view()->model()->rowCount(), 5);

        const QString good = m_dir.filePath("good.csv");
        test::writeFile(good, "clip_id,movie,start_ms,end_ms,level,concepts\n"
                              "c1,tt0000003,0,1000,S,Look|Voice\n"
                              "c2,tt0000003,1000,2000,,\n");
        QVERIFY2(m_window->importAnnotations(good, "modalscope", core::NotSureRule::HardNegative),
                 qPrintable(m_window->lastError()));
        QVERIFY(!m_window->lastReport().isEmpty());
        QCOMPARE(view()->model()->rowCount(), 7);
        QCOMPARE(m_window->clipBrowser()->filmFilter()->count(), 4);
        QCOMPARE(storedLevel("c1"), std::optional(Level::Sure));
    }

    void exportSplits()
    {
        const QString out = m_dir.filePath("splits");
        QVERIFY2(m_window->exportSplits(out, 2, 7), qPrintable(m_window->lastError()));
        QVERIFY(QFileInfo::exists(out + "/manifest.json"));
        QVERIFY(m_window->lastReport().contains("CMAD"));
    }

    void realObyGazeProject()
    {
        const QString table = test::obygazeTable();
        if (table.isEmpty())
            QSKIP("MODALSCOPE_SHARED is not set: skipping the ObyGaze12 table");
        const QString path = m_dir.filePath("obygaze12.msproj");
        {
            db::ProjectDatabase project(path, db::ProjectDatabase::Mode::OpenOrCreate);
            db::ImportService(project).apply(
                core::ObyGazeReader::read(table, core::NotSureRule::HardNegative), "obygaze",
                "test");
        }
        QElapsedTimer timer;
        timer.start();
        QVERIFY(m_window->openProject(path));
        const qint64 openMs = timer.elapsed();
        QCOMPARE(view()->model()->rowCount(), 1914);
        QCOMPARE(m_window->clipBrowser()->filmFilter()->count(), 13);
        m_path = path;
        const QString clip = currentClip();
        QVERIFY(!clip.isEmpty());
        const auto before = stored(clip);
        QVERIFY(before);
        const Level other = before->level == Level::Sure ? Level::EasyNegative : Level::Sure;
        timer.restart();
        QTest::keyClick(m_window.get(), other == Level::Sure ? Qt::Key_3 : Qt::Key_1);
        const qint64 editMs = timer.elapsed();
        QCOMPARE(storedLevel(clip), std::optional(other));
        QTest::keyClick(m_window.get(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(stored(clip)->level, before->level);
        QCOMPARE(stored(clip)->concepts, before->concepts);
        qInfo("open %lld ms, one edit %lld ms", openMs, editMs);
        // Generous bounds: a shared CI machine, but an edit must feel instant.
        QVERIFY2(openMs < 5000, qPrintable(QString::number(openMs)));
        QVERIFY2(editMs < 500, qPrintable(QString::number(editMs)));
    }

    void trainingPanelDockedAndDeviceShown()
    {
        QDockWidget *dock = m_window->trainingDock();
        QVERIFY(dock);
        QCOMPARE(dock->widget(), m_window->trainingPanel());
        QCOMPARE(m_window->dockWidgetArea(dock), Qt::RightDockWidgetArea);
        QVERIFY(m_window->tabifiedDockWidgets(m_window->annotationDock()).contains(dock));
        // The panel trains on the open project and follows the next one.
        QCOMPARE(m_window->trainingPanel()->projectPath(), m_path);
        const QString other = makeProject(QStringLiteral("other.msproj"));
        QVERIFY(m_window->openProject(other));
        QCOMPARE(m_window->trainingPanel()->projectPath(), other);
        // The View menu can bring the dock back.
        bool listed = false;
        for (QAction *menu : m_window->menuBar()->actions())
            for (QAction *a : menu->menu()->actions())
                listed = listed || a == dock->toggleViewAction();
        QVERIFY(listed);
        auto *device = m_window->statusBar()->findChild<QLabel *>(QStringLiteral("deviceStatus"));
        QVERIFY(device);
        QVERIFY(device->isVisible());
        QVERIFY2(device->text().startsWith(QStringLiteral("Device: CPU, "))
                     || device->text() == QStringLiteral("Device: CUDA"),
                 qPrintable(device->text()));
        QVERIFY(!device->toolTip().isEmpty());
    }

    void statisticsAndRunsWindows()
    {
        m_window->showStatistics();
        ui::StatisticsView *stats = m_window->statisticsView();
        QVERIFY(stats && stats->isVisible());
        QCOMPARE(stats->stats().total.clips, 5);
        QVERIFY(stats->exportButton()->isEnabled());
        m_window->showRuns();
        ui::RunsView *runs = m_window->runsView();
        QVERIFY(runs && runs->isVisible());
        QCOMPARE(runs->projectPath(), m_path);
        QVERIFY(runs->runs().isEmpty());
        QVERIFY(runs->lastError().contains(QStringLiteral("No runs yet")));
        // One annotator: the agreement window says what to do instead.
        emit m_window->actions()->agreementRequested();
        ui::AgreementView *agreement = m_window->agreementView();
        QVERIFY(agreement && agreement->isVisible());
        QVERIFY2(agreement->message().contains(QStringLiteral("at least two annotators")),
                 qPrintable(agreement->message()));
        m_window->closeProject();
        QVERIFY(agreement->message().contains(QStringLiteral("Open a project")));
        QVERIFY(!stats->exportButton()->isEnabled());
        QVERIFY(runs->projectPath().isEmpty());
    }

    // A run's explanations stored in the project, drawn on the timeline and
    // in the explanation panel: a1 (S, visual concept Body) and a3 (EN) of
    // film 1, b2 of film 2; the text-only attribution on a3 is an error.
    qint64 storeExplanations() { return test::storeExplanationSet(m_path); }

    void extractsFeaturesInTheBackground()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("ffmpeg")).isEmpty())
            QSKIP("the ffmpeg tool is not installed");
        const QString film = m_dir.filePath(QStringLiteral("extract-film.mp4"));
        QProcess ff;
        ff.start(QStringLiteral("ffmpeg"),
                 {"-loglevel", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=160x90:rate=25:duration=14",
                  "-f", "lavfi", "-i", "sine=frequency=500:duration=14", "-c:v", "libx264", "-pix_fmt",
                  "yuv420p", "-c:a", "aac", "-shortest", film});
        QVERIFY(ff.waitForFinished(60000) && ff.exitCode() == 0);
        {
            db::ProjectDatabase project(m_path, db::ProjectDatabase::Mode::OpenExisting);
            db::FilmRepository(project).attachMedia(QStringLiteral("tt0000001"), film, QString());
        }
        QSignalSpy done(m_window.get(), &ui::MainWindow::extractionDone);
        const core::ModalitySet va{core::Modality::Visual, core::Modality::Audio};
        QVERIFY2(m_window->extractFeatures(QStringLiteral("tt0000001"), va),
                 qPrintable(m_window->lastError()));
        // The job's row in the status bar, with its progress.
        QPointer<QProgressBar> bar =
            m_window->statusBar()->findChild<QProgressBar *>(QStringLiteral("progress-extraction"));
        QVERIFY(bar && bar->isVisible());
        QVERIFY(!m_window->extractFeatures(QString(), va)); // one at a time
        QVERIFY(m_window->lastError().contains(QStringLiteral("already")));
        QVERIFY(done.wait(120000));
        QVERIFY2(done.first().at(1).toBool(), qPrintable(done.first().first().toString()));
        QVERIFY(!bar); // the row left with the job
        {
            db::ProjectDatabase project(m_path, db::ProjectDatabase::Mode::OpenExisting);
            db::FeatureStore store(project.sql());
            int matrices = 0;
            for (const auto &e : store.extractors())
                matrices += int(store.loadAll(e.id).size());
            QCOMPARE(matrices, 6); // a1, a2, a3 x visual, audio
        }
        // An unknown film fails in words.
        QVERIFY(m_window->extractFeatures(QStringLiteral("tt9999999"), va));
        QVERIFY(done.wait(60000));
        QVERIFY(!done.last().at(1).toBool());
        QVERIFY2(m_window->lastError().contains(QStringLiteral("tt9999999")),
                 qPrintable(m_window->lastError()));
    }

    void timelineDrawsLanesFromAStoredRun()
    {
        using Lane = ui::TimelineWidget::Lane;
        ui::TimelineWidget *timeline = m_window->timeline();
        QVERIFY(timeline->laneRect(Lane::ScoreVisual).isNull());
        QVERIFY(!m_window->explanationPanel()->hasExplanation());
        const qint64 setId = storeExplanations();
        m_window->refreshExplanationSets();
        QComboBox *chooser = m_window->runChooser();
        QCOMPARE(chooser->count(), 2); // none + the set
        QVERIFY(chooser->itemText(1).contains(QStringLiteral("VT late on CMSD")));

        QVERIFY(select("a1"));
        // Chosen as a user would: the combo's activation.
        chooser->setCurrentIndex(1);
        emit chooser->activated(1);
        QCOMPARE(m_window->currentExplanationSet(), setId);
        const ui::TimelineOverlay &o = timeline->overlay();
        QCOMPARE(o.scores.size(), 2); // a1 and a3: film 1 only
        QCOMPARE(o.errors.size(), 1);
        QCOMPARE(o.errors[0].modality, core::Modality::Text);
        QVERIFY(o.errors[0].text.contains(QStringLiteral("without any annotated text concept")));
        // Score and attention lanes of V and T; none for audio, unused.
        for (Lane l : {Lane::ScoreVisual, Lane::ScoreText, Lane::HeatVisual, Lane::HeatText,
                       Lane::Errors})
            QVERIFY2(!timeline->laneRect(l).isNull(), qPrintable(ui::TimelineWidget::laneName(l)));
        QVERIFY(timeline->laneRect(Lane::ScoreAudio).isNull());
        QVERIFY(timeline->laneRect(Lane::HeatAudio).isNull());

        // The lanes are painted: the visual score colour fills a1's span.
        timeline->fitAll();
        QImage img(timeline->size(), QImage::Format_ARGB32_Premultiplied);
        {
            QPainter p(&img);
            timeline->paint(p, timeline->rect());
        }
        const QRect lane = timeline->laneRect(Lane::ScoreVisual);
        const int x = ui::TimelineWidget::kHeaderWidth
                      + int(2000 / timeline->scale().msPerPixel());
        QCOMPARE(img.pixelColor(x, lane.bottom() - 3), QColor(0x00, 0x9e, 0x73));
        const QRect err = timeline->laneRect(Lane::Errors);
        const int xe = ui::TimelineWidget::kHeaderWidth
                       + int(12000 / timeline->scale().msPerPixel());
        QCOMPARE(img.pixelColor(xe, err.top() + 3).rgb(), QColor(0xcc, 0x79, 0xa7).darker(130).rgb());

        // The explanation panel shows a1's numbers.
        ui::ExplanationPanel *panel = m_window->explanationPanel();
        QVERIFY(panel->hasExplanation());
        const auto rows = panel->shapleyBars()->rows();
        QCOMPARE(rows.size(), 3);
        QCOMPARE(*rows[0].value, 0.85);
        QVERIFY(!rows[1].value); // audio: not used
        QCOMPARE(panel->scoreBars()->marker(), std::optional(0.5));
        QCOMPARE(panel->heatmap()->tokenCount(), 8);
        QVERIFY(panel->errorLabel()->text().startsWith(QStringLiteral("None")));
        // a3: the error in words.
        QVERIFY(select("a3"));
        QVERIFY(panel->errorLabel()->text().contains(QStringLiteral("experts annotated visual")));
        // a2 was not explained; film 2's b2 loads film 2's overlay.
        QVERIFY(select("a2"));
        QVERIFY(!panel->hasExplanation());
        QVERIFY(select("b2"));
        QVERIFY(panel->hasExplanation());
        QCOMPARE(timeline->overlay().scores.size(), 1);

        // "none" takes the lanes away again.
        QVERIFY(m_window->showExplanationSet(0));
        QVERIFY(timeline->laneRect(Lane::ScoreVisual).isNull());
        QVERIFY(!panel->hasExplanation());
        QVERIFY(!m_window->showExplanationSet(setId + 100));
    }

    void screenshotMode()
    {
        const QString png = m_dir.filePath("shot.png");
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("QT_QPA_PLATFORM", "offscreen");
        env.insert("XDG_CONFIG_HOME", m_dir.filePath("xdg"));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(MS_GUI_PATH), {"--screenshot", png, m_path});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        QImage image(png);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() >= 1000 && image.height() >= 700);
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 7)
            for (int x = 0; x < image.width(); x += 7)
                colours.insert(image.pixel(x, y));
        QVERIFY2(colours.size() > 20, qPrintable(QString::number(colours.size())));

        const QString text = m_dir.filePath("notes2.txt");
        test::writeFile(text, "nope\n");
        p.start(QStringLiteral(MS_GUI_PATH), {"--screenshot", m_dir.filePath("x.png"), text});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 1);
        QVERIFY(p.readAllStandardError().contains("notes2.txt"));
        QVERIFY(!QFileInfo::exists(m_dir.filePath("x.png")));

        // A chosen explanation set and clip; unknown ones are refused in words.
        const qint64 setId = storeExplanations();
        const QString shot2 = m_dir.filePath("shot2.png");
        p.start(QStringLiteral(MS_GUI_PATH),
                {"--screenshot", shot2, "--explanations", QString::number(setId), "--clip", "a3",
                 m_path});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        QVERIFY(!QImage(shot2).isNull());
        p.start(QStringLiteral(MS_GUI_PATH), {"--screenshot", m_dir.filePath("y.png"), "--clip",
                                              "no-such-clip", m_path});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 1);
        QVERIFY(p.readAllStandardError().contains("no-such-clip"));
        p.start(QStringLiteral(MS_GUI_PATH), {"--screenshot", m_dir.filePath("z.png"),
                                              "--explanations", QString::number(setId + 50),
                                              m_path});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 1);
        QVERIFY(p.readAllStandardError().contains("no explanation set"));
        QVERIFY(!QFileInfo::exists(m_dir.filePath("z.png")));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
