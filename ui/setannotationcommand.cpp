#include "ui/setannotationcommand.h"

#include "ui/annotationcontroller.h"

namespace ms::ui {

SetAnnotationCommand::SetAnnotationCommand(AnnotationController *controller, qint64 clipId,
                                           QString annotator, db::AnnotationState before,
                                           db::AnnotationState after, const QString &text)
    : QUndoCommand(text), m_controller(controller), m_clipId(clipId),
      m_annotator(std::move(annotator)), m_before(std::move(before)), m_after(std::move(after))
{
}

void SetAnnotationCommand::undo()
{
    m_controller->replay(m_clipId, m_annotator, m_before, true);
}

void SetAnnotationCommand::redo()
{
    if (m_alreadyDone) {
        m_alreadyDone = false;
        return;
    }
    m_controller->replay(m_clipId, m_annotator, m_after, false);
}

} // namespace ms::ui
