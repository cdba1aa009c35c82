#pragma once

#include "database/annotationrepository.h"

#include <QUndoCommand>

namespace ms::ui {

class AnnotationController;

// One annotator's annotation of one clip going from `before` to `after`.
// Whole states rather than deltas: undo writes back exactly what was there,
// whatever the edit was (level, concept, note, clear). No merging: each key
// press or tick is one step the user can take back.
class SetAnnotationCommand : public QUndoCommand
{
public:
    SetAnnotationCommand(AnnotationController *controller, qint64 clipId, QString annotator,
                         db::AnnotationState before, db::AnnotationState after,
                         const QString &text);

    void undo() override;
    void redo() override;

    qint64 clipId() const { return m_clipId; }

private:
    AnnotationController *m_controller;
    qint64 m_clipId;
    QString m_annotator;
    db::AnnotationState m_before;
    db::AnnotationState m_after;
    // The controller wrote `after` before pushing (so a failed write pushes
    // nothing); QUndoStack::push() calls redo() once more, which is skipped.
    bool m_alreadyDone = true;
};

} // namespace ms::ui
