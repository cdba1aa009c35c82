#include "database/projectdatabase.h"
#include "database/runrepository.h"
#include "database/sqlitedatabase.h"
#include "database/sqlitestatement.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <limits>
#include <memory>

using namespace ms;
using core::Modality;
using core::ModalitySet;

// The runs registry hands out typed records: the run's configuration, each
// model's configuration and the modality sets are parsed here, once, from
// what the project stores (JSON and letters, unchanged on disk so older
// projects read the same).
class TestRunRepository : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_n = 0;

    std::unique_ptr<db::ProjectDatabase> fresh()
    {
        return db::ProjectDatabase::open(
            db::ProjectLocation::file(m_dir.filePath(QStringLiteral("r%1.msproj").arg(++m_n))),
            db::ProjectDatabase::Mode::OpenOrCreate);
    }

    static db::RunConfig config()
    {
        db::RunConfig c;
        c.grid = {QStringLiteral("V/none"), QStringLiteral("AV/early")};
        c.trainSets = {QStringLiteral("CMAD"), QStringLiteral("CMSD")};
        c.folds = 5;
        c.onlyFolds = {0, 3};
        c.seed = 18446744073709551615ULL; // beyond a double: kept as text
        c.model = QJsonObject{{QStringLiteral("latents"), 16}};
        c.training = QJsonObject{{QStringLiteral("max_epochs"), 20}};
        c.extractors = {QStringLiteral("V: clip 1 (512)"), QStringLiteral("A: fbank 1 (80)")};
        c.labelRule = core::LabelRule::annotator(QStringLiteral("Anne Marie"));
        return c;
    }

private slots:
    void runConfigRoundTrip()
    {
        const auto p = fresh();
        db::RunRepository runs(p->sql());
        db::RunRecord r;
        r.kind = QStringLiteral("experiment");
        r.config = config();
        r.seed = 7;
        const qint64 id = runs.create(r);
        const auto back = runs.run(id);
        QVERIFY(back);
        QVERIFY(back->config == config());
        QCOMPARE(back->config.seed, 18446744073709551615ULL);
        QCOMPARE(back->seed, quint64(7));
        // Stored as the JSON object runs were always stored as.
        SqliteProbe probe{p->sql()};
        const QJsonObject stored = probe.config(id);
        QCOMPARE(stored.value(QStringLiteral("folds")).toInt(), 5);
        QCOMPARE(stored.value(QStringLiteral("seed")).toString(),
                 QStringLiteral("18446744073709551615"));
        QCOMPARE(stored.value(QStringLiteral("grid")).toArray().first().toString(),
                 QStringLiteral("V/none"));
        QCOMPARE(stored.value(QStringLiteral("train_sets")).toArray().size(), 2);
        QCOMPARE(stored.value(QStringLiteral("only_folds")).toArray().last().toInt(), 3);
        QCOMPARE(stored.value(QStringLiteral("extractors")).toArray().size(), 2);
        QCOMPARE(stored.value(QStringLiteral("label_rule")).toString(),
                 QStringLiteral("annotator:Anne Marie"));
        // A run stored before label rules existed used the latest annotation.
        p->sql().exec(QStringLiteral("UPDATE runs SET config = json_remove(config, '$.label_rule') "
                                     "WHERE id = %1").arg(id));
        QCOMPARE(runs.run(id)->config.labelRule, core::LabelRule::latest());
        QCOMPARE(runs.run(id)->config.folds, 5);
    }

    // A configuration that is not JSON (a damaged or foreign row) reads as
    // an empty one instead of failing the whole list.
    void unreadableConfigIsEmpty()
    {
        const auto p = fresh();
        db::RunRepository runs(p->sql());
        const qint64 id = runs.create(db::RunRecord{});
        p->sql().exec(QStringLiteral("UPDATE runs SET config = 'not json' WHERE id = %1").arg(id));
        const auto back = runs.run(id);
        QVERIFY(back);
        QVERIFY(back->config == db::RunConfig());
        QCOMPARE(back->config.folds, 0);
    }

    void modelsAndResultsCarryModalitySets()
    {
        const auto p = fresh();
        db::RunRepository runs(p->sql());
        const qint64 run = runs.create(db::RunRecord{});
        db::RunModelRecord m;
        m.runId = run;
        m.modalities = {Modality::Visual, Modality::Audio};
        m.trainSet = QStringLiteral("AV-CMSD");
        m.fold = 2;
        m.config.model = QJsonObject{{QStringLiteral("latents"), 8}};
        m.config.training = QJsonObject{{QStringLiteral("seed"), QStringLiteral("3")}};
        m.config.dims = {512, 80, 0};
        m.config.extractors = {QStringLiteral("V: clip 1 (512)")};
        m.weights = QByteArray("weights");
        m.parameters = 1234;
        m.bestEpoch = 4;
        m.bestValidationAucPr = 0.5;
        const qint64 modelId = runs.addModel(m);

        const auto listed = runs.models(run);
        QCOMPARE(listed.size(), 1);
        QCOMPARE(listed[0].modalities, (ModalitySet{Modality::Audio, Modality::Visual}));
        QVERIFY(listed[0].config == m.config);
        QVERIFY(listed[0].weights.isEmpty()); // the listing leaves weights out
        const auto full = runs.model(modelId);
        QVERIFY(full);
        QCOMPARE(full->weights, QByteArray("weights"));
        QVERIFY(full->config == m.config);
        QCOMPARE(p->sql().scalar("SELECT count(*) FROM run_models WHERE modalities = 'AV' AND "
                                 "json_extract(config, '$.inputs') = 'AV'"),
                 qint64(1));

        // dims are one per modality or nothing: a partial list is unreadable.
        p->sql().exec(QStringLiteral("UPDATE run_models SET config = json_set(config, '$.dims', "
                                     "json('[512, 80]')) WHERE id = %1")
                          .arg(modelId));
        QVERIFY(runs.model(modelId)->config.dims.isEmpty());

        db::RunResultRecord r;
        r.runId = run;
        r.modalities = {Modality::Audio, Modality::Visual, Modality::Text};
        r.fusion = QStringLiteral("late");
        r.trainSet = QStringLiteral("CMSD");
        r.testSet = QStringLiteral("AVT-CMSD");
        r.models = {modelId, 42};
        runs.addResult(r, {{QStringLiteral("c1"), 0.9, 1}});
        const auto results = runs.results(run);
        QCOMPARE(results.size(), 1);
        QCOMPARE(results[0].modalities.letters(), QStringLiteral("AVT"));
        QCOMPARE(results[0].models, (QList<qint64>{modelId, 42}));
        QCOMPARE(p->sql().scalar(QStringLiteral("SELECT count(*) FROM run_results WHERE models = "
                                                "'%1,42'")
                                     .arg(modelId)
                                     .toUtf8()
                                     .constData()),
                 qint64(1));
        // Letters the parser does not know come back as the empty set.
        p->sql().exec("UPDATE run_results SET modalities = 'XY'");
        QVERIFY(runs.results(run)[0].modalities.isEmpty());
    }

    void summariesAverageTheKnownAucPrs()
    {
        const auto p = fresh();
        db::RunRepository runs(p->sql());
        const qint64 empty = runs.create(db::RunRecord{});
        const qint64 scored = runs.create(db::RunRecord{});
        for (double ap : {0.2, 0.6, std::numeric_limits<double>::quiet_NaN()}) {
            db::RunResultRecord r;
            r.runId = scored;
            r.modalities = {Modality::Text};
            r.fusion = QStringLiteral("none");
            r.trainSet = QStringLiteral("CMSD");
            r.fold = int(runs.results(scored).size());
            r.aucPr = ap; // NaN: no positive in the fold
            runs.addResult(r, {});
        }
        const auto list = runs.summaries();
        QCOMPARE(list.size(), 2);
        QCOMPARE(list[0].run.id, scored); // newest first
        QCOMPARE(list[0].results, 2);
        QVERIFY(list[0].meanAucPr);
        QVERIFY(std::abs(*list[0].meanAucPr - 0.4) < 1e-12);
        QCOMPARE(list[1].run.id, empty);
        QCOMPARE(list[1].results, 0);
        QVERIFY(!list[1].meanAucPr);
        QCOMPARE(list[0].run.status, runs.run(scored)->status);
    }

private:
    struct SqliteProbe
    {
        db::SqliteDatabase &db;
        QJsonObject config(qint64 runId)
        {
            auto st = db.prepare("SELECT config FROM runs WHERE id = ?");
            st.bind(1, runId);
            if (!st.step())
                return {};
            return QJsonDocument::fromJson(st.text(0).toUtf8()).object();
        }
    };
};

QTEST_GUILESS_MAIN(TestRunRepository)
#include "tst_runrepository.moc"
