#include "core/error.h"
#include "core/jobs/jobrunner.h"
#include "database/explanationrepository.h"
#include "database/projectdatabase.h"
#include "modelfixtures.h"
#include "models/explanationjob.h"
#include "models/extractionjob.h"
#include "models/openmppolicy.h"
#include "models/trainingjob.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace ms;
using namespace ms::models;

// ExplanationJob (and ExtractionJob's ends) on a small synthetic project:
// the run to explain is trained once by a TrainingJob.
class TestExplanationJob : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    db::ProjectLocation m_project;
    qint64 m_runId = 0;

    int storedSets()
    {
        db::ProjectDatabase project(m_project.filePath(), db::ProjectDatabase::Mode::OpenExisting);
        return int(db::ExplanationRepository(project.sql()).sets(m_runId).size());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_project = db::ProjectLocation::file(m_dir.filePath(QStringLiteral("p.msproj")));
        test::makeProject(m_project.filePath());
        ExperimentSpec::Options o;
        o.folds = 3;
        o.onlyFolds = {0};
        o.quick = true;
        o.maxEpochs = 2;
        o.device = QStringLiteral("cpu");
        TrainingJob training(
            m_project,
            ExperimentSpec::single(
                {core::ModalitySet{core::Modality::Visual, core::Modality::Audio}, Fusion::Late},
                o));
        const auto outcome = core::JobRunner::runHere(training, {});
        QVERIFY2(outcome.isDone(), qPrintable(outcome.message));
        m_runId = outcome.result.toLongLong();
    }

    void doneStoresTheSet()
    {
        core::JobRunner runner;
        QSignalSpy progressed(&runner, &core::JobRunner::progressed);
        QSignalSpy finished(&runner, &core::JobRunner::finished);
        runner.start(std::make_unique<ExplanationJob>(m_project, m_runId, QStringLiteral("zeros")));
        QVERIFY(runner.waitForIdle(120000));
        QCOMPARE(finished.size(), 1);
        const auto outcome = finished.first().at(1).value<core::JobOutcome>();
        QVERIFY2(outcome.isDone(), qPrintable(outcome.message));
        const qint64 setId = outcome.result.toLongLong();
        QVERIFY(setId > 0);
        QVERIFY2(outcome.message.contains(QStringLiteral("clips of AV (late fusion, fold 0)")),
                 qPrintable(outcome.message));
        QVERIFY(outcome.message.contains(QStringLiteral("attribution errors: ")));
        QVERIFY(outcome.message.contains(QStringLiteral("baseline zeros")));
        // Counted progress, ending on all clips.
        QVERIFY(!progressed.isEmpty());
        const auto last = progressed.last().at(1).value<core::JobProgress>();
        QVERIFY(last.total > 0);
        QCOMPARE(last.done, last.total);
        QCOMPARE(storedSets(), 1);
    }

    void hookFailureStoresNothing()
    {
        const int before = storedSets();
        RunExplainer::Request request;
        ExplanationJob job(m_project, m_runId, request);
        job.setBeforeStore([](const RunExplainer::Outcome &) {
            throw core::UserError(QStringLiteral("out.csv: cannot write"));
        });
        const auto outcome = core::JobRunner::runHere(job, {});
        QVERIFY(outcome.isFailed());
        QCOMPARE(outcome.message, QStringLiteral("out.csv: cannot write"));
        QCOMPARE(storedSets(), before);
    }

    void cancelledStoresNothing()
    {
        const int before = storedSets();
        ExplanationJob job(m_project, m_runId, QStringLiteral("mean"));
        core::CancelToken token;
        token.cancel();
        QVERIFY(core::JobRunner::runHere(job, {}, token).isCancelled());
        QCOMPARE(storedSets(), before);
    }

    void failsInWords_data()
    {
        QTest::addColumn<qint64>("run");
        QTest::addColumn<QString>("baseline");
        QTest::addColumn<QString>("message");
        QTest::newRow("bad baseline")
            << qint64(1) << QStringLiteral("bogus") << QStringLiteral("'bogus' is not a baseline");
        QTest::newRow("no such run")
            << qint64(777) << QStringLiteral("mean") << QStringLiteral("777");
    }
    void failsInWords()
    {
        QFETCH(qint64, run);
        QFETCH(QString, baseline);
        QFETCH(QString, message);
        ExplanationJob job(m_project, run, baseline);
        const auto outcome = core::JobRunner::runHere(job, {});
        QVERIFY(outcome.isFailed());
        QVERIFY2(outcome.message.contains(message), qPrintable(outcome.message));
    }

    // Films without media: nothing to decode, a report all the same.
    void extractionReportsWithoutMedia()
    {
        ExtractionJob job(m_project, {}, core::ModalitySet{core::Modality::Audio});
        QStringList logs;
        core::JobRunner::Sinks sinks;
        sinks.log = [&](const QString &l) { logs.append(l); };
        const auto outcome = core::JobRunner::runHere(job, sinks);
        QVERIFY2(outcome.isDone(), qPrintable(outcome.message));
        QCOMPARE(outcome.result.toString(), outcome.message);
        QCOMPARE(outcome.message, job.report().summary());
        QCOMPARE(job.report().filmsWithoutMedia, 5);

        ExtractionJob missing(
            db::ProjectLocation::file(m_dir.filePath(QStringLiteral("none.msproj"))), {},
            core::ModalitySet{core::Modality::Audio});
        const auto failed = core::JobRunner::runHere(missing, {});
        QVERIFY(failed.isFailed());
        QVERIFY2(failed.message.contains(QStringLiteral("none.msproj")),
                 qPrintable(failed.message));
    }
};

int main(int argc, char **argv)
{
    ms::models::ensurePassiveOpenMp(argv); // see openmppolicy.h
    QCoreApplication app(argc, argv);
    TestExplanationJob t;
    return QTest::qExec(&t, argc, argv);
}
#include "tst_explanationjob.moc"
