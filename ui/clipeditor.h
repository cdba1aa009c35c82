#pragma once

#include "core/timerange.h"
#include "database/cliprepository.h"

#include <QObject>
#include <QPointer>
#include <optional>

class QUndoStack;

namespace ms::ui {

class ProjectDocument;

// The single entry point for edits of the clips themselves (not their
// annotations): a clip from in and out marks or drawn on the timeline, a
// split at the playhead, a merge with the next clip, a removal, an edge
// moved by frames, a whole proposal accepted. Each edit is committed at once
// (ProjectDocument::editClips, one transaction) and pushed as one
// ClipEditCommand on the window's undo stack, beside the annotation edits,
// so Ctrl+Z takes back whichever came last.
//
// A removed clip keeps its annotations and history aside in the project
// (db::ClipRepository): undo brings the clip back with them, under its own
// id, so older undo steps that name the clip still apply.
//
// New clips are named by the user's pattern (core::ClipNamePattern), taking
// the first free numbers; clips of a film do not overlap unless the user
// allows it (ProjectDocument::clipsMayOverlap).
class ClipEditor : public QObject
{
    Q_OBJECT
public:
    // `stack` is the window's undo stack (it must outlive the editor).
    explicit ClipEditor(QUndoStack *stack, QObject *parent = nullptr);

    void setDocument(ProjectDocument *document);
    ProjectDocument *document() const;
    // UserError naming the pattern when it is not usable.
    void setNamePattern(const QString &pattern);
    QString namePattern() const { return m_pattern; }

    // In and out marks (I, O), of one film; Enter makes the clip.
    void setInPoint(qint64 filmId, qint64 ms);
    void setOutPoint(qint64 filmId, qint64 ms);
    std::optional<qint64> inPoint() const { return m_in; }
    std::optional<qint64> outPoint() const { return m_out; }
    bool hasMarks() const { return m_in && m_out; }
    void clearMarks();

    // Each returns the clip it made or kept (0 on failure, with lastError()
    // set and errorOccurred emitted; the project is then unchanged).
    qint64 createFromMarks();
    qint64 createClip(qint64 filmId, qint64 startMs, qint64 endMs);
    // The second part's id.
    qint64 split(qint64 clipId, qint64 atMs);
    // The merged clip's id (`clipId`).
    qint64 mergeWithNext(qint64 clipId);
    // The clip the selection should go to next (the one after, or before,
    // in the film); -1 when the film has no other clip; 0 on failure.
    qint64 remove(qint64 clipId);
    // Moves the edge of the clip nearest `atMs` by `frames` frames of
    // `frameMs`; a neighbour sharing that edge moves with it. Returns the
    // edge's new time, or -1.
    qint64 nudgeNearestEdge(qint64 clipId, qint64 atMs, int frames, qint64 frameMs);
    // A whole proposal as clips of `filmId`, in one undoable step. Refused
    // when a proposed clip would overlap an existing one (and overlaps are
    // not allowed). Returns the created ids.
    QList<qint64> createMany(qint64 filmId, const QList<core::TimeRange> &ranges,
                             const QString &what);

    QString lastError() const { return m_lastError; }
    QUndoStack *undoStack() const { return m_stack; }

signals:
    void errorOccurred(const QString &message);
    void marksChanged();
    // An edit, its undo or its redo changed the clips; `focus` is the clip
    // the user should see now (0: none in particular).
    void clipsEdited(qint64 focus);

private:
    friend class ClipEditCommand;
    // Applies `edit`; on failure reports it and returns nullopt.
    std::optional<QList<qint64>> run(const db::ClipEdit &edit);
    void replay(const db::ClipEdit &edit, qint64 focus);
    qint64 fail(const QString &message);
    QStringList newNames(qint64 filmId, int count);
    // The clip of the same film just before and after (by start), or 0.
    std::pair<qint64, qint64> neighbours(qint64 clipId) const;

    QUndoStack *m_stack;
    QPointer<ProjectDocument> m_document;
    QString m_pattern;
    std::optional<qint64> m_in, m_out;
    qint64 m_markFilm = 0;
    QString m_lastError;
};

} // namespace ms::ui
