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

// Read-only table of the project's clips with their effective annotation:
// level, V/A/T marks of the concepts' modalities, the concepts, who made it,
// how many annotators have one and a note mark. Rows follow the repository's
// order (film, start, name); the roles give the raw values the browser's
// filters and sorting use. The model listens to
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
        ModalitiesColumn, // V/A/T marks of the ticked concepts' modalities
        ConceptsColumn,
        AnnotatorColumn,  // whose annotation is shown (the newest)
        AnnotatorsColumn, // how many annotators have one
        NoteColumn,       // a mark when the shown annotation has a note
        ColumnCount
    };
    enum Role {
        ClipIdRole = Qt::UserRole + 1, // qint64
        MovieIdRole,                   // QString, the film filter's key
        SortRole,                      // raw values: times as numbers, levels in order
        AnnotatedRole,                 // bool
        LevelRole,                     // int(core::Level), -1 when not annotated
        ConceptsRole,                  // QStringList, the shown annotation's concepts
        ModalitiesRole,                // int, core::ModalitySet bits of those concepts
        AnnotatorsRole,                // QStringList, everyone with a current annotation
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
        QStringList annotators; // everyone with a current annotation, sorted
    };

    void reset();
    void refreshClip(qint64 clipId);
    int modalityBits(const Row &r) const;

    QPointer<ProjectDocument> m_document;
    QList<Row> m_rows;
    QHash<qint64, int> m_rowOfClip;
    int m_annotated = 0;
};

} // namespace ms::ui
