#pragma once

#include "database/rationalereader.h"

#include <QPointer>
#include <QWidget>
#include <optional>

class QChart;
class QChartView;
class QComboBox;
class QLabel;
class QTableWidget;

namespace ms::ui {

class ProjectDocument;

// Rationale agreement of a run (issue 16), as the `rationale` verb computes
// it (db::RationaleReader over one explanation set, the run's label rule):
// the corpus figures, a table per film, per concept or per clip (the scope
// chooser) and, per film or concept, a bar chart of both shares: the
// top-Shapley modality is one the experts gave, and every modality they gave
// is at or above the attribution threshold.
class RationaleView : public QWidget
{
    Q_OBJECT
public:
    enum class Scope { Film, Concept, Clip };
    enum Column { NameColumn, ClipsColumn, TopColumn, TopShareColumn, AllColumn, AllShareColumn };

    // A window of its own, over `parent` (the main window) when given.
    explicit RationaleView(QWidget *parent = nullptr);

    // Lists the document's explanation sets (nullptr: none) and shows the
    // chosen one again, else the newest.
    void refresh(ProjectDocument *document);
    // refresh(), then shows the window raised (View > Rationale Agreement).
    void showFor(ProjectDocument *document);
    // False for a set the project lacks.
    bool showSet(qint64 setId);
    qint64 currentSet() const;
    void setScope(Scope scope);

    // nullopt when there is nothing to show (see message()).
    const std::optional<db::RationaleReport> &report() const { return m_report; }
    QString message() const;
    QLabel *summaryLabel() const { return m_summary; }
    QComboBox *setChooser() const { return m_set; }
    QComboBox *scopeChooser() const { return m_scope; }
    QTableWidget *table() const { return m_table; }
    QChart *chart() const { return m_chart; }

private:
    void compute();
    void fill();

    QPointer<ProjectDocument> m_document;
    std::optional<db::RationaleReport> m_report;
    QString m_message;
    QComboBox *m_set, *m_scope;
    QLabel *m_summary;
    QWidget *m_content;
    QTableWidget *m_table;
    QChart *m_chart;
    QChartView *m_chartView;
};

// "2 of 4 clips (50.0 %)": a rationale share in words.
QString rationaleShareText(int hits, int clips);

} // namespace ms::ui
