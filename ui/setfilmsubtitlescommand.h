#pragma once

#include <QString>
#include <QUndoCommand>
#include <functional>

namespace ms::ui {

// A film's subtitle file going from `before` to `after` (Film > Subtitles).
// `apply` writes one of them and says whether it could; like the other
// commands, the change is made before pushing, so the first redo() is skipped.
class SetFilmSubtitlesCommand : public QUndoCommand
{
public:
    SetFilmSubtitlesCommand(std::function<bool(const QString &)> apply, QString before,
                            QString after, const QString &text);
    void undo() override;
    void redo() override;

private:
    std::function<bool(const QString &)> m_apply;
    QString m_before, m_after;
    bool m_alreadyDone = true;
};

} // namespace ms::ui
