#pragma once

#include <QUndoCommand>

namespace ms::ui {

class AnnotationController;

// A clip's time range going from [before] to [after] (a timeline edge drag).
// Like SetAnnotationCommand, the controller writes `after` before pushing, so
// the first redo() is skipped.
class SetClipTimesCommand : public QUndoCommand
{
public:
    SetClipTimesCommand(AnnotationController *controller, qint64 clipId, qint64 beforeStart,
                        qint64 beforeEnd, qint64 afterStart, qint64 afterEnd, const QString &text);
    void undo() override;
    void redo() override;

private:
    AnnotationController *m_controller;
    qint64 m_clipId;
    qint64 m_beforeStart, m_beforeEnd, m_afterStart, m_afterEnd;
    bool m_alreadyDone = true;
};

} // namespace ms::ui
