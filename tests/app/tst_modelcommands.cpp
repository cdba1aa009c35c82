#include "database/projectlocation.h"
#include "models/experimentbundle.h"
#include "models/openmppolicy.h"
#include "tests/models/modelfixtures.h"
#include "tests/testsupport.h"

#include <QFile>
#include <QMap>
#include <cmath>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>

using namespace ms;

// The verbs of the models layer, run as a user runs them.
class TestModelCommands : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void metricsPrintsAveragePrecisionAndRocAuc()
    {
        // Ties grouped: AP = 1/3 + 1/6 + 1/5 = 0.7, ROC-AUC 3/6 (see tst_metrics).
        const QString f = m_dir.filePath(QStringLiteral("s.csv"));
        test::writeFile(f, "score,target\n0.9,1\n0.5,0\n0.5,1\n0.5,0\n0.2,1\n");
        const auto r = test::runCli({QStringLiteral("metrics"), QStringLiteral("--scores"), f});
        QCOMPARE(r.exitCode, 0);
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        QVERIFY(lines[0].startsWith("average_precision="));
        QVERIFY(std::abs(lines[0].mid(18).toDouble() - 0.7) < 1e-12);
        QCOMPARE(lines[1], QByteArray("roc_auc=0.5"));
        test::writeFile(f, "score,target\n0.9,2\n");
        QCOMPARE(test::runCli({QStringLiteral("metrics"), QStringLiteral("--scores"), f}).exitCode, 1);
    }

    void experimentWritesTheTables()
    {
        const QString db = m_dir.filePath(QStringLiteral("p.msproj"));
        test::makeProject(db);
        const QString out = m_dir.filePath(QStringLiteral("out"));
        const auto r = test::runCli({QStringLiteral("experiment"), QStringLiteral("--db"), db,
                                     QStringLiteral("--out"), out, QStringLiteral("--quick"),
                                     QStringLiteral("--folds"), QStringLiteral("3"),
                                     QStringLiteral("--only-folds"), QStringLiteral("0"),
                                     QStringLiteral("--epochs"), QStringLiteral("2"),
                                     QStringLiteral("--grid"), QStringLiteral("V,AV/late"),
                                     QStringLiteral("--device"), QStringLiteral("cpu")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.contains("SYNTHETIC"));
        const QList<QByteArray> summary = test::readFile(out + QStringLiteral("/summary.csv")).trimmed().split('\n');
        QCOMPARE(summary.first(),
                 QByteArray("modalities,fusion,train_set,auc_pr_mean,auc_pr_ci_low,auc_pr_ci_high,n_folds"));
        QCOMPARE(summary.size(), 5); // V and AV late, each on CMAD and CMSD
        QVERIFY(summary[1].startsWith("V,none,CMAD,"));
        QVERIFY(summary[4].startsWith("AV,late,CMSD,"));
        const QList<QByteArray> results = test::readFile(out + QStringLiteral("/results.csv")).trimmed().split('\n');
        QCOMPARE(results.first(),
                 QByteArray("modalities,fusion,train_set,fold,auc_pr,roc_auc,positives,negatives"));
        QCOMPARE(results.size(), 5);
        QVERIFY(!QImage(out + QStringLiteral("/auc_pr.png")).isNull());

        const auto runs = test::runCli({QStringLiteral("runs"), QStringLiteral("--db"), db});
        QCOMPARE(runs.exitCode, 0);
        QVERIFY(runs.out.contains("experiment\tfinished"));
        const auto cuda = test::runCli({QStringLiteral("train"), QStringLiteral("--db"), db,
                                        QStringLiteral("--modalities"), QStringLiteral("V"),
                                        QStringLiteral("--device"), QStringLiteral("cuda")});
        if (!cuda.err.contains("no CUDA device"))
            QSKIP("this machine has CUDA");
        QCOMPARE(cuda.exitCode, 1);
    }

    // A grid run in pieces (--only-folds) is reported as one with --merge:
    // every fold's rows once, the means over all of them; a fold twice, or a
    // piece of another grid, is refused.
    void gridPiecesMergeIntoOneReport()
    {
        const QString db = m_dir.filePath(QStringLiteral("pieces.msproj"));
        test::makeProject(db);
        auto piece = [&](const QString &fold, const QString &grid) {
            const QString out = m_dir.filePath(QStringLiteral("piece-%1-%2").arg(QString(fold).replace(u',', u'_'), grid.left(1)));
            const auto r = test::runCli({QStringLiteral("experiment"), QStringLiteral("--db"), db,
                                         QStringLiteral("--out"), out, QStringLiteral("--quick"),
                                         QStringLiteral("--folds"), QStringLiteral("3"),
                                         QStringLiteral("--only-folds"), fold,
                                         QStringLiteral("--epochs"), QStringLiteral("1"),
                                         QStringLiteral("--grid"), grid,
                                         QStringLiteral("--device"), QStringLiteral("cpu")});
            [&] { QVERIFY2(r.exitCode == 0, r.err.constData()); }();
            return out;
        };
        const QString p0 = piece(QStringLiteral("0"), QStringLiteral("V"));
        const QString p12 = piece(QStringLiteral("1,2"), QStringLiteral("V"));
        const QString other = piece(QStringLiteral("1"), QStringLiteral("A"));
        const QString merged = m_dir.filePath(QStringLiteral("merged"));
        const auto r = test::runCli({QStringLiteral("experiment"), QStringLiteral("--out"), merged,
                                     QStringLiteral("--merge"), p0 + u',' + p12});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.contains("merged 2 pieces"));
        QVERIFY(r.out.contains("SYNTHETIC"));
        const QList<QByteArray> results = test::readFile(merged + QStringLiteral("/results.csv")).trimmed().split('\n');
        QCOMPARE(results.size(), 1 + 3 * 2); // folds 0, 1, 2 on CMAD and CMSD
        const QList<QByteArray> summary = test::readFile(merged + QStringLiteral("/summary.csv")).trimmed().split('\n');
        QCOMPARE(summary.size(), 3);
        QVERIFY2(summary[1].startsWith("V,none,CMAD,") && summary[1].endsWith(",3"), summary[1].constData());
        // the CMAD mean is the mean of the three folds' rows
        double sum = 0;
        for (const QByteArray &line : results.mid(1))
            if (line.contains(",CMAD,"))
                sum += line.split(',')[4].toDouble();
        QVERIFY(std::abs(summary[1].split(',')[3].toDouble() - sum / 3) < 1e-3);
        // paired.csv: CMSD minus CMAD per fold, averaged over the three folds
        QMap<QByteArray, double> cmad, cmsd;
        for (const QByteArray &line : results.mid(1))
            (line.contains(",CMAD,") ? cmad : cmsd).insert(line.split(',')[3], line.split(',')[4].toDouble());
        double diff = 0;
        int higher = 0;
        for (auto it = cmad.cbegin(); it != cmad.cend(); ++it) {
            diff += cmsd.value(it.key()) - it.value();
            higher += cmsd.value(it.key()) > it.value();
        }
        const QList<QByteArray> paired = test::readFile(merged + QStringLiteral("/paired.csv")).trimmed().split('\n');
        QCOMPARE(paired.size(), 2);
        const QList<QByteArray> row = paired[1].split(',');
        QCOMPARE(row[0] + ',' + row[1], QByteArray("CMSD-CMAD,V/none"));
        QVERIFY2(std::abs(row[3].toDouble() - diff / 3) < 1e-3, paired[1].constData());
        QCOMPARE(row[6].toInt(), 3);
        QCOMPARE(row[7].toInt(), higher);

        const auto twice = test::runCli({QStringLiteral("experiment"), QStringLiteral("--out"),
                                         m_dir.filePath(QStringLiteral("m2")), QStringLiteral("--merge"),
                                         p0 + u',' + p0});
        QCOMPARE(twice.exitCode, 1);
        QVERIFY2(twice.err.contains("is in an earlier piece too"), twice.err.constData());
        const auto mixed = test::runCli({QStringLiteral("experiment"), QStringLiteral("--out"),
                                         m_dir.filePath(QStringLiteral("m3")), QStringLiteral("--merge"),
                                         p0 + u',' + other});
        QCOMPARE(mixed.exitCode, 1);
        QVERIFY2(mixed.err.contains("another grid"), mixed.err.constData());
    }

    void gridTasksCollectAsALocalRun()
    {
        // What the Slurm array tasks run, started here by hand: a bundle, its
        // tasks through the CLI, then --collect into the project.
        const QString db = m_dir.filePath(QStringLiteral("tasks.msproj"));
        test::makeProject(db);
        const QString bundle = m_dir.filePath(QStringLiteral("bundle"));
        models::ExperimentSpec::Options o;
        o.quick = true;
        o.maxEpochs = 2;
        o.folds = 3;
        o.onlyFolds = {0};
        o.device = QStringLiteral("cpu");
        const auto spec = models::ExperimentSpec::paper(
            o, {{core::ModalitySet{core::Modality::Visual}, models::Fusion::None}});
        const auto b = models::ExperimentBundle::create(bundle, db::ProjectLocation::file(db), spec,
                                                        QStringLiteral(MS_CLI_PATH));
        QCOMPARE(b.models().size(), 2); // V on CMAD and on V-CMSD, fold 0
        const QString out = m_dir.filePath(QStringLiteral("collected"));
        const auto early = test::runCli({QStringLiteral("experiment"), QStringLiteral("--db"), db,
                                         QStringLiteral("--out"), out, QStringLiteral("--collect"), bundle});
        QCOMPARE(early.exitCode, 1);
        QVERIFY2(early.err.contains("have no result yet"), early.err.constData());
        for (int i = 0; i < b.models().size(); ++i) {
            const auto t = test::runCli({QStringLiteral("experiment"), QStringLiteral("--run-task"),
                                         QString::number(i), QStringLiteral("--bundle"), bundle});
            QVERIFY2(t.exitCode == 0, t.err.constData());
        }
        const auto r = test::runCli({QStringLiteral("experiment"), QStringLiteral("--db"), db,
                                     QStringLiteral("--out"), out, QStringLiteral("--collect"), bundle});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(test::readFile(out + QStringLiteral("/results.csv")).trimmed().split('\n').size(), 3);
        QVERIFY(test::runCli({QStringLiteral("runs"), QStringLiteral("--db"), db}).out.contains("experiment\tfinished"));
    }
    void clusterAndPrecisionMistakesAreClearErrors()
    {
        const QString db = m_dir.filePath(QStringLiteral("p.msproj"));
        if (!QFile::exists(db))
            test::makeProject(db);
        const QString out = m_dir.filePath(QStringLiteral("out2"));
        const auto executor = test::runCli({QStringLiteral("experiment"), QStringLiteral("--db"), db,
                                            QStringLiteral("--out"), out, QStringLiteral("--executor"),
                                            QStringLiteral("grid")});
        QVERIFY(executor.exitCode != 0);
        QVERIFY2(executor.err.contains("local or slurm"), executor.err.constData());
        const auto collect = test::runCli({QStringLiteral("experiment"), QStringLiteral("--db"), db,
                                           QStringLiteral("--out"), out, QStringLiteral("--collect"),
                                           m_dir.filePath(QStringLiteral("nowhere"))});
        QCOMPARE(collect.exitCode, 1);
        QVERIFY2(collect.err.contains("not an experiment bundle"), collect.err.constData());
        const auto amp = test::runCli({QStringLiteral("train"), QStringLiteral("--db"), db,
                                       QStringLiteral("--modalities"), QStringLiteral("V"),
                                       QStringLiteral("--device"), QStringLiteral("cpu"),
                                       QStringLiteral("--amp"), QStringLiteral("bf16")});
        QCOMPARE(amp.exitCode, 1);
        QVERIFY2(amp.err.contains("CUDA only"), amp.err.constData());
    }
};

int main(int argc, char **argv)
{
    ms::models::ensurePassiveOpenMp(argv); // see models/openmppolicy.h
    QCoreApplication app(argc, argv);
    TestModelCommands t;
    return QTest::qExec(&t, argc, argv);
}
#include "tst_modelcommands.moc"
