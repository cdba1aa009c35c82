#pragma once

#include "core/level.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QPointer>
#include <QStringList>
#include <optional>

namespace ms::ui {

class ProjectDocument;

// Read-only table of the project's clips with their effective annotation.
// Rows follow the repository's order (film, start, name). The model listens to
// the document: a changed clip's row is re-read from the repository, an import
// resets the whole table. It never writes; edits go through
// AnnotationController.
class ClipTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        FilmColumn,
        ClipColumn,
        StartColumn,
        EndColumn,
        LevelColumn,
        ConceptsColumn,
        AnnotatorColumn,
        ColumnCount
    };
    enum Role {
        ClipIdRole = Qt::UserRole + 1, // qint64
        MovieIdRole,                   // QString, the film filter's key
        SortRole,                      // raw values: times as numbers, levels in order
        AnnotatedRole,                 // bool
    };

    explicit ClipTableModel(QObject *parent = nullptr);

    void setDocument(ProjectDocument *document);
    ProjectDocument *document() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // -1 when the clip is not in the table.
    int rowOf(qint64 clipId) const;
    qint64 clipIdAt(int row) const;
    int annotatedCount() const { return m_annotated; }

    // "1:02.500"; hours when needed; an en dash when unknown.
    static QString formatTime(std::optional<qint64> ms);

signals:
    // The number of annotated clips may have changed.
    void countsChanged();

private:
    struct Row
    {
        qint64 clipId = 0;
        QString movieId;
        QString clipName;
        std::optional<qint64> startMs;
        std::optional<qint64> endMs;
        std::optional<core::Level> level;
        QStringList concepts;
        QString annotator;
        QString note;
    };

    void reset();
    void refreshClip(qint64 clipId);

    QPointer<ProjectDocument> m_document;
    QList<Row> m_rows;
    QHash<qint64, int> m_rowOfClip;
    int m_annotated = 0;
};

} // namespace ms::ui
