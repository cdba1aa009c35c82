#include "ui/annotationqueuepanel.h"

#include "core/error.h"
#include "models/runscoringjob.h"
#include "ui/projectdocument.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace ms::ui {

AnnotationQueuePanel::AnnotationQueuePanel(QWidget *parent)
    : QWidget(parent), m_run(new QComboBox(this)), m_order(new QComboBox(this)),
      m_pool(new QComboBox(this)), m_summary(new QLabel(this)), m_table(new QTableWidget(this))
{
    m_run->setObjectName(QStringLiteral("queueRun"));
    m_order->setObjectName(QStringLiteral("queueOrder"));
    m_pool->setObjectName(QStringLiteral("queuePool"));
    m_table->setObjectName(QStringLiteral("queueTable"));
    m_order->addItem(tr("Uncertainty (score nearest 0.5 first)"),
                     int(core::QueueOrder::Uncertainty));
    m_order->addItem(tr("Attribution error (largest first)"),
                     int(core::QueueOrder::AttributionError));
    m_order->addItem(tr("Disagreement with the model (largest gap first)"),
                     int(core::QueueOrder::Disagreement));
    m_pool->addItem(tr("Clips I have not annotated"), int(Pool::NotMine));
    m_pool->addItem(tr("Clips nobody has annotated"), int(Pool::Nobody));
    m_pool->addItem(tr("Disagreements not yet adjudicated"), int(Pool::Unadjudicated));
    m_run->setToolTip(tr("The run whose test predictions and explanations order the clips; "
                         "while one is chosen, N goes to the next clip of this queue."));
    m_summary->setWordWrap(true);
    m_summary->setObjectName(QStringLiteral("queueSummary"));

    m_table->setColumnCount(5);
    m_table->setHorizontalHeaderLabels({tr("#"), tr("Clip"), tr("Film"), tr("Key"), tr("Why")});
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setStretchLastSection(true);
    connect(m_table, &QTableWidget::cellActivated, this, [this](int row, int) {
        if (QTableWidgetItem *item = m_table->item(row, RankColumn))
            emit clipActivated(item->data(Qt::UserRole).toLongLong());
    });

    auto *refresh = new QPushButton(tr("Refresh"), this);
    refresh->setToolTip(tr("Read the runs again (after training or explaining)"));
    connect(refresh, &QPushButton::clicked, this, &AnnotationQueuePanel::refreshRuns);
    auto *form = new QFormLayout;
    auto *runRow = new QHBoxLayout;
    runRow->addWidget(m_run, 1);
    runRow->addWidget(refresh);
    form->addRow(tr("Run:"), runRow);
    form->addRow(tr("Order:"), m_order);
    form->addRow(tr("Clips:"), m_pool);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);

    connect(m_run, &QComboBox::currentIndexChanged, this, &AnnotationQueuePanel::refresh);
    connect(m_order, &QComboBox::currentIndexChanged, this, &AnnotationQueuePanel::refresh);
    connect(m_pool, &QComboBox::currentIndexChanged, this, &AnnotationQueuePanel::refresh);
    setDocument(nullptr);
}

void AnnotationQueuePanel::setJobRunner(core::JobRunner *jobs)
{
    m_jobs = jobs;
    connect(jobs, &core::JobRunner::finished, this,
            [this](core::JobRunner::JobId id, const core::JobOutcome &outcome) {
                if (id == m_scoringJob)
                    scoringEnded(outcome);
            });
}

void AnnotationQueuePanel::setDocument(ProjectDocument *document)
{
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    // Scores belong to the old project's runs; a job still running for it
    // is left to end unheard.
    if (m_scoringJob && m_jobs)
        m_jobs->cancel(m_scoringJob);
    m_scoringJob = 0;
    m_modelScores.clear();
    if (document) {
        connect(document, &ProjectDocument::annotationChanged, this,
                &AnnotationQueuePanel::refresh);
        connect(document, &ProjectDocument::reloaded, this, &AnnotationQueuePanel::refresh);
    }
    {
        const QSignalBlocker block(m_run);
        m_run->clear();
        m_run->addItem(tr("None (N: next unannotated clip)"), 0);
    }
    refreshRuns();
    chooseRun(0);
}

void AnnotationQueuePanel::setAnnotatorProvider(std::function<QString()> provider)
{
    m_annotator = std::move(provider);
}

void AnnotationQueuePanel::refreshRuns()
{
    const qint64 keep = currentRun();
    QList<db::RunSummary> runs;
    if (m_document) {
        try {
            runs = m_document->runSummaries();
        } catch (const core::UserError &e) {
            m_error = e.message();
        }
    }
    {
        const QSignalBlocker block(m_run);
        while (m_run->count() > 1)
            m_run->removeItem(1);
        for (const db::RunSummary &s : runs)
            m_run->addItem(tr("Run %1: %2 (%3)").arg(s.run.id).arg(s.run.label, s.run.status),
                           s.run.id);
        const int i = m_run->findData(keep);
        m_run->setCurrentIndex(i < 0 ? 0 : i);
    }
    refresh();
}

bool AnnotationQueuePanel::chooseRun(qint64 runId)
{
    const int i = m_run->findData(runId);
    if (i < 0)
        return false;
    if (i == m_run->currentIndex())
        refresh();
    else
        m_run->setCurrentIndex(i);
    return true;
}

qint64 AnnotationQueuePanel::currentRun() const
{
    return m_run->currentData().toLongLong();
}

void AnnotationQueuePanel::setOrder(core::QueueOrder order)
{
    m_order->setCurrentIndex(m_order->findData(int(order)));
}

core::QueueOrder AnnotationQueuePanel::order() const
{
    return core::QueueOrder(m_order->currentData().toInt());
}

void AnnotationQueuePanel::setPool(Pool pool)
{
    m_pool->setCurrentIndex(m_pool->findData(int(pool)));
}

AnnotationQueuePanel::Pool AnnotationQueuePanel::pool() const
{
    return Pool(m_pool->currentData().toInt());
}

void AnnotationQueuePanel::refresh()
{
    m_report.reset();
    m_error.clear();
    if (m_document && isActive()) {
        db::QueueRequest r;
        r.runId = currentRun();
        r.options.order = order();
        r.pool = pool() == Pool::Unadjudicated ? db::QueuePool::Unadjudicated
                                               : db::QueuePool::Unannotated;
        if (pool() == Pool::NotMine) {
            r.annotator = m_annotator ? m_annotator() : QString();
            if (r.annotator.isEmpty())
                m_error = tr("No annotator name is set yet (Edit > Change Annotator Name): "
                             "showing the clips nobody has annotated.");
        }
        const ModelScores &scored = m_modelScores[r.runId];
        r.modelScores = scored.scores;
        r.modelScoreFolds = scored.folds; // 0 until a scoring job has ended
        try {
            m_report = m_document->annotationQueue(r);
        } catch (const core::UserError &e) {
            m_error = e.message();
        }
        scoreUntested();
    }
    fill();
    emit queueChanged();
}

void AnnotationQueuePanel::scoreUntested()
{
    if (!m_report || !m_jobs || m_scoringJob ||
        m_report->options.order != core::QueueOrder::Uncertainty)
        return;
    ModelScores &scored = m_modelScores[m_report->run.id];
    QStringList untested;
    for (const core::QueueEntry &e : m_report->entries)
        if (!e.ranked && !scored.tried.contains(e.candidate.clip))
            untested.append(e.candidate.clip);
    if (untested.isEmpty())
        return;
    for (const QString &c : std::as_const(untested))
        scored.tried.insert(c);
    m_scoringRun = m_report->run.id;
    m_scoringJob = m_jobs->start(
        std::make_unique<models::RunScoringJob>(m_document->location(), m_scoringRun, untested));
}

void AnnotationQueuePanel::scoringEnded(const core::JobOutcome &outcome)
{
    m_scoringJob = 0;
    ModelScores &scored = m_modelScores[m_scoringRun];
    if (outcome.isDone()) {
        const QVariantMap result = outcome.result.toMap();
        const QVariantHash scores = result.value(QStringLiteral("scores")).toHash();
        for (auto it = scores.cbegin(); it != scores.cend(); ++it)
            scored.scores.insert(it.key(), it.value().toDouble());
        scored.folds = result.value(QStringLiteral("folds")).toInt();
    } else if (!outcome.isCancelled()) {
        scored.error = outcome.message;
    }
    if (currentRun() == m_scoringRun)
        refresh();
}

void AnnotationQueuePanel::fill()
{
    m_table->setRowCount(0);
    m_summary->setText(message());
    m_table->setVisible(m_report.has_value());
    if (!m_report)
        return;
    const auto &entries = m_report->entries;
    m_table->setRowCount(int(entries.size()));
    for (int row = 0; row < int(entries.size()); ++row) {
        const core::QueueEntry &e = entries[size_t(row)];
        auto *rank = new QTableWidgetItem(QString::number(row + 1));
        rank->setData(Qt::UserRole, e.candidate.clipId);
        m_table->setItem(row, RankColumn, rank);
        m_table->setItem(row, ClipColumn, new QTableWidgetItem(e.candidate.clip));
        m_table->setItem(row, FilmColumn, new QTableWidgetItem(e.candidate.movieId));
        m_table->setItem(row, KeyColumn,
                         new QTableWidgetItem(e.ranked ? QString::number(e.key, 'f', 3)
                                                       : QStringLiteral("\u2013")));
        auto *why = new QTableWidgetItem(e.reason);
        why->setToolTip(e.reason);
        m_table->setItem(row, ReasonColumn, why);
    }
    m_table->resizeColumnsToContents();
}

QString AnnotationQueuePanel::message() const
{
    if (!m_document)
        return tr("Open a project to see which clips to annotate next.");
    if (!isActive())
        return tr("Choose a run: its model then orders the clips to annotate, and N follows "
                  "this queue.");
    if (!m_report)
        return m_error;
    QString text = m_report->poolText() + QLatin1Char('.');
    if (m_report->poolSize == 0)
        text = tr("No clip is waiting: %1.").arg(m_report->poolText());
    if (const QString note = m_report->note(); !note.isEmpty())
        text += QLatin1Char(' ') + note.left(1).toUpper() + note.mid(1) + QLatin1Char('.');
    if (m_report->modelScored > 0)
        text += QLatin1Char(' ') + tr("%1 clips the run never tested are scored by its models "
                                      "(mean over %2 folds).")
                                       .arg(m_report->modelScored)
                                       .arg(m_report->modelScoreFolds);
    if (m_scoringJob)
        text += QLatin1Char(' ') + tr("Scoring the clips the run never tested with its models "
                                      "(progress in the status bar)\u2026");
    if (const QString e = m_modelScores.value(m_report->run.id).error; !e.isEmpty())
        text += QLatin1Char(' ') + tr("Cannot score the clips the run never tested: %1").arg(e);
    if (!m_error.isEmpty())
        text = m_error + QLatin1Char(' ') + text;
    return text;
}

QList<qint64> AnnotationQueuePanel::clips() const
{
    QList<qint64> out;
    if (m_report)
        for (const core::QueueEntry &e : m_report->entries)
            out.append(e.candidate.clipId);
    return out;
}

qint64 AnnotationQueuePanel::nextClip(qint64 currentClip) const
{
    const QList<qint64> queue = clips();
    if (queue.isEmpty())
        return 0;
    const qsizetype at = queue.indexOf(currentClip);
    return at >= 0 && at + 1 < queue.size() ? queue[at + 1] : queue.first();
}

} // namespace ms::ui
