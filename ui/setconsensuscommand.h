#pragma once

#include "database/annotationrepository.h"

#include <QPointer>
#include <QUndoCommand>
#include <functional>

namespace ms::ui {

class ProjectDocument;

// A clip's consensus annotation (annotator "consensus") going from `before`
// to `after`, decided by a coordinator: every write, undo and redo included,
// goes to the history with the source "adjudication:NAME", so the history
// says who decided and when. Whole states, like SetAnnotationCommand. The
// view wrote `after` before pushing; the push's redo() is skipped.
class SetConsensusCommand : public QUndoCommand
{
public:
    SetConsensusCommand(ProjectDocument *document, qint64 clipId, QString source,
                        db::AnnotationState before, db::AnnotationState after, const QString &text,
                        std::function<void(const QString &)> onError);

    void undo() override;
    void redo() override;

    // "adjudication:NAME": the history's source for a decision by NAME.
    static QString sourceFor(const QString &decider);
    // NAME from such a source; the source itself for any other (an import).
    static QString deciderOf(const QString &source);

private:
    void write(const db::AnnotationState &state);

    QPointer<ProjectDocument> m_document;
    qint64 m_clipId;
    QString m_source;
    db::AnnotationState m_before, m_after;
    std::function<void(const QString &)> m_onError;
    bool m_alreadyDone = true;
};

} // namespace ms::ui
