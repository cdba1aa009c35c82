#pragma once

#include "core/subtitlesource.h"

#include <QUndoCommand>
#include <functional>

namespace ms::ui {

// A film's subtitles going from `before` to `after` (Film > Subtitles): a
// file, a text stream of the film, or none. `apply` writes one of them and
// says whether it could; like the other commands, the change is made before
// pushing, so the first redo() is skipped.
class SetFilmSubtitlesCommand : public QUndoCommand
{
public:
    using Source = core::SubtitleSource;
    SetFilmSubtitlesCommand(std::function<bool(const Source &)> apply, Source before,
                            Source after, const QString &text);
    void undo() override;
    void redo() override;

private:
    std::function<bool(const Source &)> m_apply;
    Source m_before, m_after;
    bool m_alreadyDone = true;
};

} // namespace ms::ui
