#include "ui/runsview.h"

#include "core/error.h"
#include "ui/precisionrecallcurve.h"
#include "ui/projectdocument.h"
#include "ui/runstablemodel.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QHeaderView>
#include <QLabel>
#include <QLineSeries>
#include <QSplitter>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QValueAxis>
#include <cmath>

namespace ms::ui {

namespace {

const QColor kCmad(0x9e, 0xc5, 0xe8); // light
const QColor kCmsd(0x1f, 0x4e, 0x89); // dark

QString formatMetric(const std::optional<double> &v)
{
    return v && !std::isnan(*v) ? QString::number(*v, 'f', 4) : QStringLiteral("\u2014");
}

void setUpTable(QTableView *t)
{
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->verticalHeader()->hide();
    t->horizontalHeader()->setStretchLastSection(true);
    t->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    t->setAlternatingRowColors(true);
}

QTableWidget *makeTable(const QStringList &headers, QWidget *parent)
{
    auto *t = new QTableWidget(0, int(headers.size()), parent);
    t->setHorizontalHeaderLabels(headers);
    setUpTable(t);
    return t;
}

QChartView *makeView(QChart *chart, QWidget *parent)
{
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->legend()->setAlignment(Qt::AlignBottom);
    auto *view = new QChartView(chart, parent);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumSize(360, 260);
    return view;
}

} // namespace

RunsView::RunsView(QWidget *parent)
    : QWidget(parent), m_runsModel(new RunsTableModel(this)), m_message(new QLabel(this)),
      m_runTable(new QTableView(this)),
      m_resultTable(makeTable({tr("Entry"), tr("Trained on"), tr("Tested on"), tr("Fold"),
                               tr("AUC-PR"), tr("ROC-AUC"), tr("Positives / negatives")},
                              this)),
      m_prChart(new QChart), m_prView(makeView(m_prChart, this)), m_barChart(new QChart),
      m_barView(makeView(m_barChart, this))
{
    setWindowTitle(tr("Runs"));
    m_runTable->setModel(m_runsModel);
    setUpTable(m_runTable);
    m_runTable->setObjectName(QStringLiteral("runs"));
    m_resultTable->setObjectName(QStringLiteral("results"));
    m_runTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_resultTable->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_resultTable->setToolTip(tr("Select results (Ctrl+click for several) to draw their "
                                 "precision-recall curves."));
    m_message->setWordWrap(true);
    m_prChart->setTitle(tr("Precision-recall curves of the selected results"));
    m_barChart->setTitle(tr("CMAD vs CMSD: mean AUC-PR over folds, tested on each entry's CMSD"));

    auto *tables = new QSplitter(Qt::Vertical, this);
    tables->addWidget(m_runTable);
    tables->addWidget(m_resultTable);
    auto *charts = new QSplitter(Qt::Vertical, this);
    charts->addWidget(m_prView);
    charts->addWidget(m_barView);
    auto *main = new QSplitter(Qt::Horizontal, this);
    main->addWidget(tables);
    main->addWidget(charts);
    main->setStretchFactor(0, 1);
    main->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addWidget(main, 1);

    connect(m_runTable->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        if (m_filling)
            return;
        const auto rows = m_runTable->selectionModel()->selectedRows();
        if (!rows.isEmpty())
            loadRun(m_runsModel->runId(rows.first().row()));
    });
    connect(m_resultTable, &QTableWidget::itemSelectionChanged, this,
            &RunsView::resultSelectionChanged);
    setDocument(nullptr);
}

void RunsView::setError(const QString &message)
{
    m_error = message;
    m_message->setText(message);
    m_message->setVisible(!message.isEmpty());
}

void RunsView::setDocument(ProjectDocument *document)
{
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    // A closed project leaves nothing to show (the model empties itself).
    if (document)
        connect(document, &QObject::destroyed, this, &RunsView::refresh);
    m_runId = 0;
    m_filling = true;
    m_runsModel->setDocument(document);
    m_filling = false;
    refresh();
}

QString RunsView::projectPath() const
{
    return m_document ? m_document->path() : QString();
}

QList<db::RunRecord> RunsView::runs() const
{
    QList<db::RunRecord> out;
    for (const db::RunSummary &s : m_runsModel->summaries())
        out.append(s.run);
    return out;
}

void RunsView::refresh()
{
    setError({});
    const qint64 keep = m_runId;
    // The reset clears the selection; the kept run is selected again below.
    m_filling = true;
    if (!m_runsModel->refresh())
        setError(m_runsModel->lastError());
    m_filling = false;
    if (m_runsModel->rowCount() == 0) {
        loadRun(0);
        if (m_document && m_error.isEmpty())
            setError(tr("No runs yet: train a model in the Training panel or with "
                        "\"modalscope-cli experiment\"."));
        return;
    }
    m_runId = 0; // the table has no selection after the reset
    if (!selectRun(keep))
        selectRun(m_runsModel->runId(0));
}

bool RunsView::selectRun(qint64 runId)
{
    const int row = m_runsModel->rowOf(runId);
    if (row < 0)
        return false;
    if (m_runTable->currentIndex().row() == row && m_runId == runId)
        return true;
    m_runTable->selectRow(row);
    if (m_runId != runId) // selecting an already selected row emits nothing
        loadRun(runId);
    return true;
}

void RunsView::loadRun(qint64 runId)
{
    m_runId = runId;
    m_results.clear();
    if (runId && m_document) {
        try {
            m_results = m_document->runResults(runId);
        } catch (const core::UserError &e) {
            setError(e.message());
        }
    }
    m_comparison = RunComparison::compute(m_results);
    m_filling = true;
    m_resultTable->clearSelection();
    m_resultTable->setRowCount(int(m_results.size()));
    for (int row = 0; row < m_results.size(); ++row) {
        const db::RunResultRecord &r = m_results[row];
        RunComparison::Entry e;
        e.modalities = r.modalities;
        e.fusion = r.fusion;
        const QStringList cells{e.label(),
                                r.trainSet,
                                r.testSet,
                                QString::number(r.fold),
                                formatMetric(r.aucPr),
                                formatMetric(r.rocAuc),
                                QStringLiteral("%1 / %2").arg(r.positives).arg(r.negatives)};
        for (int c = 0; c < cells.size(); ++c) {
            auto *item = new QTableWidgetItem(cells[c]);
            item->setData(Qt::UserRole, r.id);
            m_resultTable->setItem(row, c, item);
        }
    }
    m_filling = false;
    rebuildComparisonChart();
    if (!m_results.isEmpty())
        m_resultTable->selectRow(0); // draws its curve
    else
        showCurves({});
    emit runSelected(runId);
}

void RunsView::resultSelectionChanged()
{
    if (m_filling)
        return;
    QList<qint64> ids;
    for (const QModelIndex &i : m_resultTable->selectionModel()->selectedRows())
        ids.append(m_resultTable->item(i.row(), 0)->data(Qt::UserRole).toLongLong());
    showCurves(ids);
}

void RunsView::showCurves(const QList<qint64> &resultIds)
{
    m_curves.clear();
    m_prChart->removeAllSeries();
    for (QAbstractAxis *a : m_prChart->axes())
        m_prChart->removeAxis(a);
    auto *x = new QValueAxis;
    x->setRange(0, 1);
    x->setTitleText(tr("Recall"));
    auto *y = new QValueAxis;
    y->setRange(0, 1.02);
    y->setTitleText(tr("Precision"));
    m_prChart->addAxis(x, Qt::AlignBottom);
    m_prChart->addAxis(y, Qt::AlignLeft);
    if (resultIds.isEmpty() || !m_document)
        return;
    try {
        // Twelve curves are already hard to tell apart.
        for (qint64 id : resultIds.mid(0, 12)) {
            const auto it = std::find_if(m_results.cbegin(), m_results.cend(),
                                         [id](const auto &r) { return r.id == id; });
            if (it == m_results.cend())
                continue;
            const std::vector<db::RunPrediction> predictions = m_document->runPredictions(id);
            std::vector<float> scores;
            std::vector<int> targets;
            scores.reserve(predictions.size());
            targets.reserve(predictions.size());
            for (const db::RunPrediction &p : predictions) {
                scores.push_back(float(p.score));
                targets.push_back(p.target);
            }
            const QList<QPointF> points = precisionRecallCurve(scores, targets);
            RunComparison::Entry e;
            e.modalities = it->modalities;
            e.fusion = it->fusion;
            auto *series = new QLineSeries;
            series->setName(tr("%1 on %2, fold %3 (AUC-PR %4)")
                                .arg(e.label(), it->trainSet)
                                .arg(it->fold)
                                .arg(formatMetric(it->aucPr)));
            series->replace(points);
            m_prChart->addSeries(series);
            series->attachAxis(x);
            series->attachAxis(y);
            m_curves.append(id);
        }
    } catch (const core::UserError &e) {
        setError(e.message());
    }
}

void RunsView::rebuildComparisonChart()
{
    m_barChart->removeAllSeries();
    for (QAbstractAxis *a : m_barChart->axes())
        m_barChart->removeAxis(a);
    if (m_comparison.entries.isEmpty())
        return;
    auto *cmad = new QBarSet(tr("trained on CMAD"));
    auto *cmsd = new QBarSet(tr("trained on CMSD"));
    cmad->setColor(kCmad);
    cmad->setBorderColor(kCmad.darker(120));
    cmsd->setColor(kCmsd);
    cmsd->setBorderColor(kCmsd);
    QStringList categories;
    for (const RunComparison::Entry &e : std::as_const(m_comparison.entries)) {
        categories << e.label();
        // A missing bar is drawn as 0 height: Qt Charts has no gaps.
        *cmad << e.cmad.value_or(0);
        *cmsd << e.cmsd.value_or(0);
    }
    auto *series = new QBarSeries;
    series->append(cmad);
    series->append(cmsd);
    series->setLabelsVisible(true);
    series->setLabelsFormat(QStringLiteral("@value"));
    series->setLabelsPrecision(3);
    m_barChart->addSeries(series);
    auto *x = new QBarCategoryAxis;
    x->append(categories);
    auto *y = new QValueAxis;
    y->setRange(0, 1);
    y->setTitleText(tr("AUC-PR"));
    m_barChart->addAxis(x, Qt::AlignBottom);
    m_barChart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
}

} // namespace ms::ui
