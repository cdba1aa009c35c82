#include "ui/rationaleview.h"

#include "core/error.h"
#include "ui/overlaybuilder.h"
#include "ui/projectdocument.h"
#include "ui/waitcursor.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QHorizontalBarSeries>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QValueAxis>

namespace ms::ui {

QString rationaleShareText(int hits, int clips)
{
    if (clips == 0)
        return QObject::tr("no clip");
    return QObject::tr("%1 of %2 clips (%3 %)")
        .arg(hits)
        .arg(clips)
        .arg(100.0 * hits / clips, 0, 'f', 1);
}

RationaleView::RationaleView(QWidget *parent)
    : QWidget(parent), m_set(new QComboBox(this)), m_scope(new QComboBox(this)),
      m_summary(new QLabel(this)), m_content(new QWidget(this)),
      m_table(new QTableWidget(m_content)), m_chart(new QChart),
      m_chartView(new QChartView(m_chart, m_content))
{
    setWindowFlag(Qt::Window);
    setWindowTitle(tr("Rationale Agreement"));
    resize(1000, 560);
    m_set->setObjectName(QStringLiteral("rationaleSet"));
    m_scope->setObjectName(QStringLiteral("rationaleScope"));
    m_summary->setObjectName(QStringLiteral("rationaleSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_scope->addItem(tr("By film"), int(Scope::Film));
    m_scope->addItem(tr("By concept"), int(Scope::Concept));
    m_scope->addItem(tr("By clip"), int(Scope::Clip));

    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Explanations:"), this));
    top->addWidget(m_set, 1);
    auto *reread = new QPushButton(tr("Refresh"), this);
    connect(reread, &QPushButton::clicked, this, [this] { refresh(m_document); });
    top->addWidget(reread);
    top->addWidget(m_scope);

    const QStringList headers = {tr("Film"),  tr("Clips"),     tr("Top agrees"),
                                 tr("Top %"), tr("All above"), tr("All %")};
    m_table->setColumnCount(int(headers.size()));
    m_table->setHorizontalHeaderLabels(headers);
    m_table->horizontalHeaderItem(TopColumn)->setToolTip(
        tr("Clips whose largest Shapley value is on a modality the experts gave"));
    m_table->horizontalHeaderItem(AllColumn)->setToolTip(
        tr("Clips where every modality the experts gave has a Shapley value at or "
           "above the attribution threshold"));
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_chart->setTitle(tr("Share of clips where the model's attribution agrees with the experts"));
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setMinimumHeight(260);
    auto *content = new QHBoxLayout(m_content);
    content->setContentsMargins(0, 0, 0, 0);
    content->addWidget(m_table, 2);
    content->addWidget(m_chartView, 3);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_summary);
    layout->addWidget(m_content, 1);

    connect(m_set, &QComboBox::currentIndexChanged, this, &RationaleView::compute);
    connect(m_scope, &QComboBox::currentIndexChanged, this, &RationaleView::fill);
    refresh(nullptr);
}

void RationaleView::showFor(ProjectDocument *document)
{
    refresh(document);
    show();
    raise();
    activateWindow();
}

void RationaleView::refresh(ProjectDocument *document)
{
    m_document = document;
    const qint64 keep = currentSet();
    QList<db::ExplanationSet> sets;
    m_message.clear();
    if (document) {
        try {
            sets = document->explanationSets();
        } catch (const core::UserError &e) {
            m_message = e.message();
        }
    }
    {
        const QSignalBlocker block(m_set);
        m_set->clear();
        for (const db::ExplanationSet &s : sets)
            m_set->addItem(
                tr("Run %1, set %2: %3").arg(s.runId).arg(s.id).arg(OverlayBuilder::setName(s)),
                s.id);
        const int i = m_set->findData(keep);
        m_set->setCurrentIndex(i < 0 ? 0 : i);
    }
    compute();
}

bool RationaleView::showSet(qint64 setId)
{
    const int i = m_set->findData(setId);
    if (i < 0)
        return false;
    if (i == m_set->currentIndex())
        compute();
    else
        m_set->setCurrentIndex(i);
    return true;
}

qint64 RationaleView::currentSet() const
{
    return m_set->currentData().toLongLong();
}

void RationaleView::setScope(Scope scope)
{
    m_scope->setCurrentIndex(m_scope->findData(int(scope)));
}

void RationaleView::compute()
{
    m_report.reset();
    const qint64 setId = currentSet();
    if (m_document && setId > 0) {
        const WaitCursor wait;
        try {
            // The set's own run: RationaleReader reads the set by its run.
            for (const db::ExplanationSet &s : m_document->explanationSets())
                if (s.id == setId) {
                    m_report = m_document->rationale(s.runId, s.id);
                    break;
                }
        } catch (const core::UserError &e) {
            m_message = e.message();
        }
    }
    fill();
}

QString RationaleView::message() const
{
    if (!m_message.isEmpty())
        return m_message;
    if (!m_document)
        return tr("Open a project to compare its models' explanations with the experts.");
    if (m_set->count() == 0)
        return tr("No run of this project is explained yet: explain one (View > Explain a Run, "
                  "or \u201cmodalscope-cli explain\u201d) to compare its attributions with the "
                  "modalities the experts annotated.");
    if (m_report && m_report->agreement.corpus.clips == 0)
        return tr("None of the %1 explained clips has an annotated concept in a modality the "
                  "model reads: there is no rationale to compare.")
            .arg(m_report->agreement.clips.size());
    return {};
}

void RationaleView::fill()
{
    m_table->setRowCount(0);
    m_chart->removeAllSeries();
    for (QAbstractAxis *axis : m_chart->axes()) {
        m_chart->removeAxis(axis);
        delete axis;
    }
    const QString why = message();
    m_content->setVisible(why.isEmpty() && m_report.has_value());
    if (!why.isEmpty() || !m_report) {
        m_summary->setText(why);
        return;
    }
    const core::RationaleAgreement &a = m_report->agreement;
    m_summary->setText(
        tr("Run %1 (%2), labels %3. Over the corpus: the largest Shapley value is on a modality "
           "the experts gave in %4; every modality they gave is at or above %5 in %6. %7 "
           "explained clips have no annotated concept in a modality the model reads and are not "
           "counted.")
            .arg(m_report->run.id)
            .arg(OverlayBuilder::setName(m_report->set), m_report->labelRule.toString(),
                 rationaleShareText(a.corpus.top, a.corpus.clips))
            .arg(a.threshold, 0, 'f', 2)
            .arg(rationaleShareText(a.corpus.all, a.corpus.clips))
            .arg(a.uncounted));

    const Scope scope = Scope(m_scope->currentData().toInt());
    const bool byFilm = scope == Scope::Film;
    QList<QPair<QString, core::RationaleTally>> clipRows;
    if (scope == Scope::Clip)
        for (const core::RationaleClip &c : a.clips)
            if (c.counted) {
                core::RationaleTally one;
                one.add(c.topAgrees, c.allAbove);
                clipRows.append({c.clip, one});
            }
    const auto &rows = scope == Scope::Clip ? clipRows : byFilm ? a.films : a.concepts;
    m_table->horizontalHeaderItem(NameColumn)
        ->setText(scope == Scope::Clip ? tr("Clip")
                  : byFilm             ? tr("Film")
                                       : tr("Concept"));
    m_chartView->setVisible(scope != Scope::Clip);
    m_table->setRowCount(int(rows.size()));
    const auto share = [](std::optional<double> s) {
        auto *item = new QTableWidgetItem(s ? QString::number(*s * 100.0, 'f', 1) : QString());
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        return item;
    };
    const auto count = [](int n) {
        auto *item = new QTableWidgetItem(QString::number(n));
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        return item;
    };
    auto *topSet = new QBarSet(tr("top-Shapley modality is the experts'"));
    auto *allSet = new QBarSet(tr("every expert modality \u2265 %1").arg(a.threshold, 0, 'f', 2));
    topSet->setColor(QColor(0x33, 0x66, 0xcc));
    allSet->setColor(QColor(0xdd, 0x88, 0x22));
    QStringList categories;
    for (int r = 0; r < rows.size(); ++r) {
        const auto &[name, t] = rows.at(r);
        auto *nameItem = new QTableWidgetItem(name);
        if (scope == Scope::Clip)
            if (const core::RationaleClip *c = a.clip(name))
                nameItem->setToolTip(
                    tr("%1 (film %2): %3").arg(c->clip, c->movieId, c->describe(a.threshold)));
        m_table->setItem(r, NameColumn, nameItem);
        m_table->setItem(r, ClipsColumn, count(t.clips));
        m_table->setItem(r, TopColumn, count(t.top));
        m_table->setItem(r, TopShareColumn, share(t.topShare()));
        m_table->setItem(r, AllColumn, count(t.all));
        m_table->setItem(r, AllShareColumn, share(t.allShare()));
    }
    // Qt draws the first category at the bottom: backwards, so that the
    // chart reads top-down like the table.
    for (qsizetype r = rows.size() - 1; r >= 0; --r) {
        const auto &[name, t] = rows.at(r);
        categories << name;
        *topSet << t.topShare().value_or(0.0) * 100.0;
        *allSet << t.allShare().value_or(0.0) * 100.0;
    }
    m_table->resizeColumnsToContents();
    auto *series = new QHorizontalBarSeries;
    series->append(allSet);
    series->append(topSet);
    m_chart->addSeries(series);
    auto *y = new QBarCategoryAxis;
    y->append(categories);
    auto *x = new QValueAxis;
    x->setRange(0, 100);
    x->setTitleText(tr("% of the clips with an expert rationale"));
    m_chart->addAxis(y, Qt::AlignLeft);
    m_chart->addAxis(x, Qt::AlignBottom);
    series->attachAxis(y);
    series->attachAxis(x);
}

} // namespace ms::ui
