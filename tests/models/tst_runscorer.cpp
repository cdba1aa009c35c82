#include "database/annotationqueuebuilder.h"
#include "database/annotationrepository.h"
#include "database/projectdatabase.h"
#include "database/taxonomyrepository.h"
#include "database/runrepository.h"
#include "models/runscorer.h"
#include "tests/models/modelfixtures.h"
#include "tests/testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace ms;

// Annotate next on clips a run never tested (issue 16): a VT late-fusion
// run over 3 folds, trained while four clips had no annotation, scores them
// with its stored models; the same models give back the run's own test
// predictions on a tested clip.
class TestRunScorer : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_db;
    const QStringList m_waiting = {"tt1000000-000", "tt1000001-001", "tt1000002-002",
                                   "tt1000003-003"};

private Q_SLOTS:
    void initTestCase()
    {
        m_db = m_dir.filePath(QStringLiteral("p.msproj"));
        test::makeProject(m_db, 6, 12);
        {
            db::ProjectDatabase p(m_db, db::ProjectDatabase::Mode::OpenExisting);
            db::AnnotationRepository a(p.sql());
            for (const QString &clip : m_waiting)
                QVERIFY(a.setAnnotation(a.clipByName(clip)->id, QStringLiteral("test"), {},
                                        QStringLiteral("test")));
        }
        const auto train = test::runCli(
            {QStringLiteral("train"), QStringLiteral("--db"), m_db, QStringLiteral("--modalities"),
             QStringLiteral("VT"), QStringLiteral("--fusion"), QStringLiteral("late"),
             QStringLiteral("--quick"), QStringLiteral("--folds"), QStringLiteral("3"),
             QStringLiteral("--epochs"), QStringLiteral("2"), QStringLiteral("--device"),
             QStringLiteral("cpu")},
            600000);
        QVERIFY2(train.exitCode == 0, train.err.constData());
    }

    void scoresUntestedClipsAndReproducesTheRunsOwnPredictions()
    {
        db::ProjectDatabase p(m_db, db::ProjectDatabase::Mode::OpenExisting);
        db::RunRepository runs(p.sql());
        const QList<db::RunResultRecord> entry =
            db::AnnotationQueueBuilder::mainEntry(runs.results(1));
        QCOMPARE(entry.size(), 3);
        QCOMPARE(entry.first().modalities.letters(), QStringLiteral("VT"));
        // A tested clip of fold `k`, with the score the run recorded.
        const db::RunPrediction tested = runs.predictions(entry[1].id).front();
        for (const db::RunResultRecord &r : entry)
            for (const db::RunPrediction &pr : runs.predictions(r.id))
                QVERIFY2(!m_waiting.contains(pr.clip), qPrintable(pr.clip));

        const auto out = models::RunScorer::score(
            p.sql(), 1, m_waiting + QStringList{tested.clip, QStringLiteral("no-such-clip")});
        QCOMPARE(out.folds, 3);
        QCOMPARE(out.withoutFeatures, 1);
        QCOMPARE(out.scores.size(), 5);
        QCOMPARE(out.perFold.size(), 3);
        // Fold 1's models fuse as the run did: its recorded test score.
        QVERIFY2(std::abs(out.perFold[1].value(tested.clip) - tested.score) < 1e-5,
                 qPrintable(QStringLiteral("%1 against %2")
                                .arg(out.perFold[1].value(tested.clip))
                                .arg(tested.score)));
        for (const QString &clip : m_waiting) {
            const double mean = (out.perFold[0].value(clip) + out.perFold[1].value(clip) +
                                 out.perFold[2].value(clip)) /
                                3.0;
            QVERIFY(std::abs(out.scores.value(clip) - mean) < 1e-12);
            QVERIFY(out.scores.value(clip) > 0 && out.scores.value(clip) < 1);
        }
    }

    void queueRanksTheUntestedClipsByTheModelsScore()
    {
        QHash<QString, double> scores;
        {
            db::ProjectDatabase p(m_db, db::ProjectDatabase::Mode::OpenExisting);
            scores = models::RunScorer::score(p.sql(), 1, m_waiting).scores;
        }
        QStringList expected = m_waiting;
        std::stable_sort(expected.begin(), expected.end(), [&](const QString &a, const QString &b) {
            return std::abs(scores[a] - 0.5) < std::abs(scores[b] - 0.5);
        });
        const auto r =
            test::runCli({QStringLiteral("queue"), QStringLiteral("--db"), m_db,
                          QStringLiteral("--run"), QStringLiteral("1"), QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(o.value(QStringLiteral("model_scored")).toInt(), 4);
        QStringList order;
        for (const QJsonValue &v : o.value(QStringLiteral("clips")).toArray()) {
            const QJsonObject c = v.toObject();
            order.append(c.value(QStringLiteral("clip")).toString());
            QVERIFY(c.value(QStringLiteral("ranked")).toBool());
            QVERIFY(!c.value(QStringLiteral("tested")).toBool());
            QVERIFY(std::abs(c.value(QStringLiteral("score")).toDouble() - scores[order.last()]) <
                    1e-9);
        }
        QCOMPARE(order, expected);
        const auto text = test::runCli({QStringLiteral("queue"), QStringLiteral("--db"), m_db,
                                        QStringLiteral("--run"), QStringLiteral("1")});
        QVERIFY(text.out.contains("4 clips the run never tested are scored by its models (mean "
                                  "over 3 folds)."));
        QVERIFY(text.out.contains("fold models' mean score"));

        const auto only = test::runCli({QStringLiteral("queue"), QStringLiteral("--db"), m_db,
                                        QStringLiteral("--run"), QStringLiteral("1"),
                                        QStringLiteral("--tested-only"), QStringLiteral("--json")});
        QCOMPARE(QJsonDocument::fromJson(only.out)
                     .object()
                     .value(QStringLiteral("ranked_clips"))
                     .toInt(),
                 0);
    }

    // Rationale agreement on a real explanation, against figures computed
    // here from the explain CSV and the annotations: the model reads V and
    // T, so only the clips with a visual concept count (the audio concepts
    // of HN clips name a modality it cannot read).
    void rationaleAgreesWithTheExplainCsv()
    {
        const QString csv = m_dir.filePath(QStringLiteral("e.csv"));
        const auto explain = test::runCli({QStringLiteral("explain"), QStringLiteral("--db"), m_db,
                                           QStringLiteral("--run"), QStringLiteral("1"),
                                           QStringLiteral("--out"), csv},
                                          600000);
        QVERIFY2(explain.exitCode == 0, explain.err.constData());
        QSet<QString> visual;
        {
            db::ProjectDatabase p(m_db, db::ProjectDatabase::Mode::OpenExisting);
            const core::Taxonomy tax = db::TaxonomyRepository(p.sql()).load();
            for (const core::Annotation &a : db::AnnotationRepository(p.sql()).effectiveAnnotations())
                if (tax.modalitiesOf(a.concepts).contains(core::Modality::Visual))
                    visual.insert(a.clipName);
        }
        const QList<QByteArray> lines = test::readFile(csv).trimmed().split('\n');
        const QList<QByteArray> header = lines.first().split(',');
        const int clipCol = int(header.indexOf("clip_id")), v = int(header.indexOf("phi_V")),
                  t = int(header.indexOf("phi_T"));
        int clips = 0, top = 0, all = 0;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QList<QByteArray> row = lines[i].split(',');
            if (!visual.contains(QString::fromUtf8(row[clipCol])))
                continue;
            ++clips;
            top += row[v].toDouble() > row[t].toDouble() ? 1 : 0;
            all += row[v].toDouble() >= 0.10 ? 1 : 0;
        }
        QVERIFY(clips > 0);
        const auto r = test::runCli({QStringLiteral("rationale"), QStringLiteral("--db"), m_db,
                                     QStringLiteral("--run"), QStringLiteral("1"),
                                     QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject corpus =
            QJsonDocument::fromJson(r.out).object().value(QStringLiteral("corpus")).toObject();
        QCOMPARE(corpus.value(QStringLiteral("clips")).toInt(), clips);
        QCOMPARE(corpus.value(QStringLiteral("top_agrees")).toInt(), top);
        QCOMPARE(corpus.value(QStringLiteral("all_above")).toInt(), all);
        qInfo("rationale on the explained fold: %d clips, top %d, all %d", clips, top, all);
    }
};

QTEST_GUILESS_MAIN(TestRunScorer)
#include "tst_runscorer.moc"
