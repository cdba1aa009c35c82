#pragma once

#include "database/cliprepository.h"

#include <QUndoCommand>

namespace ms::ui {

class ClipEditor;

// One clip edit (create, split, merge, remove, edge move, an accepted
// proposal) as two db::ClipEdits: what undo applies and what redo applies.
// They are not mirror images: undoing a creation removes the clips (kept
// aside), and redoing it restores them under the same ids rather than
// making new ones. Like SetAnnotationCommand, the editor has made the edit
// before pushing, so the first redo() is skipped.
class ClipEditCommand : public QUndoCommand
{
public:
    ClipEditCommand(ClipEditor *editor, db::ClipEdit undo, db::ClipEdit redo, qint64 undoFocus,
                    qint64 redoFocus, const QString &text);
    void undo() override;
    void redo() override;

private:
    ClipEditor *m_editor;
    db::ClipEdit m_undo, m_redo;
    qint64 m_undoFocus, m_redoFocus;
    bool m_alreadyDone = true;
};

} // namespace ms::ui
