#pragma once

#include "core/agreementanalysis.h"

#include <QWidget>
#include <optional>

class QChart;
class QChartView;
class QComboBox;
class QLabel;
class QTableWidget;

namespace ms::ui {

class ProjectDocument;

// Inter-annotator agreement of the open project (issue 14), as the
// `agreement` verb computes it (core::AgreementAnalysis over every
// annotator's annotations): a table of the level, each concept and each
// modality (Krippendorff's alpha, its bootstrap interval, Fleiss' kappa) and
// a bar chart of each concept's alpha coloured by its modality, for the
// corpus or one film (the scope chooser). Everything is computed once per
// refresh(); choosing a scope only redraws.
class AgreementView : public QWidget
{
    Q_OBJECT
public:
    // Table columns.
    enum Column { Variable, AlphaNominal, AlphaOrdinal, Interval, Units, Annotators, Fleiss };

    // A window of its own, over `parent` (the main window) when given.
    explicit AgreementView(QWidget *parent = nullptr);

    // Recomputes from the document (nullptr: empty). With fewer than two
    // annotators the message replaces the table and the chart.
    void refresh(ProjectDocument *document);
    // refresh(), then shows the window raised (View > Inter-annotator Agreement).
    void showFor(ProjectDocument *document);
    // Bootstrap draws for the intervals (default 1000; 0: none).
    void setBootstrapDraws(int draws) { m_bootstrap.draws = draws; }

    // nullopt when there is nothing to show (see message()).
    const std::optional<core::AgreementAnalysis> &analysis() const { return m_analysis; }
    // Why nothing is shown (empty while the table is).
    QString message() const;
    QTableWidget *table() const { return m_table; }
    QComboBox *scopeChooser() const { return m_scope; }
    QChart *chart() const { return m_chart; }

private:
    void showScope(int index);
    void showMessage(const QString &text);
    void fillTable(const core::AgreementScope &scope);
    void fillChart(const core::AgreementScope &scope);

    core::BootstrapSettings m_bootstrap;
    std::optional<core::AgreementAnalysis> m_analysis;
    QLabel *m_summary;
    QLabel *m_message;
    QWidget *m_content;
    QComboBox *m_scope;
    QTableWidget *m_table;
    QChart *m_chart;
    QChartView *m_chartView;
};

} // namespace ms::ui
