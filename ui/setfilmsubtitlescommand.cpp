#include "ui/setfilmsubtitlescommand.h"

namespace ms::ui {

SetFilmSubtitlesCommand::SetFilmSubtitlesCommand(std::function<bool(const Source &)> apply,
                                                 Source before, Source after, const QString &text)
    : QUndoCommand(text), m_apply(std::move(apply)), m_before(std::move(before)),
      m_after(std::move(after))
{
}

void SetFilmSubtitlesCommand::undo()
{
    m_apply(m_before);
}

void SetFilmSubtitlesCommand::redo()
{
    if (m_alreadyDone) {
        m_alreadyDone = false;
        return;
    }
    m_apply(m_after);
}

} // namespace ms::ui
