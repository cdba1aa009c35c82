#include "core/error.h"
#include "database/annotationrepository.h"
#include "database/cliprepository.h"
#include "database/importservice.h"
#include "database/projectdatabase.h"

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

    void refusesUnknownClip()
    {
        db::ClipRepository repo(m_project->sql());
        QVERIFY_THROWS_EXCEPTION(core::UserError, repo.setTimes(m_clip + 1000, 0, 10));
    }
};

QTEST_GUILESS_MAIN(TestClipRepository)
#include "tst_cliprepository.moc"
