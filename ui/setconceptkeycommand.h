#pragma once

#include <QUndoCommand>

namespace ms::ui {

class AnnotationController;

// A concept's own key going from `before` to `after` (empty: the default
// key). The controller wrote `after` before pushing; the push's redo() is
// skipped, as for SetAnnotationCommand.
class SetConceptKeyCommand : public QUndoCommand
{
public:
    SetConceptKeyCommand(AnnotationController *controller, QString conceptName, QString before,
                         QString after, const QString &text);

    void undo() override;
    void redo() override;

private:
    AnnotationController *m_controller;
    QString m_concept;
    QString m_before;
    QString m_after;
    bool m_alreadyDone = true;
};

} // namespace ms::ui
