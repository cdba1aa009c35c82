#include "ui/clipsession.h"

#include "core/atomicfile.h"
#include "core/clipnamepattern.h"
#include "core/clocktext.h"
#include "core/error.h"
#include "core/formats/formatregistry.h"
#include "core/subtitlesidecarfinder.h"
#include "ui/clipbrowser.h"
#include "ui/clipeditor.h"
#include "ui/filmsession.h"
#include "ui/mainactions.h"
#include "ui/mainstatusbar.h"
#include "ui/playerwidget.h"
#include "ui/projectdocument.h"
#include "ui/setfilmsubtitlescommand.h"
#include "ui/settings.h"
#include "ui/timeline/timelinewidget.h"

#include <QActionGroup>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QMenu>
#include <QUndoStack>
#include <cmath>

namespace ms::ui {

ClipSession::ClipSession(ClipEditor *editor, MainActions *actions, ClipBrowser *browser,
                         TimelineWidget *timeline, FilmSession *film, PlayerWidget *player,
                         MainStatusBar *status, Settings &settings, QWidget *dialogParent)
    : QObject(dialogParent), m_editor(editor), m_actions(actions), m_browser(browser),
      m_timeline(timeline), m_film(film), m_player(player), m_status(status), m_settings(settings),
      m_dialogParent(dialogParent)
{
    try {
        m_editor->setNamePattern(m_settings.clipNamePattern());
    } catch (const core::UserError &e) {
        m_status->showMessage(e.message(), 10000); // the default pattern stays
    }
    const auto mark = [this](bool in) {
        const qint64 film = m_film->filmId();
        if (!film)
            return showError(tr("No film is shown: choose a film or one of its clips first."));
        const qint64 at = m_timeline->position();
        in ? m_editor->setInPoint(film, at) : m_editor->setOutPoint(film, at);
        const auto i = m_editor->inPoint(), o = m_editor->outPoint();
        m_status->showMessage(
            i && o ? tr("In %1, out %2: Enter makes the clip.")
                         .arg(core::clockText(*i), core::clockText(*o))
            : in ? tr("In point %1; set the out point with O.").arg(core::clockText(at))
                 : tr("Out point %1; set the in point with I.").arg(core::clockText(at)),
            8000);
    };
    connect(actions, &MainActions::inPointRequested, this, [mark] { mark(true); });
    connect(actions, &MainActions::outPointRequested, this, [mark] { mark(false); });
    connect(m_editor, &ClipEditor::marksChanged, this, [this] {
        m_actions->setClipMarksSet(m_editor->hasMarks());
        m_timeline->setMarks(m_editor->inPoint(), m_editor->outPoint());
    });
    connect(actions, &MainActions::makeClipRequested, m_editor, &ClipEditor::createFromMarks);
    connect(actions, &MainActions::splitClipRequested, this, [this] {
        const qint64 clip = clipAtPlayhead();
        if (!clip)
            return showError(tr("No clip under the playhead to split."));
        m_editor->split(clip, m_timeline->position());
    });
    connect(actions, &MainActions::mergeClipRequested, this, [this] {
        const qint64 clip = clipAtPlayhead();
        if (!clip)
            return showError(tr("No clip under the playhead to merge with the next."));
        m_editor->mergeWithNext(clip);
    });
    connect(actions, &MainActions::deleteClipRequested, this, [this] {
        if (const qint64 clip = m_browser->currentClipId())
            m_editor->remove(clip);
        else
            showError(tr("Choose the clip to delete first."));
    });
    connect(actions, &MainActions::nudgeEdgeRequested, this, [this](int frames) {
        const qint64 clip = m_browser->currentClipId();
        if (!clip)
            return showError(tr("Choose the clip whose edge to move first."));
        const qint64 edge =
            m_editor->nudgeNearestEdge(clip, m_timeline->position(), frames, frameMs());
        // The playhead goes to the edge, so the frame it now starts or ends
        // on is the one shown, and the next press moves the same edge.
        if (edge >= 0)
            emit m_timeline->seekRequested(edge);
    });
    connect(m_timeline, &TimelineWidget::clipDrawn, this, [this](qint64 start, qint64 end) {
        m_editor->createClip(m_film->filmId(), start, end);
    });
    connect(m_editor, &ClipEditor::clipsEdited, this, [this](qint64 focus) {
        if (focus > 0)
            m_browser->selectClip(focus);
    });
    connect(m_editor, &ClipEditor::errorOccurred, this, &ClipSession::showError);
    connect(actions, &MainActions::clipNamesRequested, this, &ClipSession::askNamePattern);
    connect(actions, &MainActions::exportFilmRequested, this, &ClipSession::askExportFilm);
    connect(actions->subtitlesMenu(), &QMenu::aboutToShow, this,
            &ClipSession::rebuildSubtitlesMenu);
    connect(m_film, &FilmSession::filmChanged, this, &ClipSession::filmShown);
    connect(actions, &MainActions::clipsMayOverlapToggled, this, [this](bool on) {
        if (m_document)
            m_document->setClipsMayOverlap(on);
    });
    // A film without clips is shown when chosen in the browser's film list,
    // so its first clip can be made.
    connect(m_browser->filmFilter(), &QComboBox::currentIndexChanged, this, [this] {
        const QString movieId = m_browser->filmFilter()->currentData().toString();
        if (!m_document || movieId.isEmpty() || m_browser->currentClipId())
            return;
        for (const core::Film &f : m_document->films())
            if (f.movieId == movieId)
                m_film->showFilm(f.id);
    });
}

void ClipSession::setDocument(ProjectDocument *document)
{
    m_document = document;
    m_editor->setDocument(document);
    if (document)
        document->setClipsMayOverlap(m_settings.clipsMayOverlap());
}

void ClipSession::showError(const QString &message)
{
    m_status->showMessage(message, 10000);
}

qint64 ClipSession::clipAtPlayhead() const
{
    if (!m_document)
        return 0;
    const qint64 at = m_timeline->position();
    const auto inside = [at](const core::Clip *c) {
        return c && c->startMs && c->endMs && *c->startMs <= at && at < *c->endMs;
    };
    const core::Clip *current = m_document->clip(m_browser->currentClipId());
    if (inside(current))
        return current->id;
    for (const core::Clip &c : m_document->clips())
        if (c.filmId == m_film->filmId() && inside(&c))
            return c.id;
    return 0;
}

qint64 ClipSession::frameMs() const
{
    const double fps = m_player->frameRate();
    return fps > 0 ? std::max<qint64>(1, qint64(std::llround(1000.0 / fps))) : 40;
}

void ClipSession::askNamePattern()
{
    bool ok = false;
    const QString pattern = QInputDialog::getText(
        m_dialogParent, tr("New Clip Names"),
        tr("How new clips are named: <film> stands for the film's id, a run of # for the clip's "
           "number (\"<film>-###\" gives tt0108160-001)."),
        QLineEdit::Normal, m_editor->namePattern(), &ok);
    if (!ok)
        return;
    try {
        m_editor->setNamePattern(pattern);
        m_settings.setClipNamePattern(m_editor->namePattern());
        m_status->showMessage(tr("New clips are named %1.").arg(m_editor->namePattern()), 6000);
    } catch (const core::UserError &e) {
        showError(e.message());
    }
}

bool ClipSession::exportFilm(const QString &path, const QString &formatId)
{
    m_lastError.clear();
    const core::Film *film = m_document ? m_document->film(m_film->filmId()) : nullptr;
    const core::AnnotationFormat *format = core::FormatRegistry::builtIn().find(formatId);
    try {
        if (!film)
            throw core::UserError(tr("No film is shown: choose a film first."));
        if (!format || !format->canWrite())
            throw core::UserError(tr("Modalscope cannot write the format '%1'.").arg(formatId));
        QList<core::ImportRecord> rows = m_document->annotationTable();
        rows.removeIf([film](const core::ImportRecord &r) { return r.movieId != film->movieId; });
        core::writeFileAtomically(path, format->write(rows));
        m_status->showMessage(tr("%n clip(s) of %1 written to %2.", nullptr, int(rows.size()))
                                  .arg(film->movieId, path),
                              8000);
        return true;
    } catch (const core::UserError &e) {
        m_lastError = e.message();
    }
    return false;
}

void ClipSession::askExportFilm()
{
    const core::Film *film = m_document ? m_document->film(m_film->filmId()) : nullptr;
    if (!film)
        return showError(tr("No film is shown: choose a film first."));
    QStringList filters;
    QHash<QString, QString> byFilter;
    for (const core::AnnotationFormat *f : core::FormatRegistry::builtIn().writers()) {
        filters.append(f->fileFilter());
        byFilter.insert(f->fileFilter(), f->id());
    }
    QString chosen = filters.value(0);
    const QString path = QFileDialog::getSaveFileName(
        m_dialogParent, tr("Export the Annotations of %1").arg(film->movieId),
        m_settings.lastFolder() + QLatin1Char('/') + film->movieId,
        filters.join(QStringLiteral(";;")), &chosen);
    if (path.isEmpty())
        return;
    if (!exportFilm(path, byFilter.value(chosen)))
        showError(m_lastError);
}

QList<core::SubtitleSidecarFinder::Candidate> ClipSession::subtitleChoices() const
{
    const core::Film *film = m_document ? m_document->film(m_film->filmId()) : nullptr;
    if (!film || film->mediaPath.isEmpty())
        return {};
    const QString media = m_document->resolvePath(film->mediaPath);
    auto out = core::SubtitleSidecarFinder::sidecars(media);
    try {
        out += core::SubtitleSidecarFinder::streams(media);
    } catch (const core::UserError &) {
        // The media is missing or unreadable: the player already says so.
    }
    return out;
}

void ClipSession::filmShown(qint64 filmId)
{
    const auto choices = subtitleChoices();
    m_actions->subtitlesMenu()->setEnabled(filmId != 0 && m_document);
    if (choices.size() > 1)
        m_status->showMessage(tr("This film has %1 subtitle choices (files beside it and streams "
                                 "inside it); Film > Subtitles chooses among them.")
                                  .arg(choices.size()),
                              8000);
}

bool ClipSession::applySubtitles(const QString &movieId, const core::SubtitleSource &source)
{
    try {
        m_document->setFilmSubtitleSource(movieId, source);
    } catch (const core::UserError &e) {
        m_lastError = e.message();
        showError(e.message());
        return false;
    }
    const core::Film *shown = m_document->film(m_film->filmId());
    if (shown && shown->movieId == movieId)
        m_film->reloadFilm();
    return true;
}

static bool sameSource(const core::SubtitleSource &a, const core::SubtitleSource &b)
{
    if (a.isEmpty() || b.isEmpty())
        return a.isEmpty() && b.isEmpty();
    return a.stream == b.stream && QFileInfo(a.path) == QFileInfo(b.path);
}

bool ClipSession::chooseSubtitles(const core::SubtitleSource &source)
{
    m_lastError.clear();
    const core::Film *film = m_document ? m_document->film(m_film->filmId()) : nullptr;
    if (!film) {
        m_lastError = tr("No film is shown: choose a film first.");
        return false;
    }
    const QString movieId = film->movieId;
    const core::SubtitleSource before = m_document->subtitleSource(*film);
    core::SubtitleSource after = source;
    if (after.isStream()) // a stream is always the film's own media's
        after.path = m_document->resolvePath(film->mediaPath);
    if (sameSource(before, after))
        return true;
    if (!applySubtitles(movieId, after))
        return false;
    m_editor->undoStack()->push(new SetFilmSubtitlesCommand(
        [this, movieId](const core::SubtitleSource &s) {
            return m_document && applySubtitles(movieId, s);
        },
        before, after,
        after.isEmpty() ? tr("No subtitles for %1").arg(movieId)
                        : tr("Subtitles of %1: %2").arg(movieId, after.displayName())));
    return true;
}

void ClipSession::rebuildSubtitlesMenu()
{
    QMenu *menu = m_actions->subtitlesMenu();
    menu->clear();
    const core::Film *film = m_document ? m_document->film(m_film->filmId()) : nullptr;
    if (!film)
        return;
    const core::SubtitleSource current = m_document->subtitleSource(*film);
    auto *group = new QActionGroup(menu);
    const auto add = [&](const QString &text, const core::SubtitleSource &source) {
        QAction *a = menu->addAction(text);
        a->setCheckable(true);
        a->setChecked(sameSource(source, current));
        group->addAction(a);
        connect(a, &QAction::triggered, this, [this, source] {
            if (!chooseSubtitles(source))
                showError(m_lastError);
        });
    };
    add(tr("&None"), {});
    const auto choices = subtitleChoices();
    bool listed = current.isEmpty();
    for (const auto &c : choices)
        listed = listed || sameSource({c.path, c.streamIndex}, current);
    if (!listed) // attached by hand, from elsewhere
        add(QDir::toNativeSeparators(current.displayName()), current);
    bool streams = false;
    for (const auto &c : choices) {
        const bool stream = c.kind == core::SubtitleSidecarFinder::Candidate::Kind::Stream;
        if (stream && !streams) {
            menu->addSection(tr("Inside the film"));
            streams = true;
        }
        // "film.en.srt (en)"; "Stream 2: subrip, fra"
        add(stream ? tr("Stream %1").arg(c.label().mid(QStringLiteral("stream ").size()))
                   : QDir::toNativeSeparators(c.label()),
            {c.path, c.streamIndex});
    }
}

} // namespace ms::ui
