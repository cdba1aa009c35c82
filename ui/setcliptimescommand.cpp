#include "ui/setcliptimescommand.h"

#include "ui/annotationcontroller.h"

namespace ms::ui {

SetClipTimesCommand::SetClipTimesCommand(AnnotationController *controller, qint64 clipId,
                                         qint64 beforeStart, qint64 beforeEnd, qint64 afterStart,
                                         qint64 afterEnd, const QString &text)
    : QUndoCommand(text), m_controller(controller), m_clipId(clipId), m_beforeStart(beforeStart),
      m_beforeEnd(beforeEnd), m_afterStart(afterStart), m_afterEnd(afterEnd)
{
}

void SetClipTimesCommand::undo()
{
    m_controller->replayTimes(m_clipId, m_beforeStart, m_beforeEnd);
}

void SetClipTimesCommand::redo()
{
    if (m_alreadyDone) {
        m_alreadyDone = false;
        return;
    }
    m_controller->replayTimes(m_clipId, m_afterStart, m_afterEnd);
}

} // namespace ms::ui
