#include "database/projectdatabase.h"
#include "database/runrepository.h"
#include "models/experimentrunner.h"
#include "models/featureset.h"
#include "models/openmppolicy.h"
#include "models/trainedmodel.h"
#include "models/trainingworker.h"
#include "modelfixtures.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonArray>
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

class TestTrainingWorker : public QObject
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
        const auto spec = smallSpec({{core::ModalitySet{Modality::Visual}, Fusion::None},
                                     {core::ModalitySet{Modality::Audio, Modality::Visual}, Fusion::Late},
                                     {core::ModalitySet{Modality::Audio, Modality::Visual, Modality::Text},
                                      Fusion::Early}},
                                    3);
        const auto outcome = ExperimentRunner(m_project, spec).run();
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
        const auto model = runs.model(vCmsd->models.toLongLong());
        QVERIFY(model && !model->weights.isEmpty());
        const QJsonObject cfg = QJsonDocument::fromJson(model->config.toUtf8()).object();
        const QJsonArray dims = cfg.value(QStringLiteral("dims")).toArray();
        const TrainedModel reopened(PerceiverConfig::fromJson(cfg.value(QStringLiteral("model")).toObject()),
                                    *core::ModalitySet::parseLetters(model->modalities),
                                    {dims[0].toInt(), dims[1].toInt(), dims[2].toInt()}, model->weights);
        const FeatureSet features = FeatureSet::load(project.sql(), core::ModalitySet{core::Modality::Visual});
        std::vector<int> clips;
        for (const auto &p : stored)
            clips.push_back(features.indexOf(p.clip));
        const auto again = reopened.predict(features, clips);
        for (size_t i = 0; i < stored.size(); ++i)
            QVERIFY(std::abs(double(again[i]) - stored[i].score) < 1e-6);
    }

    void cancelWithinASecond()
    {
        QThread thread;
        TrainingWorker worker;
        worker.moveToThread(&thread);
        thread.start();
        QSignalSpy started(&worker, &TrainingWorker::runStarted);
        QSignalSpy epochs(&worker, &TrainingWorker::epochFinished);
        QSignalSpy cancelled(&worker, &TrainingWorker::cancelled);
        QSignalSpy finished(&worker, &TrainingWorker::finished);
        auto spec = smallSpec({{core::ModalitySet{core::Modality::Visual}, Fusion::None}}, 500);
        spec.train.patience = 500;
        worker.start(m_project, spec);
        QVERIFY(epochs.wait(30000));
        QCOMPARE(started.size(), 1);
        QVERIFY(started.first().first().toString().contains(QStringLiteral("CPU")));
        QElapsedTimer t;
        t.start();
        worker.cancel();
        QVERIFY(cancelled.wait(5000));
        QVERIFY2(t.elapsed() < 1000, qPrintable(QStringLiteral("cancel took %1 ms").arg(t.elapsed())));
        QCOMPARE(finished.size(), 0);
        thread.quit();
        thread.wait();
        db::ProjectDatabase project(m_project, db::ProjectDatabase::Mode::OpenExisting);
        const auto run = db::RunRepository(project.sql()).run(cancelled.first().first().toLongLong());
        QVERIFY(run);
        QCOMPARE(run->status, QStringLiteral("cancelled"));
    }

    void cudaWithoutGpuIsAClearError()
    {
        if (Trainer::resolveDevice(QStringLiteral("auto")) == u"cuda")
            QSKIP("this machine has CUDA");
        QThread thread;
        TrainingWorker worker;
        worker.moveToThread(&thread);
        thread.start();
        QSignalSpy failed(&worker, &TrainingWorker::failed);
        auto spec = smallSpec({{core::ModalitySet{core::Modality::Visual}, Fusion::None}}, 1);
        spec.train.device = QStringLiteral("cuda");
        worker.start(m_project, spec);
        QVERIFY(failed.wait(10000));
        QVERIFY(failed.first().first().toString().contains(QStringLiteral("CUDA")));
        thread.quit();
        thread.wait();
    }
};

int main(int argc, char **argv)
{
    ms::models::ensurePassiveOpenMp(argv); // see openmppolicy.h
    QCoreApplication app(argc, argv);
    TestTrainingWorker t;
    return QTest::qExec(&t, argc, argv);
}
#include "tst_trainingworker.moc"
