#include "database/annotationqueuebuilder.h"
#include "database/annotationrepository.h"
#include "database/projectdatabase.h"
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
        const auto r = test::runCli({QStringLiteral("queue"), QStringLiteral("--db"), m_db,
                                     QStringLiteral("--run"), QStringLiteral("1"),
                                     QStringLiteral("--json")});
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
        QCOMPARE(QJsonDocument::fromJson(only.out).object().value(QStringLiteral("ranked_clips")).toInt(),
                 0);
    }
};

QTEST_GUILESS_MAIN(TestRunScorer)
#include "tst_runscorer.moc"
