#include "ui/setconsensuscommand.h"

#include "core/error.h"
#include "core/labelrule.h"
#include "ui/projectdocument.h"

namespace ms::ui {

namespace {
const QString kPrefix = QStringLiteral("adjudication:");
}

SetConsensusCommand::SetConsensusCommand(ProjectDocument *document, qint64 clipId, QString source,
                                         db::AnnotationState before, db::AnnotationState after,
                                         const QString &text,
                                         std::function<void(const QString &)> onError)
    : QUndoCommand(text), m_document(document), m_clipId(clipId), m_source(std::move(source)),
      m_before(std::move(before)), m_after(std::move(after)), m_onError(std::move(onError))
{
}

QString SetConsensusCommand::sourceFor(const QString &decider)
{
    return kPrefix + decider.trimmed();
}

QString SetConsensusCommand::deciderOf(const QString &source)
{
    return source.startsWith(kPrefix) ? source.mid(kPrefix.size()) : source;
}

void SetConsensusCommand::write(const db::AnnotationState &state)
{
    if (!m_document)
        return;
    try {
        m_document->writeAnnotation(m_clipId, core::LabelRule::consensusAnnotator(), state,
                                    m_source);
    } catch (const core::UserError &e) {
        // The stack moves on; the message says which step did not reach the file.
        if (m_onError)
            m_onError(e.message());
    }
}

void SetConsensusCommand::undo()
{
    write(m_before);
}

void SetConsensusCommand::redo()
{
    if (m_alreadyDone) {
        m_alreadyDone = false;
        return;
    }
    write(m_after);
}

} // namespace ms::ui
