#include "ui/clipeditor.h"

#include "core/clipnamepattern.h"
#include "core/clocktext.h"
#include "core/error.h"
#include "ui/clipeditcommand.h"
#include "ui/projectdocument.h"

#include <QUndoStack>
#include <algorithm>
#include <cmath>

namespace ms::ui {

ClipEditor::ClipEditor(QUndoStack *stack, QObject *parent)
    : QObject(parent), m_stack(stack), m_pattern(core::ClipNamePattern::defaultPattern())
{
}

void ClipEditor::setDocument(ProjectDocument *document)
{
    m_document = document;
    clearMarks();
}

ProjectDocument *ClipEditor::document() const
{
    return m_document;
}

void ClipEditor::setNamePattern(const QString &pattern)
{
    core::ClipNamePattern check(pattern); // throws for an unusable pattern
    m_pattern = check.pattern();
}

void ClipEditor::setInPoint(qint64 filmId, qint64 ms)
{
    if (filmId != m_markFilm)
        m_out.reset();
    m_markFilm = filmId;
    m_in = std::max<qint64>(0, ms);
    emit marksChanged();
}

void ClipEditor::setOutPoint(qint64 filmId, qint64 ms)
{
    if (filmId != m_markFilm)
        m_in.reset();
    m_markFilm = filmId;
    m_out = std::max<qint64>(0, ms);
    emit marksChanged();
}

void ClipEditor::clearMarks()
{
    const bool had = m_in || m_out;
    m_in.reset();
    m_out.reset();
    m_markFilm = 0;
    if (had)
        emit marksChanged();
}

qint64 ClipEditor::fail(const QString &message)
{
    m_lastError = message;
    emit errorOccurred(message);
    return 0;
}

std::optional<QList<qint64>> ClipEditor::run(const db::ClipEdit &edit)
{
    m_lastError.clear();
    if (!m_document) {
        fail(tr("Open a project first."));
        return std::nullopt;
    }
    try {
        return m_document->editClips(edit);
    } catch (const core::UserError &e) {
        fail(e.message());
    }
    return std::nullopt;
}

void ClipEditor::replay(const db::ClipEdit &edit, qint64 focus)
{
    if (run(edit))
        emit clipsEdited(focus);
}

QStringList ClipEditor::newNames(qint64 filmId, int count)
{
    const core::Film *film = m_document->film(filmId);
    return core::ClipNamePattern(m_pattern).freeNames(film->movieId, count,
                                                      m_document->clipNamesInUse());
}

std::pair<qint64, qint64> ClipEditor::neighbours(qint64 clipId) const
{
    const core::Clip *self = m_document ? m_document->clip(clipId) : nullptr;
    if (!self || !self->startMs)
        return {0, 0};
    const auto before = [](const core::Clip &a, const core::Clip &b) {
        return std::make_pair(*a.startMs, a.id) < std::make_pair(*b.startMs, b.id);
    };
    const core::Clip *prev = nullptr, *next = nullptr;
    for (const core::Clip &c : m_document->clips()) {
        if (c.filmId != self->filmId || c.id == clipId || !c.startMs || !c.endMs)
            continue;
        if (before(c, *self) && (!prev || before(*prev, c)))
            prev = &c;
        if (before(*self, c) && (!next || before(c, *next)))
            next = &c;
    }
    return {prev ? prev->id : 0, next ? next->id : 0};
}

qint64 ClipEditor::createFromMarks()
{
    if (!m_in || !m_out)
        return fail(m_in ? tr("Set the out point with O first (the in point is at %1).")
                               .arg(core::clockText(*m_in))
                         : tr("Set the in point with I and the out point with O first."));
    const qint64 id = createClip(m_markFilm, std::min(*m_in, *m_out), std::max(*m_in, *m_out));
    if (id)
        clearMarks();
    return id;
}

qint64 ClipEditor::createClip(qint64 filmId, qint64 startMs, qint64 endMs)
{
    if (!m_document || !m_document->film(filmId))
        return fail(tr("No film is shown: choose a film (or one of its clips) first."));
    if (endMs <= startMs)
        return fail(tr("A clip needs an out point after its in point (both are at %1).")
                        .arg(core::clockText(startMs)));
    const QString name = newNames(filmId, 1).first();
    db::ClipEdit edit;
    edit.create.append({filmId, name, startMs, endMs});
    edit.allowOverlap = m_document->clipsMayOverlap();
    const auto ids = run(edit);
    if (!ids)
        return 0;
    const qint64 id = ids->first();
    db::ClipEdit undo, redo;
    undo.remove = *ids;
    redo.restore = *ids;
    redo.allowOverlap = true;
    m_stack->push(new ClipEditCommand(this, undo, redo, 0, id, tr("Create clip %1").arg(name)));
    emit clipsEdited(id);
    return id;
}

qint64 ClipEditor::split(qint64 clipId, qint64 atMs)
{
    const core::Clip *clip = m_document ? m_document->clip(clipId) : nullptr;
    if (!clip)
        return fail(tr("Choose the clip to split first."));
    if (!clip->startMs || !clip->endMs)
        return fail(tr("Clip %1 has no times, so it cannot be split.").arg(clip->name));
    const qint64 start = *clip->startMs, end = *clip->endMs;
    if (atMs <= start || atMs >= end)
        return fail(tr("The playhead (%1) is not inside clip %2 (%3\u2013%4): move it into the "
                       "clip to split it there.")
                        .arg(core::clockText(atMs), clip->name, core::clockText(start),
                             core::clockText(end)));
    const QString name = clip->name;
    const QString second = newNames(clip->filmId, 1).first();
    db::ClipEdit edit;
    edit.times.append({clipId, start, atMs});
    edit.create.append({clip->filmId, second, atMs, end});
    edit.allowOverlap = true; // the parts cover what the clip covered
    const auto ids = run(edit);
    if (!ids)
        return 0;
    db::ClipEdit undo, redo;
    undo.remove = *ids;
    undo.times.append({clipId, start, end});
    undo.allowOverlap = true;
    redo.restore = *ids;
    redo.times.append({clipId, start, atMs});
    redo.allowOverlap = true;
    m_stack->push(new ClipEditCommand(this, undo, redo, clipId, clipId,
                                      tr("Split %1 at %2").arg(name, core::clockText(atMs))));
    emit clipsEdited(clipId);
    return ids->first();
}

qint64 ClipEditor::mergeWithNext(qint64 clipId)
{
    const core::Clip *clip = m_document ? m_document->clip(clipId) : nullptr;
    if (!clip)
        return fail(tr("Choose the clip to merge first."));
    const qint64 nextId = neighbours(clipId).second;
    const core::Clip *next = nextId ? m_document->clip(nextId) : nullptr;
    if (!next || !clip->endMs)
        return fail(tr("Clip %1 is the last of its film: there is no next clip to merge it "
                       "with.")
                        .arg(clip->name));
    const QString name = clip->name, nextName = next->name;
    const qint64 start = *clip->startMs, end = *clip->endMs;
    db::ClipEdit edit;
    edit.remove.append(nextId);
    edit.times.append({clipId, start, std::max(end, *next->endMs)});
    edit.allowOverlap = m_document->clipsMayOverlap();
    if (!run(edit))
        return 0;
    db::ClipEdit undo;
    undo.times.append({clipId, start, end});
    undo.restore.append(nextId);
    undo.allowOverlap = true;
    m_stack->push(new ClipEditCommand(this, undo, edit, clipId, clipId,
                                      tr("Merge %1 with %2").arg(name, nextName)));
    emit clipsEdited(clipId);
    return clipId;
}

qint64 ClipEditor::remove(qint64 clipId)
{
    const core::Clip *clip = m_document ? m_document->clip(clipId) : nullptr;
    if (!clip)
        return fail(tr("Choose the clip to delete first."));
    const auto [prev, next] = neighbours(clipId);
    const qint64 focus = next ? next : prev;
    const QString name = clip->name;
    db::ClipEdit edit;
    edit.remove.append(clipId);
    if (!run(edit))
        return 0;
    db::ClipEdit undo;
    undo.restore.append(clipId);
    undo.allowOverlap = true;
    m_stack->push(
        new ClipEditCommand(this, undo, edit, clipId, focus, tr("Delete clip %1").arg(name)));
    emit clipsEdited(focus);
    return focus ? focus : -1;
}

qint64 ClipEditor::nudgeNearestEdge(qint64 clipId, qint64 atMs, int frames, qint64 frameMs)
{
    const core::Clip *clip = m_document ? m_document->clip(clipId) : nullptr;
    if (!clip || !clip->startMs || !clip->endMs) {
        fail(tr("Choose a clip with times first."));
        return -1;
    }
    const qint64 start = *clip->startMs, end = *clip->endMs;
    const bool startEdge = std::abs(atMs - start) <= std::abs(atMs - end);
    const qint64 edge = startEdge ? start : end;
    const qint64 moved = std::max<qint64>(0, edge + qint64(frames) * std::max<qint64>(1, frameMs));
    if (moved == edge)
        return edge;
    db::ClipEdit edit, undo;
    edit.times.append({clipId, startEdge ? moved : start, startEdge ? end : moved});
    undo.times.append({clipId, start, end});
    // A neighbour that shares the edge (a cut between two shots) moves with it.
    const auto [prevId, nextId] = neighbours(clipId);
    if (const core::Clip *n = m_document->clip(startEdge ? prevId : nextId);
        n && n->startMs && n->endMs && (startEdge ? *n->endMs == start : *n->startMs == end)) {
        edit.times.append({n->id, startEdge ? *n->startMs : moved, startEdge ? moved : *n->endMs});
        undo.times.append({n->id, *n->startMs, *n->endMs});
    }
    edit.allowOverlap = m_document->clipsMayOverlap();
    undo.allowOverlap = true;
    const QString name = clip->name;
    if (!run(edit))
        return -1;
    m_stack->push(
        new ClipEditCommand(this, undo, edit, clipId, clipId,
                            (startEdge ? tr("Move start of %1 to %2") : tr("Move end of %1 to %2"))
                                .arg(name, core::clockText(moved))));
    emit clipsEdited(clipId);
    return moved;
}

QList<qint64> ClipEditor::createMany(qint64 filmId, const QList<core::TimeRange> &ranges,
                                     const QString &what)
{
    if (!m_document || !m_document->film(filmId)) {
        fail(tr("No film is shown: choose a film first."));
        return {};
    }
    if (ranges.isEmpty()) {
        fail(tr("The proposal has no clips."));
        return {};
    }
    const QStringList names = newNames(filmId, int(ranges.size()));
    db::ClipEdit edit;
    for (qsizetype i = 0; i < ranges.size(); ++i)
        edit.create.append({filmId, names[i], ranges[i].startMs, ranges[i].endMs});
    edit.allowOverlap = m_document->clipsMayOverlap();
    const auto ids = run(edit);
    if (!ids)
        return {};
    db::ClipEdit undo, redo;
    undo.remove = *ids;
    redo.restore = *ids;
    redo.allowOverlap = true;
    m_stack->push(new ClipEditCommand(this, undo, redo, 0, ids->first(), what));
    emit clipsEdited(ids->first());
    return *ids;
}

} // namespace ms::ui
