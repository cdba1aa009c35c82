#pragma once

#include "core/level.h"
#include "database/annotationrepository.h"

#include <QObject>
#include <QPointer>
#include <functional>
#include <optional>

class QUndoStack;

namespace ms::ui {

class ProjectDocument;

// The single entry point for annotation edits. Widgets call these methods and
// never write to the project themselves; each successful edit is committed at
// once (through ProjectDocument and the repository, which appends history) and
// pushed as a SetAnnotationCommand so Ctrl+Z / Ctrl+Shift+Z replay it.
//
// An edit starts from the clip's effective annotation (what the table and the
// panel show), whoever made it, and is written as the current annotator's:
// pressing S on a clip imported as EN with concepts keeps the concepts. Undo
// writes back the annotator's own previous state.
class AnnotationController : public QObject
{
    Q_OBJECT
public:
    explicit AnnotationController(QObject *parent = nullptr);
    ~AnnotationController() override;

    QUndoStack *undoStack() const { return m_stack; }

    // Clears the undo history: commands refer to the previous document.
    void setDocument(ProjectDocument *document);
    ProjectDocument *document() const;

    // Called when an edit needs the annotator's name; returns empty to cancel
    // the edit (the GUI asks the user once and stores the answer).
    void setAnnotatorProvider(std::function<QString()> provider);

    // Each returns true when the project changed. False with lastError() set on
    // failure (also emitted as errorOccurred), or with it empty when there was
    // nothing to do.
    bool setLevel(qint64 clipId, core::Level level);
    bool setConcept(qint64 clipId, const QString &conceptName, bool on);
    // Ticks the concept when the clip's effective annotation lacks it, else
    // unticks it (a concept key); one undoable change like setConcept().
    bool toggleConcept(qint64 clipId, const QString &conceptName);
    bool setNote(qint64 clipId, const QString &note);
    // Removes the current annotator's annotation of the clip.
    bool clear(qint64 clipId);
    // Moves a clip's time range (a timeline edge drag); undoable like the
    // annotation edits, refused in words when end <= start.
    bool setClipTimes(qint64 clipId, qint64 startMs, qint64 endMs);

    // Gives a concept its own key (one letter or digit; empty: back to the
    // default one), stored with the taxonomy; undoable like the edits above,
    // refused in words (notice(), lastError()) when the key is the window's
    // or another concept's.
    bool setConceptKey(const QString &conceptName, const QString &key);

    // What an edit of the clip starts from (the effective annotation).
    db::AnnotationState editBase(qint64 clipId);
    QString lastError() const { return m_lastError; }

signals:
    // A write failed (the message names the file); the project is unchanged.
    void errorOccurred(const QString &message);
    // Nothing was done, and the user should know why (status bar material).
    void notice(const QString &message);
    // Undo or redo changed this clip: views may bring it into sight.
    void clipReplayed(qint64 clipId);

private:
    friend class SetAnnotationCommand;
    friend class SetClipTimesCommand;
    friend class SetConceptKeyCommand;
    void replayConceptKey(const QString &conceptName, const QString &key);
    void replayTimes(qint64 clipId, qint64 startMs, qint64 endMs);
    bool apply(qint64 clipId, const QString &text,
               const std::function<bool(db::AnnotationState &)> &change);
    // `undoing`: called by undo() (else redo()). When the write fails (a
    // full disk, a read-only or vanished file) the stack is put back where
    // the file is, so the failed step can be tried again.
    void replay(qint64 clipId, const QString &annotator, const db::AnnotationState &state,
                bool undoing);
    bool fail(const QString &message);
    bool refuse(const QString &message);

    QUndoStack *m_stack;
    QPointer<ProjectDocument> m_document;
    std::function<QString()> m_annotatorProvider;
    QString m_lastError;
    bool m_restoring = false;
};

} // namespace ms::ui
