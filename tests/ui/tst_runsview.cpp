#include "core/error.h"
#include "database/projectdatabase.h"
#include "database/runrepository.h"
#include "ui/projectdocument.h"
#include "ui/runcomparison.h"
#include "ui/runstablemodel.h"
#include "ui/runsview.h"

#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QLineSeries>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace ms;

class TestRunsView : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_path;
    qint64 m_run = 0, m_older = 0;
    QList<qint64> m_results;

    static db::RunResultRecord result(qint64 run, const QString &mods, const QString &fusion,
                                      const QString &train, int fold, std::optional<double> ap)
    {
        db::RunResultRecord r;
        r.runId = run;
        r.modalities = *core::ModalitySet::parseLetters(mods);
        r.fusion = fusion;
        r.trainSet = train;
        r.testSet = mods + QStringLiteral("-CMSD");
        r.fold = fold;
        r.aucPr = ap;
        r.rocAuc = 0.7;
        r.positives = 2;
        r.negatives = 2;
        return r;
    }

private slots:
    void initTestCase()
    {
        m_path = m_dir.filePath(QStringLiteral("runs.msproj"));
        db::ProjectDatabase project(m_path, db::ProjectDatabase::Mode::OpenOrCreate);
        db::RunRepository repo(project.sql());
        db::RunRecord older;
        older.kind = QStringLiteral("train");
        older.label = QStringLiteral("older run");
        m_older = repo.create(older);
        repo.finish(m_older, QStringLiteral("finished"));
        db::RunRecord run;
        run.kind = QStringLiteral("experiment");
        run.label = QStringLiteral("V and AV early, CMAD and CMSD");
        run.device = QStringLiteral("cpu (2 threads), OpenBLAS");
        m_run = repo.create(run);
        const std::vector<db::RunPrediction> preds = {
            {"a", 0.9, 1}, {"b", 0.8, 0}, {"c", 0.7, 1}, {"d", 0.6, 0}};
        // V: CMAD folds 0.4, 0.6 (mean 0.5); CMSD 0.8, unknown (mean 0.8).
        m_results << repo.addResult(result(m_run, "V", "none", "CMAD", 0, 0.4), preds);
        m_results << repo.addResult(result(m_run, "V", "none", "CMAD", 1, 0.6), preds);
        m_results << repo.addResult(result(m_run, "V", "none", "CMSD", 0, 0.8), preds);
        m_results << repo.addResult(result(m_run, "V", "none", "CMSD", 1, std::nullopt), preds);
        // AV early: CMSD only.
        m_results << repo.addResult(result(m_run, "AV", "early", "CMSD", 0, 0.9), preds);
        repo.finish(m_run, QStringLiteral("finished"));
    }

    void comparisonMeansPerEntryAndTrainingSet()
    {
        db::ProjectDatabase project(m_path, db::ProjectDatabase::Mode::OpenExisting);
        const auto c = ui::RunComparison::compute(db::RunRepository(project.sql()).results(m_run));
        QCOMPARE(c.entries.size(), 2);
        QCOMPARE(c.entries[0].label(), QStringLiteral("V"));
        QCOMPARE(c.entries[1].label(), QStringLiteral("AV early"));
        QVERIFY(std::abs(*c.entries[0].cmad - 0.5) < 1e-12);
        QCOMPARE(c.entries[0].cmadFolds, 2);
        QVERIFY(std::abs(*c.entries[0].cmsd - 0.8) < 1e-12);
        QCOMPARE(c.entries[0].cmsdFolds, 1); // the unknown fold is left out
        QVERIFY(!c.entries[1].cmad);
        QVERIFY(std::abs(*c.entries[1].cmsd - 0.9) < 1e-12);
    }

    void listsRunsAndChartsTheNewest()
    {
        ui::ProjectDocument doc(m_path, ui::ProjectDocument::OpenMode::OpenExisting);
        ui::RunsView view;
        view.resize(1200, 800);
        view.setDocument(&doc);
        QCOMPARE(view.projectPath(), doc.path());
        QCOMPARE(view.runsTable()->model()->rowCount(), 2);
        QCOMPARE(view.currentRun(), m_run); // newest first, selected
        QCOMPARE(view.runsTable()->selectionModel()->selectedRows().value(0).row(), 0);
        QCOMPARE(view.resultsTable()->rowCount(), 5);
        // Mean AUC-PR of the run over known results: (0.4+0.6+0.8+0.9)/4.
        QCOMPARE(view.runsTable()->model()->index(0, 4).data().toString(),
                 QStringLiteral("0.6750"));

        // Comparison chart: CMAD light, CMSD dark, one bar per entry.
        const auto series = view.comparisonChart()->series();
        QCOMPARE(series.size(), 1);
        auto *bars = qobject_cast<QBarSeries *>(series.first());
        QVERIFY(bars);
        QCOMPARE(bars->count(), 2);
        QBarSet *cmad = bars->barSets()[0], *cmsd = bars->barSets()[1];
        QVERIFY(cmad->label().contains(QStringLiteral("CMAD")));
        QVERIFY(cmad->color().lightness() > cmsd->color().lightness());
        QCOMPARE(cmad->count(), 2);
        QVERIFY(std::abs(cmad->at(0) - 0.5) < 1e-12);
        QVERIFY(std::abs(cmsd->at(1) - 0.9) < 1e-12);

        // The first result's curve is drawn; selecting more draws more.
        QCOMPARE(view.shownCurves(), QList<qint64>{m_results[0]});
        auto *line = qobject_cast<QLineSeries *>(view.curveChart()->series().first());
        QVERIFY(line);
        QCOMPARE(line->count(), 5);
        QCOMPARE(line->at(4), QPointF(1.0, 0.5));
        view.resultsTable()->selectAll();
        QCOMPARE(view.shownCurves().size(), 5);
        QCOMPARE(view.curveChart()->series().size(), 5);

        // Another run: its (empty) results replace the first's.
        QVERIFY(view.selectRun(m_older));
        QCOMPARE(view.resultsTable()->rowCount(), 0);
        QVERIFY(view.comparisonChart()->series().isEmpty());
        QVERIFY(view.curveChart()->series().isEmpty());
        QVERIFY(!view.selectRun(9999));

        // A refresh keeps the selected run and picks up a new one.
        {
            db::ProjectDatabase project(m_path, db::ProjectDatabase::Mode::OpenExisting);
            db::RunRecord extra;
            extra.kind = QStringLiteral("train");
            db::RunRepository(project.sql()).create(extra);
        }
        view.refresh();
        QCOMPARE(view.runs().size(), 3);
        QCOMPARE(view.currentRun(), m_older);
        QCOMPARE(view.runsTable()->selectionModel()->selectedRows().value(0).row(), 2);
    }

    // The view never opens a project itself: a file that is no project is
    // refused by the document, naming it, and a view without a document
    // lists nothing and claims nothing.
    void badProjectIsReportedInWords()
    {
        const QString missing = m_dir.filePath(QStringLiteral("missing.msproj"));
        try {
            ui::ProjectDocument doc(missing, ui::ProjectDocument::OpenMode::OpenExisting);
            QFAIL("a missing project opened");
        } catch (const core::UserError &e) {
            QVERIFY2(e.message().contains(QStringLiteral("missing.msproj")),
                     qPrintable(e.message()));
        }
        ui::RunsView view;
        view.setDocument(nullptr);
        QCOMPARE(view.runsTable()->model()->rowCount(), 0);
        QVERIFY(view.lastError().isEmpty());
        QVERIFY(view.projectPath().isEmpty());
    }

    // The document going away (the window opened another project) empties
    // the view instead of leaving it on a dead connection.
    void documentClosedEmptiesTheList()
    {
        ui::RunsView view;
        {
            ui::ProjectDocument doc(m_path, ui::ProjectDocument::OpenMode::OpenExisting);
            view.setDocument(&doc);
            QVERIFY(view.runsModel()->rowCount() >= 2);
        }
        QCOMPARE(view.runsModel()->rowCount(), 0);
        QVERIFY(view.projectPath().isEmpty());
        view.refresh();
        QCOMPARE(view.runsModel()->rowCount(), 0);
    }
};

QTEST_MAIN(TestRunsView)
#include "tst_runsview.moc"
