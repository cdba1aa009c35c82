#pragma once

#include "database/runrepository.h"
#include "ui/runcomparison.h"

#include <QList>
#include <QPointer>
#include <QWidget>

class QChart;
class QChartView;
class QLabel;
class QTableView;
class QTableWidget;

namespace ms::ui {

class ProjectDocument;
class RunsTableModel;

// The project's runs: the list of runs with their mean AUC-PR, the results
// of the selected run (one row per grid entry, training set and fold), the
// precision-recall curves of the selected results (from the predictions
// stored per result), and the CMAD-vs-CMSD comparison of the run (mean
// AUC-PR per entry, CMAD light, CMSD dark, as in the paper's figures).
//
// Reads the runs registry through the document (the GUI thread's one
// connection; WAL lets a training worker write meanwhile); refresh() after a
// run finishes.
class RunsView : public QWidget
{
    Q_OBJECT
public:
    explicit RunsView(QWidget *parent = nullptr);

    // nullptr: no project (nothing listed).
    void setDocument(ProjectDocument *document);
    ProjectDocument *document() const { return m_document; }
    // The document's project file; empty without one.
    QString projectPath() const;
    void refresh();

    // Selects the run (its results, curves and comparison); false when the
    // project has no such run.
    bool selectRun(qint64 runId);
    qint64 currentRun() const { return m_runId; }
    QList<db::RunRecord> runs() const;
    QList<db::RunResultRecord> results() const { return m_results; }
    const RunComparison &comparison() const { return m_comparison; }
    // Shows the curves of these results of the current run (ids).
    void showCurves(const QList<qint64> &resultIds);
    QList<qint64> shownCurves() const { return m_curves; }

    QTableView *runsTable() const { return m_runTable; }
    RunsTableModel *runsModel() const { return m_runsModel; }
    QTableWidget *resultsTable() const { return m_resultTable; }
    QChart *curveChart() const { return m_prChart; }
    QChart *comparisonChart() const { return m_barChart; }
    QString lastError() const { return m_error; }

signals:
    void runSelected(qint64 runId);

private:
    void loadRun(qint64 runId);
    void rebuildComparisonChart();
    void resultSelectionChanged();
    void setError(const QString &message);

    QPointer<ProjectDocument> m_document;
    RunsTableModel *m_runsModel;
    qint64 m_runId = 0;
    QList<db::RunResultRecord> m_results;
    RunComparison m_comparison;
    QList<qint64> m_curves;
    QString m_error;
    bool m_filling = false;

    QLabel *m_message;
    QTableView *m_runTable;
    QTableWidget *m_resultTable;
    QChart *m_prChart;
    QChartView *m_prView;
    QChart *m_barChart;
    QChartView *m_barView;
};

} // namespace ms::ui
