#include "ui/explanationsession.h"

#include "core/error.h"
#include "models/explanationjob.h"
#include "ui/explanationpanel.h"
#include "ui/overlaybuilder.h"
#include "ui/projectdocument.h"
#include "ui/runchooser.h"
#include "ui/timeline/timelinewidget.h"

#include <algorithm>

namespace ms::ui {

ExplanationSession::ExplanationSession(RunChooser *chooser, TimelineWidget *timeline,
                                       ExplanationPanel *panel, core::JobRunner *jobs,
                                       QObject *parent)
    : QObject(parent), m_chooser(chooser), m_timeline(timeline), m_panel(panel), m_jobs(jobs)
{
    connect(m_chooser, &RunChooser::chosen, this, &ExplanationSession::showSet);
    connect(m_chooser, &RunChooser::refreshRequested, this, &ExplanationSession::refresh);
    connect(m_jobs, &core::JobRunner::finished, this,
            [this](core::JobRunner::JobId id, const core::JobOutcome &outcome) {
                if (id == m_explainJob)
                    explainEnded(outcome);
            });
}

void ExplanationSession::setDocument(ProjectDocument *document)
{
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    m_set.reset();
    m_clipId = 0;
    // A clip's new times move its lanes.
    if (document) {
        connect(document, &ProjectDocument::clipTimesChanged, this,
                &ExplanationSession::rebuildOverlay);
        const auto labelsChanged = [this] {
            computeRationale();
            updatePanel();
        };
        connect(document, &ProjectDocument::annotationChanged, this, labelsChanged);
        connect(document, &ProjectDocument::reloaded, this, labelsChanged);
    }
    refresh();
}

void ExplanationSession::setFilm(qint64 filmId)
{
    m_filmId = filmId;
    rebuildOverlay();
}

void ExplanationSession::setClip(qint64 clipId)
{
    m_clipId = clipId;
    updatePanel();
}

void ExplanationSession::refresh()
{
    refreshShowing(currentSet());
}

void ExplanationSession::refreshShowing(qint64 wanted)
{
    QList<db::ExplanationSet> sets;
    if (m_document) {
        try {
            sets = m_document->explanationSets();
        } catch (const core::UserError &e) {
            emit message(tr("Cannot read the explanations: %1").arg(e.message()), 10000);
        }
    }
    m_chooser->setSets(sets);
    show(sets, m_chooser->contains(wanted) ? wanted : 0);
}

bool ExplanationSession::showSet(qint64 setId)
{
    QList<db::ExplanationSet> sets;
    QString readError;
    if (setId && m_document) {
        try {
            sets = m_document->explanationSets();
        } catch (const core::UserError &e) {
            readError = e.message();
            emit message(readError, 10000);
        }
    }
    const bool ok = show(sets, setId);
    if (readError.isEmpty())
        return ok;
    m_lastError = readError;
    return false;
}

bool ExplanationSession::show(const QList<db::ExplanationSet> &sets, qint64 setId)
{
    m_lastError.clear();
    m_set.reset();
    m_explained.clear();
    m_explainedIndex.clear();
    bool ok = setId == 0;
    if (setId && m_document) {
        try {
            for (const db::ExplanationSet &s : sets)
                if (s.id == setId)
                    m_set = s;
            if (m_set) {
                m_explained = m_document->explanationClips(setId);
                for (int i = 0; i < int(m_explained.size()); ++i)
                    m_explainedIndex.insert(m_explained[size_t(i)].clip, i);
                ok = true;
            } else {
                m_lastError = tr("The project has no explanation set %1.").arg(setId);
            }
        } catch (const core::UserError &e) {
            m_lastError = e.message();
            emit message(m_lastError, 10000);
        }
    }
    m_chooser->setCurrent(currentSet());
    computeRationale();
    rebuildOverlay();
    updatePanel();
    return ok;
}

void ExplanationSession::computeRationale()
{
    m_rationale.reset();
    m_rationaleError.clear();
    if (!m_set || !m_document)
        return;
    try {
        m_rationale = m_document->rationale(*m_set, m_explained);
    } catch (const core::UserError &e) {
        m_rationaleError = tr("No rationale agreement: %1").arg(e.message());
    }
}

const db::ClipExplanation *ExplanationSession::explanation(const QString &clipName) const
{
    const auto it = m_explainedIndex.constFind(clipName);
    return it == m_explainedIndex.cend() ? nullptr : &m_explained[size_t(*it)];
}

void ExplanationSession::rebuildOverlay()
{
    if (!m_set || !m_document || m_filmId <= 0) {
        m_timeline->setOverlay({});
        return;
    }
    QHash<QString, OverlayBuilder::Span> film;
    for (const core::Clip &c : m_document->clips())
        if (c.filmId == m_filmId && c.startMs && c.endMs)
            film.insert(c.name, {*c.startMs, *c.endMs});
    m_timeline->setOverlay(OverlayBuilder::build(*m_set, m_explained, film));
}

void ExplanationSession::updatePanel()
{
    const core::Clip *clip = m_document && m_clipId ? m_document->clip(m_clipId) : nullptr;
    if (!m_set) {
        m_panel->showMessage(
            m_chooser->setCount() > 0
                ? tr("Choose a run in \u201cRun:\u201d above the timeline to see why its model "
                     "scored the selected clip.")
                : tr("No explanations are stored in this project yet. Train a model, then run "
                     "\u201cmodalscope-cli explain --db PROJECT --run ID\u201d and press "
                     "Refresh next to \u201cRun:\u201d."));
        return;
    }
    if (!clip) {
        m_panel->showMessage(tr("Select a clip to see its explanation."));
        return;
    }
    const db::ClipExplanation *e = explanation(clip->name);
    if (!e) {
        m_panel->showMessage(tr("%1 was not explained in this run (explanations cover the clips "
                                "of the result's test fold).")
                                 .arg(clip->name));
        return;
    }
    m_panel->setExplanation(*m_set, *e, clip->startMs.value_or(0),
                            clip->endMs.value_or(clip->startMs.value_or(0) + 1));
    m_panel->setRationale(m_rationale ? &m_rationale->agreement : nullptr, clip->name,
                          m_rationaleError);
}

void ExplanationSession::cancelExplanation()
{
    if (m_explainJob)
        m_jobs->cancel(m_explainJob);
}

bool ExplanationSession::explainRun(qint64 runId, const QString &baseline)
{
    m_lastError.clear();
    if (!m_document) {
        m_lastError = tr("Open a project first.");
        return false;
    }
    if (isExplaining()) {
        m_lastError = tr("A run is being explained already; wait for it or cancel it.");
        return false;
    }
    emit message(tr("Explaining run %1 (baseline %2)\u2026").arg(runId).arg(baseline), 0);
    m_explainJob = m_jobs->start(
        std::make_unique<models::ExplanationJob>(m_document->location(), runId, baseline));
    return true;
}

void ExplanationSession::explainEnded(const core::JobOutcome &outcome)
{
    m_explainJob = 0;
    qint64 setId = 0;
    QString text;
    if (outcome.isDone()) {
        setId = outcome.result.toLongLong();
        text = outcome.message.section(u'\n', 0, 0);
        refreshShowing(setId);
    } else {
        text = outcome.isCancelled() ? tr("Explanation cancelled; nothing stored.")
                                     : tr("Cannot explain the run: %1").arg(outcome.message);
        m_lastError = text;
    }
    emit message(text, 15000);
    emit explanationDone(setId, text);
}

} // namespace ms::ui
