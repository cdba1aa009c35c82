#include "ui/setconceptkeycommand.h"

#include "ui/annotationcontroller.h"

namespace ms::ui {

SetConceptKeyCommand::SetConceptKeyCommand(AnnotationController *controller, QString conceptName,
                                           QString before, QString after, const QString &text)
    : QUndoCommand(text), m_controller(controller), m_concept(std::move(conceptName)),
      m_before(std::move(before)), m_after(std::move(after))
{
}

void SetConceptKeyCommand::undo()
{
    m_controller->replayConceptKey(m_concept, m_before);
}

void SetConceptKeyCommand::redo()
{
    if (m_alreadyDone) {
        m_alreadyDone = false;
        return;
    }
    m_controller->replayConceptKey(m_concept, m_after);
}

} // namespace ms::ui
