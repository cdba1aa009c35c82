#include "ui/runstablemodel.h"

#include "core/error.h"
#include "ui/projectdocument.h"

namespace ms::ui {

RunsTableModel::RunsTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void RunsTableModel::setDocument(ProjectDocument *document)
{
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    if (document)
        connect(document, &QObject::destroyed, this, [this] {
            m_error.clear();
            setRuns({});
        });
    refresh();
}

bool RunsTableModel::refresh()
{
    m_error.clear();
    QList<db::RunSummary> runs;
    if (m_document) {
        try {
            runs = m_document->runSummaries();
        } catch (const core::UserError &e) {
            m_error = e.message();
        }
    }
    setRuns(std::move(runs));
    return m_error.isEmpty();
}

void RunsTableModel::setRuns(QList<db::RunSummary> runs)
{
    beginResetModel();
    m_runs = std::move(runs);
    endResetModel();
}

qint64 RunsTableModel::runId(int row) const
{
    return row >= 0 && row < m_runs.size() ? m_runs[row].run.id : 0;
}

int RunsTableModel::rowOf(qint64 runId) const
{
    for (int row = 0; row < m_runs.size(); ++row)
        if (m_runs[row].run.id == runId)
            return row;
    return -1;
}

int RunsTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_runs.size());
}

int RunsTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunsTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const db::RunSummary &s = m_runs[index.row()];
    const db::RunRecord &r = s.run;
    switch (role) {
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case Id:
            return QString::number(r.id);
        case Kind:
            return r.kind;
        case Status:
            return r.status;
        case What:
            // Synthetic features make any metric meaningless for the film
            // question: say so where the metric is read.
            return r.label + (r.synthetic ? tr(" [SYNTHETIC features]") : QString());
        case MeanAucPr:
            return s.meanAucPr ? QString::number(*s.meanAucPr, 'f', 4) : QStringLiteral("\u2014");
        case Device:
            return r.device.section(u',', 0, 1);
        case ColumnCount:
            break;
        }
        return {};
    case Qt::ToolTipRole:
        return r.message.isEmpty() ? QVariant() : QVariant(r.message);
    case RunIdRole:
        return r.id;
    default:
        return {};
    }
}

QVariant RunsTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Id:
        return tr("Run");
    case Kind:
        return tr("Kind");
    case Status:
        return tr("Status");
    case What:
        return tr("What");
    case MeanAucPr:
        return tr("Mean AUC-PR");
    case Device:
        return tr("Device");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace ms::ui
