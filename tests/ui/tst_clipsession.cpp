// Clips by hand in the window, offscreen: keys go in through QTest, and every
// check reads the project file back through a connection of its own, so a
// test passes only when the change really reached the database.
#include "core/formats/elaneafformat.h"
#include "core/taxonomy.h"
#include "database/annotationrepository.h"
#include "database/cliprepository.h"
#include "database/importservice.h"
#include "database/projectdatabase.h"
#include "database/sqlitedatabase.h"
#include "tests/testsupport.h"
#include "ui/annotationcontroller.h"
#include "ui/clipbrowser.h"
#include "ui/clipeditor.h"
#include "ui/clipsession.h"
#include "ui/mainactions.h"
#include "ui/mainwindow.h"
#include "ui/projectdocument.h"
#include "ui/timeline/timelinewidget.h"

#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace ms;
using core::Level;

class TestClipSession : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<ui::MainWindow> m_window;

    // One film: a1 [0, 4 s) S with Body, a2 [5, 9 s) unannotated, a3 [10, 14 s) EN with Look.
    QString makeProject(const QString &name)
    {
        const QString path = m_dir.filePath(name);
        db::ProjectDatabase project(path, db::ProjectDatabase::Mode::OpenOrCreate);
        core::ImportRecord a1 = test::timedRecord("a1", "tt0000001", 0, 4000, Level::Sure);
        a1.concepts = {"Body"};
        core::ImportRecord a3 =
            test::timedRecord("a3", "tt0000001", 10000, 4000, Level::EasyNegative);
        a3.concepts = {"Look"};
        db::ImportService(project).apply({a1, test::timedRecord("a2", "tt0000001", 5000, 4000), a3},
                                         "setup", "test");
        return path;
    }

    struct Stored
    {
        qint64 id = 0;
        qint64 start = -1, end = -1;
        std::optional<core::Annotation> annotation;
    };
    // Read through a connection of its own, as another program would.
    std::optional<Stored> stored(const QString &clip)
    {
        db::ProjectDatabase project(m_path, db::ProjectDatabase::Mode::OpenExisting);
        db::AnnotationRepository repo(project.sql());
        const auto c = repo.clipByName(clip);
        if (!c)
            return std::nullopt;
        return Stored{c->id, c->startMs.value_or(-1), c->endMs.value_or(-1),
                      repo.effectiveAnnotation(c->id)};
    }
    qint64 count(const char *sql)
    {
        db::ProjectDatabase project(m_path, db::ProjectDatabase::Mode::OpenExisting);
        return project.sql().scalar(sql);
    }

    bool select(const QString &clip)
    {
        for (const core::Clip &c : m_window->document()->clips())
            if (c.name == clip)
                return m_window->clipBrowser()->selectClip(c.id);
        return false;
    }
    void playheadAt(qint64 ms) { emit m_window->timeline()->seekRequested(ms); }
    void key(int k, Qt::KeyboardModifiers m = {})
    {
        QTest::keyClick(m_window.get(), Qt::Key(k), m);
    }
    void undo() { key(Qt::Key_Z, Qt::ControlModifier); }
    void redo() { key(Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier); }

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
        QVERIFY(select("a1")); // shows the film
    }

    void cleanup() { m_window.reset(); }

    void inOutAndEnterMakeAClipUndoably()
    {
        QVERIFY(!m_window->actions()->makeClipAction()->isEnabled());
        playheadAt(4100);
        key(Qt::Key_I);
        playheadAt(4900);
        key(Qt::Key_O);
        QVERIFY(m_window->actions()->makeClipAction()->isEnabled());
        key(Qt::Key_Return);
        auto made = stored("tt0000001-001");
        QVERIFY(made);
        QCOMPARE(made->start, 4100);
        QCOMPARE(made->end, 4900);
        QVERIFY(!made->annotation);
        QCOMPARE(m_window->clipBrowser()->currentClipId(), made->id);
        QVERIFY(!m_window->actions()->makeClipAction()->isEnabled()); // marks used up

        undo();
        QVERIFY(!stored("tt0000001-001"));
        redo();
        const auto back = stored("tt0000001-001");
        QVERIFY(back);
        QCOMPARE(back->id, made->id); // the same clip, not a new one
        QCOMPARE(back->start, 4100);
    }

    void overlappingClipsAreRefusedUnlessAllowed()
    {
        playheadAt(3000);
        key(Qt::Key_I);
        playheadAt(6000);
        key(Qt::Key_O);
        key(Qt::Key_Return);
        QVERIFY(!stored("tt0000001-001"));
        QVERIFY2(m_window->statusBar()->currentMessage().contains("overlap"),
                 qPrintable(m_window->statusBar()->currentMessage()));
        QCOMPARE(m_window->controller()->undoStack()->count(), 0);
        m_window->actions()->clipsMayOverlapAction()->setChecked(true);
        key(Qt::Key_Return); // the marks are still set
        QVERIFY(stored("tt0000001-001"));
        QVERIFY(m_window->settings().clipsMayOverlap());
    }

    void namesFollowThePattern()
    {
        m_window->settings().setClipNamePattern("<film>_shot##");
        m_window->clipEditor()->setNamePattern(m_window->settings().clipNamePattern());
        playheadAt(4100);
        key(Qt::Key_I);
        playheadAt(4900);
        key(Qt::Key_O);
        key(Qt::Key_Enter);
        QVERIFY(stored("tt0000001_shot01"));
    }

    void splitAtThePlayheadAndUndo()
    {
        playheadAt(1500);
        key(Qt::Key_S);
        const auto first = stored("a1"), second = stored("tt0000001-001");
        QVERIFY(first && second);
        QCOMPARE(first->end, 1500);
        QCOMPARE(second->start, 1500);
        QCOMPARE(second->end, 4000);
        QCOMPARE(first->annotation->level, Level::Sure); // the annotation stays with the first part
        QVERIFY(!second->annotation);
        undo();
        QCOMPARE(stored("a1")->end, 4000);
        QVERIFY(!stored("tt0000001-001"));
        redo();
        QCOMPARE(stored("tt0000001-001")->id, second->id);
        QCOMPARE(stored("a1")->end, 1500);
    }

    void splitOutsideAClipSaysWhy()
    {
        playheadAt(4500); // between a1 and a2
        key(Qt::Key_S);
        QCOMPARE(count("SELECT count(*) FROM clips"), 3);
        QVERIFY(!m_window->statusBar()->currentMessage().isEmpty());
    }

    void mergeWithTheNextAndUndoBringsItsAnnotationBack()
    {
        QVERIFY(select("a2"));
        playheadAt(6000);
        key(Qt::Key_M);
        QCOMPARE(stored("a2")->end, 14000);
        QVERIFY(!stored("a3"));
        undo();
        const auto a3 = stored("a3");
        QVERIFY(a3);
        QCOMPARE(a3->annotation->level, Level::EasyNegative);
        QCOMPARE(a3->annotation->concepts, QStringList{core::Taxonomy::normaliseName("Look")});
        QCOMPARE(stored("a2")->end, 9000);
    }

    void deleteKeepsTheAnnotationsAndUndoBringsThemBack()
    {
        QVERIFY(select("a3"));
        key(Qt::Key_2); // HN by alice, before the deletion
        const auto before = stored("a3");
        QCOMPARE(before->annotation->level, Level::HardNegative);
        key(Qt::Key_Delete, Qt::ShiftModifier);
        QVERIFY(!stored("a3"));
        QCOMPARE(count("SELECT count(*) FROM deleted_clips"), 1);
        QCOMPARE(count("SELECT count(*) FROM deleted_clip_rows WHERE tbl = 'annotation_history'"),
                 2);
        undo();
        const auto back = stored("a3");
        QVERIFY(back);
        QCOMPARE(back->id, before->id);
        QCOMPARE(back->annotation->level, Level::HardNegative);
        QCOMPARE(back->annotation->concepts, before->annotation->concepts);
        QCOMPARE(count("SELECT count(*) FROM annotation_history"), 3);
        QCOMPARE(count("SELECT count(*) FROM deleted_clips"), 0);
        // The step before the deletion names the clip by its id: it still applies.
        undo();
        QCOMPARE(stored("a3")->annotation->level, Level::EasyNegative);
        redo();
        redo();
        QVERIFY(!stored("a3"));
    }

    void altCommaAndPeriodMoveTheNearestEdgeByAFrame()
    {
        playheadAt(3900); // nearest edge: a1's end at 4000
        key(Qt::Key_Period, Qt::AltModifier);
        QCOMPARE(stored("a1")->end, 4040);                // 25 fps without a film: 40 ms
        QCOMPARE(m_window->timeline()->position(), 4040); // the playhead follows the edge
        key(Qt::Key_Comma, Qt::AltModifier);
        key(Qt::Key_Comma, Qt::AltModifier);
        QCOMPARE(stored("a1")->end, 3960);
        QCOMPARE(stored("a1")->start, 0);
        undo();
        undo();
        undo();
        QCOMPARE(stored("a1")->end, 4000);
    }

    void aSharedEdgeMovesBothClips()
    {
        // a2 ends where a new clip starts: the cut between them moves as one.
        playheadAt(9000);
        key(Qt::Key_I);
        playheadAt(9500);
        key(Qt::Key_O);
        key(Qt::Key_Return);
        QVERIFY(select("a2"));
        playheadAt(8990);
        key(Qt::Key_Comma, Qt::AltModifier);
        QCOMPARE(stored("a2")->end, 8960);
        QCOMPARE(stored("tt0000001-001")->start, 8960);
    }

    void theShownFilmExportsToElanAndReadsBackTheSame()
    {
        const QString eaf = m_dir.filePath(QStringLiteral("film%1.eaf").arg(quintptr(this)));
        QVERIFY2(m_window->clipSession()->exportFilm(eaf, "eaf"),
                 qPrintable(m_window->clipSession()->lastError()));
        const QList<core::ImportRecord> back =
            core::ElanEafFormat::read(eaf, core::ElanEafFormat::ReadOptions{});
        QCOMPARE(back.size(), 3);
        QCOMPARE(back[0].clipId, QStringLiteral("a1"));
        QCOMPARE(back[0].movieId, QStringLiteral("tt0000001"));
        QCOMPARE(back[0].endMs, 4000);
        QCOMPARE(back[0].level, std::optional(Level::Sure));
        QCOMPARE(back[0].concepts, QStringList{core::Taxonomy::normaliseName("Body")});
        QVERIFY(!back[1].level);
        QCOMPARE(back[2].level, std::optional(Level::EasyNegative));
        QVERIFY(!m_window->clipSession()->exportFilm(eaf, "obygaze")); // no writer
    }

    void draggingOnAFreePlaceOfTheClipsLaneMakesAClip()
    {
        ui::TimelineWidget *t = m_window->timeline();
        t->fitAll();
        const QRect lane = t->laneRect(ui::TimelineWidget::Lane::Clips);
        QVERIFY(!lane.isNull());
        const auto xOf = [t](qint64 ms) {
            return ui::TimelineWidget::kHeaderWidth + int(t->scale().xForMs(double(ms)));
        };
        const int y = lane.center().y();
        QTest::mousePress(t, Qt::LeftButton, {}, QPoint(xOf(4200), y));
        QTest::mouseMove(t, QPoint(xOf(4600), y));
        // Dragged past the next clip's start: kept to the free gap.
        QTest::mouseMove(t, QPoint(xOf(7000), y));
        QTest::mouseRelease(t, Qt::LeftButton, {}, QPoint(xOf(7000), y));
        const auto made = stored("tt0000001-001");
        QVERIFY(made);
        QVERIFY2(qAbs(made->start - 4200) <= 2 * t->scale().msPerPixel(),
                 qPrintable(QString::number(made->start)));
        QCOMPARE(made->end, 5000);
        undo();
        QVERIFY(!stored("tt0000001-001"));
    }
};

QTEST_MAIN(TestClipSession)
#include "tst_clipsession.moc"
