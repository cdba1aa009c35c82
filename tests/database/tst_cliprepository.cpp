#include "core/error.h"
#include "database/annotationrepository.h"
#include "database/cliprepository.h"
#include "database/importservice.h"
#include "database/projectdatabase.h"
#include "database/sqlitedatabase.h"
#include "core/taxonomy.h"
#include "projectdump.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

using namespace ms;

class TestClipRepository : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<db::ProjectDatabase> m_project;
    qint64 m_clip = 0;

private slots:
    void init()
    {
        static int n = 0;
        m_project = std::make_unique<db::ProjectDatabase>(
            m_dir.filePath(QString("p%1.msproj").arg(++n)), db::ProjectDatabase::Mode::OpenOrCreate);
        core::ImportRecord r;
        r.clipId = "c1";
        r.movieId = "f1";
        r.hasTimes = true;
        r.startMs = 1000;
        r.endMs = 5500;
        r.level = core::Level::Sure;
        db::ImportService(*m_project).apply({r}, "obygaze", "test", {});
        m_clip = db::AnnotationRepository(m_project->sql()).clipByName("c1")->id;
    }

    void setTimesWritesAndReadsBack()
    {
        db::ClipRepository repo(m_project->sql());
        QCOMPARE(repo.times(m_clip), std::make_optional(std::make_pair(qint64(1000), qint64(5500))));
        const qint64 history = db::AnnotationRepository(m_project->sql()).historyCount();
        QVERIFY(repo.setTimes(m_clip, 1200, 6000));
        QCOMPARE(repo.times(m_clip), std::make_optional(std::make_pair(qint64(1200), qint64(6000))));
        QCOMPARE(db::AnnotationRepository(m_project->sql()).clipByName("c1")->startMs, 1200);
        // A time change is not an annotation edit.
        QCOMPARE(db::AnnotationRepository(m_project->sql()).historyCount(), history);
        QVERIFY(!repo.setTimes(m_clip, 1200, 6000));
    }

    void refusesEmptyOrReversedRanges_data()
    {
        QTest::addColumn<qint64>("start");
        QTest::addColumn<qint64>("end");
        QTest::newRow("equal") << qint64(2000) << qint64(2000);
        QTest::newRow("reversed") << qint64(3000) << qint64(2000);
        QTest::newRow("negative") << qint64(-10) << qint64(2000);
    }
    void refusesEmptyOrReversedRanges()
    {
        QFETCH(qint64, start);
        QFETCH(qint64, end);
        db::ClipRepository repo(m_project->sql());
        QVERIFY_THROWS_EXCEPTION(core::UserError, repo.setTimes(m_clip, start, end));
        QCOMPARE(repo.times(m_clip), std::make_optional(std::make_pair(qint64(1000), qint64(5500))));
    }

private:
    qint64 filmId() { return m_project->sql().scalar("SELECT id FROM films"); }
    qint64 countOf(const QByteArray &sql) { return m_project->sql().scalar(sql.constData()); }

private slots:

    void createRefusesOverlapUnlessAllowed()
    {
        db::ClipRepository repo(m_project->sql());
        const QString before = test::dumpProject(m_project->sql());
        QVERIFY_THROWS_EXCEPTION(core::UserError, repo.create({filmId(), "c2", 5000, 8000}));
        QCOMPARE(test::dumpProject(m_project->sql()), before);
        // Touching at a boundary is not overlapping (half-open ranges).
        const qint64 id = repo.create({filmId(), "c2", 5500, 8000});
        QCOMPARE(repo.times(id), std::make_optional(std::make_pair(qint64(5500), qint64(8000))));
        QVERIFY(repo.create({filmId(), "c3", 5000, 6000}, /*allowOverlap=*/true) > id);
        // A moved edge obeys the same rule.
        QVERIFY_THROWS_EXCEPTION(core::UserError, repo.setTimes(m_clip, 1000, 7000, false));
        QCOMPARE(repo.times(m_clip)->second, 5500);
    }

    void createRefusesBadClips_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<qint64>("film");
        QTest::addColumn<qint64>("start");
        QTest::addColumn<qint64>("end");
        QTest::newRow("name taken") << "c1" << qint64(0) << qint64(9000) << qint64(9500);
        QTest::newRow("empty name") << " " << qint64(0) << qint64(9000) << qint64(9500);
        QTest::newRow("unknown film") << "c9" << qint64(999) << qint64(9000) << qint64(9500);
        QTest::newRow("empty range") << "c9" << qint64(0) << qint64(9000) << qint64(9000);
    }
    void createRefusesBadClips()
    {
        QFETCH(QString, name);
        QFETCH(qint64, film);
        QFETCH(qint64, start);
        QFETCH(qint64, end);
        db::ClipRepository repo(m_project->sql());
        const QString before = test::dumpProject(m_project->sql());
        db::ClipEdit e;
        e.create.append({filmId(), "ok-first", 20000, 21000}); // all or nothing
        e.create.append({film ? film : filmId(), name, start, end});
        QVERIFY_THROWS_EXCEPTION(core::UserError, repo.apply(e));
        QCOMPARE(test::dumpProject(m_project->sql()), before);
    }

    void splitKeepsAnnotationWithFirstPart()
    {
        db::ClipRepository repo(m_project->sql());
        const qint64 second = repo.split(m_clip, 3000, "c1-b");
        QCOMPARE(repo.times(m_clip), std::make_optional(std::make_pair(qint64(1000), qint64(3000))));
        QCOMPARE(repo.times(second), std::make_optional(std::make_pair(qint64(3000), qint64(5500))));
        db::AnnotationRepository ann(m_project->sql());
        QCOMPARE(ann.clipByName("c1-b")->id, second);
        QVERIFY(ann.effectiveAnnotation(m_clip).has_value());
        QVERIFY(!ann.effectiveAnnotation(second).has_value());
        QCOMPARE(repo.nextClip(m_clip), std::make_optional(second));
        QCOMPARE(repo.nextClip(second), std::nullopt);
    }

    void splitOutsideTheClipIsRefused()
    {
        db::ClipRepository repo(m_project->sql());
        const QString before = test::dumpProject(m_project->sql());
        QVERIFY_THROWS_EXCEPTION(core::UserError, repo.split(m_clip, 1000, "x"));
        QVERIFY_THROWS_EXCEPTION(core::UserError, repo.split(m_clip, 6000, "x"));
        QVERIFY_THROWS_EXCEPTION(core::UserError, repo.split(m_clip, 2000, "c1")); // name taken
        QCOMPARE(test::dumpProject(m_project->sql()), before);
    }

    void mergeRemovesTheNextClipAndRestoreUndoesIt()
    {
        db::ClipRepository repo(m_project->sql());
        const qint64 next = repo.create({filmId(), "c2", 6000, 9000});
        db::AnnotationState s;
        s.level = core::Level::HardNegative;
        QVERIFY(db::AnnotationRepository(m_project->sql()).setAnnotation(next, "ann", s, "test"));
        QCOMPARE(repo.mergeWithNext(m_clip), next);
        QCOMPARE(repo.times(m_clip), std::make_optional(std::make_pair(qint64(1000), qint64(9000))));
        QVERIFY(!db::AnnotationRepository(m_project->sql()).clipByName("c2"));
        QVERIFY_THROWS_EXCEPTION(core::UserError, repo.mergeWithNext(m_clip)); // the last one
        db::ClipEdit undo;
        undo.times.append({m_clip, 1000, 5500});
        undo.restore.append(next);
        repo.apply(undo);
        // History rows come back with fresh ids; everything else as it was.
        QCOMPARE(db::AnnotationRepository(m_project->sql()).state(next, "ann"), s);
        QCOMPARE(countOf("SELECT count(*) FROM deleted_clips"), 0);
        QCOMPARE(countOf("SELECT count(*) FROM annotation_history WHERE clip_id = " +
                         QByteArray::number(next)),
                 1);
    }

    void removeKeepsAnnotationsAndRestoreBringsThemBack()
    {
        db::ClipRepository repo(m_project->sql());
        db::AnnotationRepository ann(m_project->sql());
        const QString conceptName = core::Taxonomy::normaliseName("Type of plan");
        db::AnnotationState a;
        a.level = core::Level::Sure;
        a.concepts = {conceptName};
        a.note = "close-up";
        QVERIFY(ann.setAnnotation(m_clip, "alice", a, "test"));
        db::AnnotationState b;
        b.level = core::Level::EasyNegative;
        QVERIFY(ann.setAnnotation(m_clip, "bob", b, "test"));
        const auto history = ann.history(m_clip);
        QCOMPARE(history.size(), 3); // import, alice, bob
        const auto obygaze = ann.state(m_clip, "obygaze");

        repo.remove(m_clip);
        QVERIFY(!ann.clipByName("c1"));
        QCOMPARE(countOf("SELECT count(*) FROM annotations"), 0);
        // Kept aside, with the history.
        QCOMPARE(countOf("SELECT count(*) FROM deleted_clips"), 1);
        QCOMPARE(countOf("SELECT count(*) FROM deleted_clip_rows WHERE tbl = "
                         "'annotation_history'"),
                 3);
        QCOMPARE(repo.removedClips(filmId()), QList<qint64>{m_clip});

        // A new clip never takes the removed clip's id.
        const qint64 other = repo.create({filmId(), "c2", 9000, 9500});
        QVERIFY(other != m_clip);

        repo.restore(m_clip);
        QCOMPARE(ann.clipByName("c1")->id, m_clip);
        QCOMPARE(ann.state(m_clip, "alice"), a);
        QCOMPARE(ann.state(m_clip, "bob"), b);
        QCOMPARE(ann.state(m_clip, "obygaze"), obygaze);
        const auto back = ann.history(m_clip);
        QCOMPARE(back.size(), history.size());
        for (qsizetype i = 0; i < back.size(); ++i) {
            QCOMPARE(back[i].annotator, history[i].annotator);
            QCOMPARE(back[i].level, history[i].level);
            QCOMPARE(back[i].concepts, history[i].concepts);
            QCOMPARE(back[i].note, history[i].note);
            QCOMPARE(back[i].changedAt, history[i].changedAt);
            QCOMPARE(back[i].source, history[i].source);
        }
        QCOMPARE(countOf("SELECT count(*) FROM deleted_clips"), 0);
        // Nothing left to restore.
        QVERIFY_THROWS_EXCEPTION(core::UserError, repo.restore(m_clip));
    }

    // A segmentation of a long film: thousands of clips made, put aside and
    // brought back, each in one transaction.
    void manyClipsAtOnce()
    {
        db::ClipRepository repo(m_project->sql());
        db::ClipEdit make;
        for (int i = 0; i < 2000; ++i)
            make.create.append({filmId(), QString("s%1").arg(i), 10000 + i * 1000,
                                10000 + (i + 1) * 1000});
        QElapsedTimer t;
        t.start();
        const QList<qint64> ids = repo.apply(make);
        QCOMPARE(ids.size(), 2000);
        db::ClipEdit undo;
        undo.remove = ids;
        repo.apply(undo);
        QCOMPARE(countOf("SELECT count(*) FROM clips"), 1);
        db::ClipEdit redo;
        redo.restore = ids;
        repo.apply(redo);
        QCOMPARE(countOf("SELECT count(*) FROM clips"), 2001);
        QCOMPARE(countOf("SELECT count(*) FROM deleted_clips"), 0);
        qInfo("2000 clips made, put aside and brought back in %lld ms", t.elapsed());
        QVERIFY(t.elapsed() < 20000);
    }

    void restoreRefusesATakenName()
    {
        db::ClipRepository repo(m_project->sql());
        repo.remove(m_clip);
        repo.create({filmId(), "c1", 0, 500});
        const QString before = test::dumpProject(m_project->sql());
        QVERIFY_THROWS_EXCEPTION(core::UserError, repo.restore(m_clip));
        QCOMPARE(test::dumpProject(m_project->sql()), before);
    }

    void refusesUnknownClip()
    {
        db::ClipRepository repo(m_project->sql());
        QVERIFY_THROWS_EXCEPTION(core::UserError, repo.setTimes(m_clip + 1000, 0, 10));
    }
};

QTEST_GUILESS_MAIN(TestClipRepository)
#include "tst_cliprepository.moc"
