#pragma once

#include "database/runrepository.h"

#include <QAbstractTableModel>
#include <QList>
#include <QPointer>
#include <QString>

namespace ms::ui {

class ProjectDocument;

// The project's training runs, newest first, one row per run: id, kind,
// status, what was trained, the mean AUC-PR of its results and the device.
// The training panel and the runs view both list runs through it, so they
// show the same columns in the same words.
//
// Reads through the document (the GUI thread's one connection) only on
// refresh(): a worker writing a run is never waited for between refreshes,
// and the rows stay what was read until the next one. A document that goes
// away empties the model.
class RunsTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Id, Kind, Status, What, MeanAucPr, Device, ColumnCount };
    // Qt::UserRole: the run's id (qint64) in every column.
    static constexpr int RunIdRole = Qt::UserRole;

    explicit RunsTableModel(QObject *parent = nullptr);

    // nullptr: no project, no rows. Refreshes.
    void setDocument(ProjectDocument *document);
    ProjectDocument *document() const { return m_document; }
    // Re-reads the runs; false when the project could not be read
    // (lastError() says why, and the model is then empty).
    bool refresh();
    QString lastError() const { return m_error; }

    const QList<db::RunSummary> &summaries() const { return m_runs; }
    // 0 for a row out of range.
    qint64 runId(int row) const;
    // -1 when no row shows that run.
    int rowOf(qint64 runId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    void setRuns(QList<db::RunSummary> runs);

    QPointer<ProjectDocument> m_document;
    QList<db::RunSummary> m_runs;
    QString m_error;
};

} // namespace ms::ui
