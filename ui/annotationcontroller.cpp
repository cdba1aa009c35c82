#include "ui/annotationcontroller.h"

#include "core/conceptkeymap.h"
#include "core/error.h"
#include "ui/projectdocument.h"
#include "ui/setannotationcommand.h"
#include "ui/setcliptimescommand.h"
#include "ui/setconceptkeycommand.h"

#include <QUndoStack>

namespace ms::ui {

AnnotationController::AnnotationController(QObject *parent)
    : QObject(parent), m_stack(new QUndoStack(this))
{
}

AnnotationController::~AnnotationController() = default;

void AnnotationController::setDocument(ProjectDocument *document)
{
    m_stack->clear();
    m_document = document;
}

ProjectDocument *AnnotationController::document() const
{
    return m_document;
}

void AnnotationController::setAnnotatorProvider(std::function<QString()> provider)
{
    m_annotatorProvider = std::move(provider);
}

db::AnnotationState AnnotationController::editBase(qint64 clipId)
{
    if (!m_document)
        return {};
    const auto a = m_document->effectiveAnnotation(clipId);
    if (!a)
        return {};
    return {a->level, a->concepts, a->note};
}

bool AnnotationController::fail(const QString &message)
{
    m_lastError = message;
    emit errorOccurred(message);
    return false;
}

bool AnnotationController::apply(qint64 clipId, const QString &text,
                                 const std::function<bool(db::AnnotationState &)> &change)
{
    m_lastError.clear();
    if (!m_document || !m_document->clip(clipId))
        return false;
    // A read-only project is refused before anything else (no name asked);
    // the window's banner says why as well.
    if (m_document->isReadOnly())
        return refuse(m_document->writeProblem());
    db::AnnotationState after = editBase(clipId);
    if (!change(after))
        return false;
    const QString annotator = m_annotatorProvider ? m_annotatorProvider().trimmed() : QString();
    if (annotator.isEmpty())
        return false;
    try {
        const db::AnnotationState before = m_document->state(clipId, annotator);
        if (!m_document->writeAnnotation(clipId, annotator, after))
            return false;
        m_stack->push(new SetAnnotationCommand(
            this, clipId, annotator, before, after,
            QStringLiteral("%1 of %2").arg(text, m_document->clip(clipId)->name)));
        return true;
    } catch (const core::UserError &e) {
        return fail(e.message());
    }
}

bool AnnotationController::refuse(const QString &message)
{
    m_lastError = message;
    emit notice(message);
    return false;
}

void AnnotationController::replay(qint64 clipId, const QString &annotator,
                                  const db::AnnotationState &state, bool undoing)
{
    if (!m_document)
        return;
    try {
        m_document->writeAnnotation(clipId, annotator, state);
        emit clipReplayed(clipId);
    } catch (const core::UserError &e) {
        // Nothing reached the file (a full disk, a read-only or vanished
        // file, a concept renamed meanwhile): the message says so, and the
        // stack steps back to where the file is once QUndoStack is done
        // (the step back writes what the file already holds: no change).
        // The failed step stays on the stack, to be tried again.
        // The step back itself may be refused (a read-only file); it moves
        // the stack all the same, and says nothing more.
        if (m_restoring)
            return;
        fail(e.message());
        QMetaObject::invokeMethod(
            this,
            [this, undoing] {
                m_restoring = true;
                if (undoing && m_stack->canRedo())
                    m_stack->redo();
                else if (!undoing && m_stack->canUndo())
                    m_stack->undo();
                m_restoring = false;
            },
            Qt::QueuedConnection);
    }
}

bool AnnotationController::setLevel(qint64 clipId, core::Level level)
{
    return apply(clipId, tr("Set %1").arg(core::levelCode(level)), [level](db::AnnotationState &s) {
        if (s.level == level)
            return false;
        s.level = level;
        return true;
    });
}

bool AnnotationController::setConcept(qint64 clipId, const QString &conceptName, bool on)
{
    bool noLevel = false;
    const bool changed = apply(clipId, (on ? tr("Tick %1") : tr("Untick %1")).arg(conceptName),
                               [&](db::AnnotationState &s) {
                                   if (!s.level) {
                                       noLevel = true;
                                       return false;
                                   }
                                   if (s.concepts.contains(conceptName) == on)
                                       return false;
                                   if (on)
                                       s.concepts.append(conceptName);
                                   else
                                       s.concepts.removeAll(conceptName);
                                   return true;
                               });
    if (noLevel)
        return refuse(tr("Set the clip's level (1, 2 or 3) before ticking concepts."));
    return changed;
}

bool AnnotationController::toggleConcept(qint64 clipId, const QString &conceptName)
{
    const db::AnnotationState base = editBase(clipId);
    return setConcept(clipId, conceptName, !base.concepts.contains(conceptName));
}

bool AnnotationController::setNote(qint64 clipId, const QString &note)
{
    return apply(clipId, tr("Edit note"), [&note](db::AnnotationState &s) {
        if (!s.level || s.note == note)
            return false;
        s.note = note;
        return true;
    });
}

bool AnnotationController::clear(qint64 clipId)
{
    m_lastError.clear();
    if (!m_document || !m_document->clip(clipId))
        return false;
    const QString annotator = m_annotatorProvider ? m_annotatorProvider().trimmed() : QString();
    if (annotator.isEmpty())
        return false;
    try {
        const db::AnnotationState before = m_document->state(clipId, annotator);
        if (!before.level) {
            const auto shown = m_document->effectiveAnnotation(clipId);
            return shown ? refuse(tr("The annotation shown is %1's; you have none of this clip "
                                     "to clear.")
                                      .arg(shown->annotator))
                         : false;
        }
        if (!m_document->writeAnnotation(clipId, annotator, {}))
            return false;
        m_stack->push(new SetAnnotationCommand(
            this, clipId, annotator, before, {},
            tr("Clear annotation of %1").arg(m_document->clip(clipId)->name)));
        return true;
    } catch (const core::UserError &e) {
        return fail(e.message());
    }
}

bool AnnotationController::setClipTimes(qint64 clipId, qint64 startMs, qint64 endMs)
{
    m_lastError.clear();
    const core::Clip *clip = m_document ? m_document->clip(clipId) : nullptr;
    if (!clip)
        return false;
    const qint64 oldStart = clip->startMs.value_or(-1), oldEnd = clip->endMs.value_or(-1);
    const QString name = clip->name;
    try {
        if (!m_document->setClipTimes(clipId, startMs, endMs))
            return false;
    } catch (const core::UserError &e) {
        return fail(e.message());
    }
    m_stack->push(new SetClipTimesCommand(this, clipId, oldStart, oldEnd, startMs, endMs,
                                          tr("Move edges of %1").arg(name)));
    return true;
}

bool AnnotationController::setConceptKey(const QString &conceptName, const QString &key)
{
    m_lastError.clear();
    const core::Concept *c = m_document ? m_document->taxonomy().find(conceptName) : nullptr;
    if (!c)
        return false;
    const QString name = c->name, before = c->shortcut;
    QString after;
    try {
        // A key the window uses or another concept has: said, not an error.
        core::ConceptKeyMap::validate(key, name, m_document->taxonomy());
    } catch (const core::UserError &e) {
        return refuse(e.message());
    }
    try {
        after = m_document->setConceptShortcut(name, key);
    } catch (const core::UserError &e) {
        return fail(e.message());
    }
    if (after == before)
        return false;
    m_stack->push(new SetConceptKeyCommand(this, name, before, after,
                                           after.isEmpty() ? tr("Default key for %1").arg(name)
                                                           : tr("Key %1 for %2").arg(after, name)));
    return true;
}

void AnnotationController::replayConceptKey(const QString &conceptName, const QString &key)
{
    if (!m_document)
        return;
    try {
        m_document->setConceptShortcut(conceptName, key);
    } catch (const core::UserError &e) {
        // Another concept took the key meanwhile: the step does not reach the file.
        fail(e.message());
    }
}

void AnnotationController::replayTimes(qint64 clipId, qint64 startMs, qint64 endMs)
{
    // A clip without times before the drag cannot be dragged: a clip has
    // edges on the timeline only once it has times.
    if (!m_document || startMs < 0)
        return;
    try {
        m_document->setClipTimes(clipId, startMs, endMs);
        emit clipReplayed(clipId);
    } catch (const core::UserError &e) {
        fail(e.message());
    }
}

} // namespace ms::ui
