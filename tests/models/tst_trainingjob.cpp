#include "core/error.h"
#include "core/jobs/jobrunner.h"
#include "database/annotationrepository.h"
#include "database/projectdatabase.h"
#include "database/runrepository.h"
#include "modelfixtures.h"
#include "models/experimentrunner.h"
#include "models/featureset.h"
#include "models/openmppolicy.h"
#include "models/trainedmodel.h"
#include "models/trainingjob.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace ms;
using namespace ms::models;

namespace {

ExperimentSpec smallSpec(QList<GridEntry> entries, int epochs)
{
    ExperimentSpec s;
    s.entries = std::move(entries);
    s.folds = 3;
    s.onlyFolds = {0};
    s.model = PerceiverConfig::quick();
    s.train = TrainOptions::quick();
    s.train.maxEpochs = epochs;
    s.train.device = QStringLiteral("cpu");
    s.kind = QStringLiteral("test");
    return s;
}

} // namespace

class TestTrainingJob : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_project;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_project = m_dir.filePath(QStringLiteral("p.msproj"));
        test::makeProject(m_project);
    }

    void runRecordsAndReopens()
    {
        using core::Modality;
        const auto spec = smallSpec(
            {{core::ModalitySet{Modality::Visual}, Fusion::None},
             {core::ModalitySet{Modality::Audio, Modality::Visual}, Fusion::Late},
             {core::ModalitySet{Modality::Audio, Modality::Visual, Modality::Text}, Fusion::Early}},
            3);
        const auto outcome = ExperimentRunner(db::ProjectLocation::file(m_project), spec).run();
        QVERIFY(!outcome.cancelled);
        QVERIFY(outcome.synthetic);
        // Components per training set: V, A (late AV), VT and AV (early AVT).
        QCOMPARE(outcome.modelsTrained, 8);
        QCOMPARE(outcome.rows.size(), 6); // 3 entries x CMAD/CMSD x 1 fold

        db::ProjectDatabase project(m_project, db::ProjectDatabase::Mode::OpenExisting);
        db::RunRepository runs(project.sql());
        const auto run = runs.run(outcome.runId);
        QVERIFY(run);
        QCOMPARE(run->status, QStringLiteral("finished"));
        QVERIFY(!run->annotationsHash.isEmpty() && !run->featuresHash.isEmpty());
        QVERIFY(run->synthetic);
        const auto results = runs.results(outcome.runId);
        QCOMPARE(results.size(), 6);
        for (int i = 0; i < results.size(); ++i)
            QCOMPARE(*results[i].aucPr, outcome.rows[i].aucPr);

        // Reopen the unimodal CMSD model and predict its test clips again.
        const auto vCmsd = std::find_if(results.begin(), results.end(), [](const auto &r) {
            return r.modalities == core::ModalitySet{core::Modality::Visual} &&
                   r.trainSet == u"CMSD";
        });
        QVERIFY(vCmsd != results.end());
        const auto stored = runs.predictions(vCmsd->id);
        QVERIFY(!stored.empty());
        QCOMPARE(vCmsd->models.size(), 1); // a unimodal entry is one network
        const auto model = runs.model(vCmsd->models.first());
        QVERIFY(model && !model->weights.isEmpty());
        const QList<int> &dims = model->config.dims;
        QCOMPARE(dims.size(), 3);
        const TrainedModel reopened(PerceiverConfig::fromJson(model->config.model), model->modalities,
                                    {dims[0], dims[1], dims[2]}, model->weights);
        const FeatureSet features = FeatureSet::load(project.sql(), core::ModalitySet{core::Modality::Visual});
        std::vector<int> clips;
        for (const auto &p : stored)
            clips.push_back(features.indexOf(p.clip));
        const auto again = reopened.predict(features, clips);
        for (size_t i = 0; i < stored.size(); ++i)
            QVERIFY(std::abs(double(again[i]) - stored[i].score) < 1e-6);
    }

    // Issue 14: the run reads its labels through its label rule and records
    // the rule. A second annotator labels every other clip Sure with the
    // first annotator's visual concept and the rest EN.
    void labelRuleChoosesTheLabelsAndIsRecorded()
    {
        const QString path = m_dir.filePath(QStringLiteral("two-annotators.msproj"));
        test::makeProject(path, 3, 12);
        {
            db::ProjectDatabase project(path, db::ProjectDatabase::Mode::OpenOrCreate);
            db::AnnotationRepository repo(project.sql());
            QString visual;
            for (const auto &a : repo.effectiveAnnotations())
                if (a.level == core::Level::Sure)
                    visual = a.concepts.value(0);
            QVERIFY(!visual.isEmpty());
            int k = 0;
            for (const core::Clip &c : repo.clips()) {
                db::AnnotationState s;
                s.level = k++ % 2 == 0 ? core::Level::Sure : core::Level::EasyNegative;
                if (*s.level == core::Level::Sure)
                    s.concepts = {visual};
                repo.setAnnotation(c.id, QStringLiteral("bob"), s, QStringLiteral("test"));
            }
        }
        auto runWith = [&](const core::LabelRule &rule) {
            auto spec = smallSpec({{core::ModalitySet{core::Modality::Visual}, Fusion::None}}, 1);
            spec.trainSets = {QStringLiteral("CMSD")};
            spec.labelRule = rule;
            return ExperimentRunner(db::ProjectLocation::file(path), spec).run();
        };
        const auto first = runWith(core::LabelRule::annotator(QStringLiteral("test")));
        const auto second = runWith(core::LabelRule::annotator(QStringLiteral("bob")));
        QCOMPARE(first.rows.size(), 1);
        QCOMPARE(second.rows.size(), 1);
        // The same test films, other labels: other positives.
        QCOMPARE(first.rows[0].positives + first.rows[0].negatives,
                 second.rows[0].positives + second.rows[0].negatives);
        QVERIFY(first.rows[0].positives != second.rows[0].positives);

        db::ProjectDatabase project(path, db::ProjectDatabase::Mode::OpenExisting);
        db::RunRepository runs(project.sql());
        const auto a = runs.run(first.runId), b = runs.run(second.runId);
        QCOMPARE(a->config.labelRule, core::LabelRule::annotator(QStringLiteral("test")));
        QCOMPARE(b->config.labelRule, core::LabelRule::annotator(QStringLiteral("bob")));
        QVERIFY(a->annotationsHash != b->annotationsHash);
        // An annotator who annotated nothing: a clear error, no run recorded.
        const int before = int(runs.runs().size());
        try {
            runWith(core::LabelRule::annotator(QStringLiteral("zoe")));
            QFAIL("trained on an annotator without annotations");
        } catch (const core::UserError &e) {
            QVERIFY2(e.message().contains(QStringLiteral("'zoe'")), qPrintable(e.message()));
        }
        QCOMPARE(int(runs.runs().size()), before);
    }

    void doneWithRunIdSummaryAndEveryEpoch()
    {
        core::JobRunner runner;
        QSignalSpy partials(&runner, &core::JobRunner::partialResult);
        QSignalSpy logs(&runner, &core::JobRunner::logLine);
        QSignalSpy finished(&runner, &core::JobRunner::finished);
        auto spec = smallSpec({{core::ModalitySet{core::Modality::Visual}, Fusion::None}}, 4);
        spec.train.patience = 100;
        spec.trainSets = {QStringLiteral("CMSD")};
        runner.start(std::make_unique<TrainingJob>(db::ProjectLocation::file(m_project), spec));
        QVERIFY(runner.waitForIdle(120000));
        QCOMPARE(finished.size(), 1);
        const auto outcome = finished.first().at(1).value<core::JobOutcome>();
        QVERIFY2(outcome.isDone(), qPrintable(outcome.message));
        const qint64 runId = outcome.result.toLongLong();
        QVERIFY(runId > 0);
        QVERIFY(outcome.message.contains(QStringLiteral("V none on CMSD: test AUC-PR ")));
        QVERIFY(outcome.message.contains(QStringLiteral("SYNTHETIC")));
        // Every epoch arrives, throttle or not: they are important partials.
        QCOMPARE(partials.size(), 4);
        for (int i = 0; i < partials.size(); ++i) {
            const auto p = partials.at(i).at(1).value<ExperimentProgress>();
            QCOMPARE(p.epoch.epoch, i + 1);
            QCOMPARE(p.epoch.maxEpochs, 4);
        }
        QVERIFY(!logs.isEmpty());
        QVERIFY(logs.first().at(1).toString().startsWith(TrainingJob::devicePrefix() +
                                                         QStringLiteral("CPU")));
        db::ProjectDatabase project(m_project, db::ProjectDatabase::Mode::OpenExisting);
        const auto run = db::RunRepository(project.sql()).run(runId);
        QVERIFY(run);
        QCOMPARE(run->status, QStringLiteral("finished"));
    }

    void cancelWithinASecond()
    {
        core::JobRunner runner;
        QSignalSpy epochs(&runner, &core::JobRunner::partialResult);
        QSignalSpy finished(&runner, &core::JobRunner::finished);
        auto spec = smallSpec({{core::ModalitySet{core::Modality::Visual}, Fusion::None}}, 500);
        spec.train.patience = 500;
        const auto id =
            runner.start(std::make_unique<TrainingJob>(db::ProjectLocation::file(m_project), spec));
        QVERIFY(epochs.wait(30000));
        QElapsedTimer t;
        t.start();
        runner.cancel(id);
        QVERIFY(finished.wait(5000));
        QVERIFY2(t.elapsed() < 1000,
                 qPrintable(QStringLiteral("cancel took %1 ms").arg(t.elapsed())));
        QCOMPARE(finished.size(), 1);
        const auto outcome = finished.first().at(1).value<core::JobOutcome>();
        QVERIFY(outcome.isCancelled());
        db::ProjectDatabase project(m_project, db::ProjectDatabase::Mode::OpenExisting);
        const auto run = db::RunRepository(project.sql()).run(outcome.result.toLongLong());
        QVERIFY(run);
        QCOMPARE(run->status, QStringLiteral("cancelled"));
    }

    void cudaWithoutGpuIsAClearError()
    {
        if (Trainer::resolveDevice(QStringLiteral("auto")).startsWith(u"cuda"))
            QSKIP("this machine has CUDA");
        auto spec = smallSpec({{core::ModalitySet{core::Modality::Visual}, Fusion::None}}, 1);
        spec.train.device = QStringLiteral("cuda");
        TrainingJob job(db::ProjectLocation::file(m_project), spec);
        const auto outcome = core::JobRunner::runHere(job, {});
        QVERIFY(outcome.isFailed());
        QVERIFY2(outcome.message.contains(QStringLiteral("CUDA")), qPrintable(outcome.message));
    }
};

int main(int argc, char **argv)
{
    ms::models::ensurePassiveOpenMp(argv); // see openmppolicy.h
    QCoreApplication app(argc, argv);
    TestTrainingJob t;
    return QTest::qExec(&t, argc, argv);
}
#include "tst_trainingjob.moc"
