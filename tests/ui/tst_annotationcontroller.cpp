#include "database/annotationrepository.h"
#include "database/importservice.h"
#include "database/projectdatabase.h"
#include "ui/annotationcontroller.h"
#include "ui/projectdocument.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace ms;
using core::Level;

class TestAnnotationController : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<ui::ProjectDocument> m_doc;
    std::unique_ptr<ui::AnnotationController> m_controller;
    QString m_annotator = QStringLiteral("alice");
    int m_asked = 0;

    qint64 id(const QString &clip)
    {
        for (const core::Clip &c : m_doc->clips())
            if (c.name == clip)
                return c.id;
        return 0;
    }

    qint64 historyCount()
    {
        db::ProjectDatabase project(m_path, db::ProjectDatabase::Mode::OpenExisting);
        return db::AnnotationRepository(project.sql()).historyCount();
    }

private slots:
    void init()
    {
        static int n = 0;
        m_path = m_dir.filePath(QStringLiteral("c%1.msproj").arg(++n));
        {
            db::ProjectDatabase project(m_path, db::ProjectDatabase::Mode::OpenOrCreate);
            core::ImportRecord a;
            a.clipId = "a";
            a.movieId = "tt1";
            a.level = Level::HardNegative;
            a.concepts = {"Voice"};
            core::ImportRecord b;
            b.clipId = "b";
            b.movieId = "tt1";
            db::ImportService(project).apply({a, b}, "setup", "test");
        }
        m_doc = std::make_unique<ui::ProjectDocument>(m_path,
                                                      ui::ProjectDocument::OpenMode::OpenExisting);
        m_controller = std::make_unique<ui::AnnotationController>();
        m_controller->setDocument(m_doc.get());
        m_annotator = QStringLiteral("alice");
        m_asked = 0;
        m_controller->setAnnotatorProvider([this] {
            ++m_asked;
            return m_annotator;
        });
    }

    void cleanup()
    {
        m_controller.reset();
        m_doc.reset();
    }

    void unchangedEditPushesNothing()
    {
        const qint64 history = historyCount();
        QVERIFY(!m_controller->setLevel(id("a"), Level::HardNegative));
        QVERIFY(!m_controller->setConcept(id("a"), "Voice", true));
        QVERIFY(m_controller->lastError().isEmpty());
        QCOMPARE(m_controller->undoStack()->count(), 0);
        QCOMPARE(historyCount(), history);
    }

    // A timeline edge drag: written at once, one undo step, no annotation
    // history; a range ending before it starts is refused in words.
    void clipTimesAreUndoable()
    {
        const QString path = m_dir.filePath(QStringLiteral("times.msproj"));
        {
            db::ProjectDatabase project(path, db::ProjectDatabase::Mode::OpenOrCreate);
            core::ImportRecord r;
            r.clipId = "t";
            r.movieId = "tt1";
            r.hasTimes = true;
            r.startMs = 1000;
            r.endMs = 5000;
            db::ImportService(project).apply({r}, "setup", "test");
        }
        ui::ProjectDocument doc(path, ui::ProjectDocument::OpenMode::OpenExisting);
        m_controller->setDocument(&doc);
        const qint64 clip = doc.clips().first().id;
        auto stored = [&] {
            db::ProjectDatabase project(path, db::ProjectDatabase::Mode::OpenExisting);
            const auto c = db::AnnotationRepository(project.sql()).clipByName("t");
            return std::make_pair(*c->startMs, *c->endMs);
        };
        QSignalSpy changed(&doc, &ui::ProjectDocument::clipTimesChanged);
        QVERIFY(m_controller->setClipTimes(clip, 1500, 6000));
        QCOMPARE(stored(), std::make_pair(qint64(1500), qint64(6000)));
        QCOMPARE(*doc.clip(clip)->endMs, 6000);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(m_controller->undoStack()->count(), 1);
        m_controller->undoStack()->undo();
        QCOMPARE(stored(), std::make_pair(qint64(1000), qint64(5000)));
        QCOMPARE(*doc.clip(clip)->startMs, 1000);
        m_controller->undoStack()->redo();
        QCOMPARE(stored(), std::make_pair(qint64(1500), qint64(6000)));

        QVERIFY(!m_controller->setClipTimes(clip, 7000, 6000));
        QVERIFY(m_controller->lastError().contains(QStringLiteral("end after it starts")));
        QCOMPARE(m_controller->undoStack()->count(), 1);
        QCOMPARE(stored(), std::make_pair(qint64(1500), qint64(6000)));
        m_controller->setDocument(m_doc.get());
    }

    void eachEditIsOneUndoStepWithHistory()
    {
        const qint64 history = historyCount();
        QSignalSpy changed(m_doc.get(), &ui::ProjectDocument::annotationChanged);
        QVERIFY(m_controller->setLevel(id("b"), Level::Sure));
        QVERIFY(m_controller->setConcept(id("b"), "Look", true));
        QVERIFY(m_controller->setNote(id("b"), "why"));
        QCOMPARE(m_controller->undoStack()->count(), 3);
        QCOMPARE(changed.size(), 3);
        QCOMPARE(historyCount(), history + 3);
        QCOMPARE(m_doc->state(id("b"), "alice"),
                 (db::AnnotationState{Level::Sure, {"Look"}, "why"}));
        m_controller->undoStack()->undo();
        QCOMPARE(m_doc->state(id("b"), "alice"), (db::AnnotationState{Level::Sure, {"Look"}, {}}));
        m_controller->undoStack()->undo();
        m_controller->undoStack()->undo();
        QCOMPARE(m_doc->state(id("b"), "alice"), db::AnnotationState{});
        QVERIFY(!m_doc->effectiveAnnotation(id("b")));
        m_controller->undoStack()->redo();
        QCOMPARE(m_doc->state(id("b"), "alice"), (db::AnnotationState{Level::Sure, {}, {}}));
        // Undo and redo are history too: the file tells the whole story.
        QCOMPARE(historyCount(), history + 7);
    }

    void cancelledNameWritesNothing()
    {
        m_annotator.clear();
        QVERIFY(!m_controller->setLevel(id("b"), Level::Sure));
        QCOMPARE(m_asked, 1);
        QVERIFY(!m_doc->effectiveAnnotation(id("b")));
        QCOMPARE(m_controller->undoStack()->count(), 0);
    }

    void failedWriteReportsAndPushesNothing()
    {
        QSignalSpy errors(m_controller.get(), &ui::AnnotationController::errorOccurred);
        QVERIFY(!m_controller->setConcept(id("a"), "No such concept", true));
        QCOMPARE(errors.size(), 1);
        QVERIFY(m_controller->lastError().contains("No such concept"));
        QCOMPARE(m_controller->undoStack()->count(), 0);
        QCOMPARE(m_doc->effectiveAnnotation(id("a"))->concepts, QStringList{"Voice"});
    }

    void conceptNeedsLevel()
    {
        QSignalSpy notices(m_controller.get(), &ui::AnnotationController::notice);
        QVERIFY(!m_controller->setConcept(id("b"), "Look", true));
        QCOMPARE(notices.size(), 1);
        QVERIFY(!m_doc->effectiveAnnotation(id("b")));
    }

    void clearOnlyOwnAnnotation()
    {
        QSignalSpy notices(m_controller.get(), &ui::AnnotationController::notice);
        QVERIFY(!m_controller->clear(id("a")));
        QCOMPARE(notices.size(), 1);
        QVERIFY(m_controller->lastError().contains("setup"));
        QVERIFY(m_controller->setLevel(id("a"), Level::Sure));
        QVERIFY(m_controller->clear(id("a")));
        // alice's annotation is gone; the import's shows again.
        QCOMPARE(m_doc->effectiveAnnotation(id("a"))->annotator, QStringLiteral("setup"));
        m_controller->undoStack()->undo();
        QCOMPARE(m_doc->effectiveAnnotation(id("a"))->level, Level::Sure);
    }

    void newDocumentClearsHistory()
    {
        QVERIFY(m_controller->setLevel(id("b"), Level::Sure));
        m_controller->setDocument(m_doc.get());
        QVERIFY(!m_controller->undoStack()->canUndo());
    }
};

QTEST_GUILESS_MAIN(TestAnnotationController)
#include "tst_annotationcontroller.moc"
