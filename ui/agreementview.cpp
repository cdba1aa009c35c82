#include "ui/agreementview.h"

#include "core/error.h"
#include "ui/modalitypalette.h"
#include "ui/projectdocument.h"
#include "ui/waitcursor.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QHorizontalStackedBarSeries>
#include <QLabel>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

namespace ms::ui {

namespace {

QTableWidgetItem *numberItem(const std::optional<double> &value, const QString &whyMissing)
{
    auto *item =
        new QTableWidgetItem(value ? QString::number(*value, 'f', 3) : QStringLiteral("\u2014"));
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    if (value)
        item->setData(Qt::UserRole, *value);
    else
        item->setToolTip(whyMissing);
    return item;
}

QTableWidgetItem *countItem(int n)
{
    auto *item = new QTableWidgetItem(QString::number(n));
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    item->setData(Qt::UserRole, n);
    return item;
}

QString intervalText(const core::AlphaEstimate *e)
{
    if (!e || !e->interval)
        return {};
    return QStringLiteral("[%1, %2]")
        .arg(e->interval->low, 0, 'f', 3)
        .arg(e->interval->high, 0, 'f', 3);
}

} // namespace

AgreementView::AgreementView(QWidget *parent)
    : QWidget(parent), m_summary(new QLabel(this)), m_message(new QLabel(this)),
      m_content(new QWidget(this)), m_scope(new QComboBox(m_content)),
      m_table(new QTableWidget(m_content)), m_chart(new QChart),
      m_chartView(new QChartView(m_chart, m_content))
{
    setWindowFlag(Qt::Window);
    setWindowTitle(tr("Inter-annotator Agreement"));
    resize(1100, 560);
    auto *layout = new QVBoxLayout(this);
    m_summary->setWordWrap(true);
    m_message->setWordWrap(true);
    m_message->setObjectName(QStringLiteral("agreementMessage"));
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_summary);
    layout->addWidget(m_message);
    layout->addWidget(m_content, 1);

    auto *content = new QVBoxLayout(m_content);
    content->setContentsMargins(0, 0, 0, 0);
    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Clips of:"), m_content));
    m_scope->setObjectName(QStringLiteral("agreementScope"));
    top->addWidget(m_scope);
    top->addStretch(1);
    content->addLayout(top);
    connect(m_scope, &QComboBox::currentIndexChanged, this, &AgreementView::showScope);

    const QStringList headers = {tr("Variable"),      tr("\u03b1 nominal"), tr("\u03b1 ordinal"),
                                 tr("95 % interval"), tr("Units"),          tr("Annotators"),
                                 tr("Fleiss' \u03ba")};
    m_table->setColumnCount(int(headers.size()));
    m_table->setHorizontalHeaderLabels(headers);
    m_table->horizontalHeaderItem(AlphaNominal)
        ->setToolTip(tr("Krippendorff's alpha, nominal (present/absent for concepts and "
                        "modalities)"));
    m_table->horizontalHeaderItem(AlphaOrdinal)
        ->setToolTip(tr("Krippendorff's alpha, ordinal: the level only (EN < HN < S)"));
    m_table->horizontalHeaderItem(Interval)->setToolTip(
        tr("Percentile bootstrap over clips of the alpha: ordinal for the level, "
           "nominal otherwise"));
    m_table->horizontalHeaderItem(Units)->setToolTip(
        tr("Clips annotated by two or more annotators"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(Variable, QHeaderView::Stretch);

    m_chart->setTitle(tr("Krippendorff's \u03b1 (nominal) per concept"));
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setMinimumSize(420, 320);

    auto *splitter = new QSplitter(Qt::Horizontal, m_content);
    splitter->addWidget(m_table);
    splitter->addWidget(m_chartView);
    content->addWidget(splitter, 1);
    refresh(nullptr);
}

QString AgreementView::message() const
{
    return m_content->isHidden() ? m_message->text() : QString();
}

void AgreementView::showMessage(const QString &text)
{
    m_analysis.reset();
    m_summary->clear();
    m_message->setText(text);
    m_message->show();
    m_content->hide();
}

void AgreementView::refresh(ProjectDocument *document)
{
    if (!document) {
        showMessage(tr("Open a project to see the agreement between its annotators."));
        return;
    }
    WaitCursor wait;
    try {
        const QList<core::Annotation> annotations = document->annotatorAnnotations();
        const QStringList coders = core::AgreementAnalysis::codersOf(annotations);
        if (coders.size() < 2) {
            showMessage(core::AgreementAnalysis::tooFewCodersMessage(
                document->location().toString(), coders));
            return;
        }
        core::AgreementAnalysis::Options options;
        options.byFilm = true;
        options.conceptKappas = true;
        options.byModality = true;
        options.bootstrap = m_bootstrap;
        m_analysis = core::AgreementAnalysis::compute(annotations, document->taxonomy(), options);
    } catch (const core::UserError &e) {
        showMessage(e.message());
        return;
    }

    m_message->hide();
    m_content->show();
    m_summary->setText(
        tr("Agreement between %1 annotators (%2). Units are the clips annotated by two or more "
           "of them; intervals: %3.")
            .arg(m_analysis->annotators().size())
            .arg(m_analysis->annotators().join(QStringLiteral(", ")))
            .arg(m_bootstrap.draws > 0
                     ? tr("%1 % percentile bootstrap over clips, %2 draws, seed %3")
                           .arg(m_bootstrap.level * 100.0)
                           .arg(m_bootstrap.draws)
                           .arg(m_bootstrap.seed)
                     : tr("none")));

    // Keep the chosen film when it is still there.
    const QString chosen = m_scope->currentData().toString();
    {
        const QSignalBlocker block(m_scope);
        m_scope->clear();
        m_scope->addItem(tr("All films (%1 clips)").arg(m_analysis->corpus().clips), QString());
        for (const core::AgreementScope &f : m_analysis->films())
            m_scope->addItem(tr("%1 (%2 clips)").arg(f.movieId).arg(f.clips), f.movieId);
        m_scope->setCurrentIndex(std::max(0, m_scope->findData(chosen)));
    }
    showScope(m_scope->currentIndex());
}

void AgreementView::showFor(ProjectDocument *document)
{
    refresh(document);
    show();
    raise();
    activateWindow();
}

void AgreementView::showScope(int index)
{
    if (!m_analysis || index < 0)
        return;
    const core::AgreementScope &scope =
        index == 0 ? m_analysis->corpus() : m_analysis->films().at(index - 1);
    fillTable(scope);
    fillChart(scope);
}

void AgreementView::fillTable(const core::AgreementScope &scope)
{
    struct Row
    {
        QString label;
        QColor colour;
        const core::AgreementSummary *summary;
    };
    QList<Row> rows{{tr("Level (EN < HN < S)"), QColor(), &scope.level}};
    for (qsizetype i = 0; i < scope.concepts.size(); ++i) {
        const core::Concept &c = scope.concepts.at(i);
        rows.append(
            {c.modality ? tr("%1 (%2)").arg(c.name, core::modalityName(*c.modality)) : c.name,
             c.modality ? ModalityPalette::color(*c.modality) : QColor(),
             &scope.conceptSummaries.at(i)});
    }
    for (core::Modality m : core::kAllModalities)
        if (int(m) < scope.modalitySummaries.size())
            rows.append({tr("%1: any concept").arg(core::modalityName(m)),
                         ModalityPalette::color(m), &scope.modalitySummaries.at(int(m))});

    m_table->setRowCount(int(rows.size()));
    for (int r = 0; r < rows.size(); ++r) {
        const Row &row = rows.at(r);
        const core::AgreementSummary &s = *row.summary;
        auto *label = new QTableWidgetItem(row.label);
        if (row.colour.isValid())
            label->setData(Qt::DecorationRole, row.colour);
        m_table->setItem(r, Variable, label);
        const core::AlphaEstimate *nominal = s.alpha(core::AlphaMetric::Nominal);
        const core::AlphaEstimate *ordinal = s.alpha(core::AlphaMetric::Ordinal);
        m_table->setItem(r, AlphaNominal,
                         nominal
                             ? numberItem(nominal->result.alpha, nominal->result.undefinedReason)
                             : new QTableWidgetItem);
        m_table->setItem(r, AlphaOrdinal,
                         ordinal
                             ? numberItem(ordinal->result.alpha, ordinal->result.undefinedReason)
                             : new QTableWidgetItem);
        m_table->setItem(r, Interval,
                         new QTableWidgetItem(intervalText(ordinal ? ordinal : nominal)));
        m_table->setItem(r, Units, countItem(s.units));
        m_table->setItem(r, Annotators, countItem(s.annotators));
        m_table->setItem(r, Fleiss,
                         s.hasKappas ? numberItem(s.fleiss.result.kappa, s.fleiss.result.reason)
                                     : new QTableWidgetItem);
    }
    m_table->resizeColumnsToContents();
}

void AgreementView::fillChart(const core::AgreementScope &scope)
{
    m_chart->removeAllSeries();
    for (QAbstractAxis *axis : m_chart->axes()) {
        m_chart->removeAxis(axis);
        delete axis;
    }

    // One set per modality, zero at the other modalities' concepts: stacked,
    // every concept gets one bar in its modality's colour and the legend
    // names the colours. Horizontal, so that concept names stay readable.
    auto *series = new QHorizontalStackedBarSeries;
    QList<QBarSet *> sets;
    for (core::Modality m : core::kAllModalities) {
        auto *set = new QBarSet(core::modalityName(m));
        set->setColor(ModalityPalette::color(m));
        sets.append(set);
    }
    auto *none = new QBarSet(tr("no modality"));
    none->setColor(Qt::gray);
    sets.append(none);
    QStringList categories;
    double lowest = 0;
    // Qt draws the first category at the bottom: go backwards so the chart
    // reads top-down in the table's order.
    for (qsizetype i = scope.concepts.size() - 1; i >= 0; --i) {
        const core::Concept &c = scope.concepts.at(i);
        categories << c.name;
        const core::AlphaEstimate *e =
            scope.conceptSummaries.at(i).alpha(core::AlphaMetric::Nominal);
        // An undefined alpha (every value the same) draws no bar; the table
        // says why.
        const double alpha = e && e->result.alpha ? *e->result.alpha : 0.0;
        lowest = std::min(lowest, alpha);
        const int owner = c.modality ? int(*c.modality) : int(sets.size()) - 1;
        for (int s = 0; s < sets.size(); ++s)
            *sets[s] << (s == owner ? alpha : 0.0);
    }
    const bool anyWithout = std::any_of(scope.concepts.cbegin(), scope.concepts.cend(),
                                        [](const core::Concept &c) { return !c.modality; });
    if (!anyWithout)
        delete sets.takeLast();
    for (QBarSet *set : std::as_const(sets))
        series->append(set);
    m_chart->addSeries(series);
    auto *x = new QBarCategoryAxis;
    x->append(categories);
    auto *y = new QValueAxis;
    y->setRange(std::floor(lowest * 10.0) / 10.0, 1.0);
    y->setTitleText(tr("\u03b1"));
    m_chart->addAxis(x, Qt::AlignLeft);
    m_chart->addAxis(y, Qt::AlignBottom);
    series->attachAxis(x);
    series->attachAxis(y);
}

} // namespace ms::ui
