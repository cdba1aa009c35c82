#include "ui/clipeditcommand.h"

#include "ui/clipeditor.h"

namespace ms::ui {

ClipEditCommand::ClipEditCommand(ClipEditor *editor, db::ClipEdit undo, db::ClipEdit redo,
                                 qint64 undoFocus, qint64 redoFocus, const QString &text)
    : QUndoCommand(text), m_editor(editor), m_undo(std::move(undo)), m_redo(std::move(redo)),
      m_undoFocus(undoFocus), m_redoFocus(redoFocus)
{
}

void ClipEditCommand::undo()
{
    m_editor->replay(m_undo, m_undoFocus);
}

void ClipEditCommand::redo()
{
    if (m_alreadyDone) {
        m_alreadyDone = false;
        return;
    }
    m_editor->replay(m_redo, m_redoFocus);
}

} // namespace ms::ui
