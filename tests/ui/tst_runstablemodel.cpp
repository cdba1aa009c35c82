#include "database/projectdatabase.h"
#include "database/runrepository.h"
#include "ui/projectdocument.h"
#include "ui/runstablemodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <limits>
#include <memory>

using namespace ms;

// The runs list the training panel and the runs view share: its rows are
// what the runs registry holds, newest first, with each run's mean AUC-PR
// over the results that have one; QAbstractItemModelTester checks the model
// contract through every reset.
class TestRunsTableModel : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_path;
    qint64 m_plain = 0, m_synthetic = 0, m_failed = 0;

    static void addResult(db::RunRepository &repo, qint64 run, int fold, double ap)
    {
        db::RunResultRecord r;
        r.runId = run;
        r.modalities = {core::Modality::Visual};
        r.fusion = QStringLiteral("none");
        r.trainSet = QStringLiteral("CMSD");
        r.testSet = QStringLiteral("V-CMSD");
        r.fold = fold;
        // NaN: a test fold without positives; the mean leaves it out.
        if (!std::isnan(ap))
            r.aucPr = ap;
        r.positives = 1;
        r.negatives = 3;
        repo.addResult(r, {});
    }

    static QString cell(const QAbstractItemModel &m, int row, int column,
                        int role = Qt::DisplayRole)
    {
        return m.index(row, column).data(role).toString();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("runs.msproj"));
        db::ProjectDatabase project(m_path, db::ProjectDatabase::Mode::OpenOrCreate);
        db::RunRepository repo(project.sql());
        db::RunRecord plain;
        plain.kind = QStringLiteral("experiment");
        plain.label = QStringLiteral("V on CMSD");
        plain.device = QStringLiteral("cpu, 2 threads, BLAS OpenBLAS");
        m_plain = repo.create(plain);
        addResult(repo, m_plain, 0, 0.5);
        addResult(repo, m_plain, 1, 0.75);
        addResult(repo, m_plain, 2, std::numeric_limits<double>::quiet_NaN());
        repo.finish(m_plain, QStringLiteral("finished"));

        db::RunRecord synthetic;
        synthetic.kind = QStringLiteral("gui");
        synthetic.label = QStringLiteral("AV early on CMSD");
        synthetic.synthetic = true;
        m_synthetic = repo.create(synthetic);
        repo.finish(m_synthetic, QStringLiteral("cancelled"));

        db::RunRecord failed;
        failed.kind = QStringLiteral("train");
        m_failed = repo.create(failed);
        repo.finish(m_failed, QStringLiteral("failed"), QStringLiteral("out of memory"));
    }

    void rowsAreTheRegistryNewestFirst()
    {
        ui::ProjectDocument doc(m_path, ui::ProjectDocument::OpenMode::OpenExisting);
        ui::RunsTableModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        model.setDocument(&doc);
        QVERIFY(model.lastError().isEmpty());
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.columnCount(), int(ui::RunsTableModel::ColumnCount));
        QCOMPARE(model.headerData(ui::RunsTableModel::MeanAucPr, Qt::Horizontal).toString(),
                 QStringLiteral("Mean AUC-PR"));

        QCOMPARE(model.runId(0), m_failed);
        QCOMPARE(model.runId(1), m_synthetic);
        QCOMPARE(model.runId(2), m_plain);
        QCOMPARE(model.runId(3), qint64(0));
        QCOMPARE(model.rowOf(m_plain), 2);
        QCOMPARE(model.rowOf(999), -1);
        for (int c = 0; c < model.columnCount(); ++c)
            QCOMPARE(model.index(2, c).data(ui::RunsTableModel::RunIdRole).toLongLong(), m_plain);

        QCOMPARE(cell(model, 2, ui::RunsTableModel::Id), QString::number(m_plain));
        QCOMPARE(cell(model, 2, ui::RunsTableModel::Kind), QStringLiteral("experiment"));
        QCOMPARE(cell(model, 2, ui::RunsTableModel::Status), QStringLiteral("finished"));
        QCOMPARE(cell(model, 2, ui::RunsTableModel::What), QStringLiteral("V on CMSD"));
        // (0.5 + 0.75) / 2: the fold without an AUC-PR is left out.
        QCOMPARE(cell(model, 2, ui::RunsTableModel::MeanAucPr), QStringLiteral("0.6250"));
        QCOMPARE(cell(model, 2, ui::RunsTableModel::Device), QStringLiteral("cpu, 2 threads"));
        QVERIFY(model.index(2, 0).data(Qt::ToolTipRole).isNull());

        QVERIFY(cell(model, 1, ui::RunsTableModel::What)
                    .endsWith(QStringLiteral("[SYNTHETIC features]")));
        QCOMPARE(cell(model, 1, ui::RunsTableModel::MeanAucPr), QStringLiteral("\u2014"));
        QCOMPARE(cell(model, 0, ui::RunsTableModel::Status), QStringLiteral("failed"));
        QCOMPARE(cell(model, 0, ui::RunsTableModel::What, Qt::ToolTipRole),
                 QStringLiteral("out of memory"));

        QCOMPARE(model.summaries().size(), 3);
        QCOMPARE(model.summaries()[2].results, 2);
    }

    // Rows change only on refresh(), and then show what another connection
    // (a training worker) committed meanwhile.
    void refreshReadsWhatOthersCommitted()
    {
        ui::ProjectDocument doc(m_path, ui::ProjectDocument::OpenMode::OpenExisting);
        ui::RunsTableModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setDocument(&doc);
        const int before = model.rowCount();
        qint64 added = 0;
        {
            db::ProjectDatabase worker(m_path, db::ProjectDatabase::Mode::OpenExisting);
            db::RunRecord r;
            r.kind = QStringLiteral("gui");
            r.label = QStringLiteral("from the worker");
            added = db::RunRepository(worker.sql()).create(r);
        }
        QCOMPARE(model.rowCount(), before);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QVERIFY(model.refresh());
        QCOMPARE(reset.size(), 1);
        QCOMPARE(model.rowCount(), before + 1);
        QCOMPARE(model.runId(0), added);
        QCOMPARE(cell(model, 0, ui::RunsTableModel::Status), QStringLiteral("running"));
        QCOMPARE(cell(model, 0, ui::RunsTableModel::What), QStringLiteral("from the worker"));
        {
            db::ProjectDatabase worker(m_path, db::ProjectDatabase::Mode::OpenExisting);
            db::RunRepository(worker.sql()).remove(added);
        }
        QVERIFY(model.refresh());
        QCOMPARE(model.rowCount(), before);
    }

    void closedDocumentEmptiesTheModel()
    {
        ui::RunsTableModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto doc = std::make_unique<ui::ProjectDocument>(
            m_path, ui::ProjectDocument::OpenMode::OpenExisting);
        model.setDocument(doc.get());
        QVERIFY(model.rowCount() > 0);
        doc.reset();
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!model.document());
        QVERIFY(model.refresh());
        QCOMPARE(model.rowCount(), 0);
        model.setDocument(nullptr);
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestRunsTableModel)
#include "tst_runstablemodel.moc"
