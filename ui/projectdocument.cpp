#include "ui/projectdocument.h"

#include "core/error.h"
#include "core/splitexporter.h"
#include "database/annotatortable.h"
#include "database/cliprepository.h"
#include "database/projectdatabase.h"
#include "database/projectmeta.h"
#include "database/sqlitefilestate.h"
#include "database/taxonomyrepository.h"

#include <QDir>
#include <QFileInfo>
#include <QTimer>
#include <sqlite3.h>

namespace ms::ui {

// Source of every history entry written by the GUI.
static const QString kSource = QStringLiteral("gui");

ProjectDocument::ProjectDocument(const QString &path, OpenMode mode, QObject *parent)
    : ProjectDocument(db::ProjectLocation::file(path), mode, parent)
{
}

// A file gets the GUI's own words (the menu to use instead) before SQLite
// sees it; the rest of opening is db::ProjectDatabase::open's.
static void checkFile(const QString &path, ProjectDocument::OpenMode mode)
{
    using OpenMode = ProjectDocument::OpenMode;
    const QFileInfo info(path);
    if (mode == OpenMode::OpenExisting) {
        if (!info.exists())
            throw core::UserError(QStringLiteral("%1: no such file").arg(path));
        if (info.isDir())
            throw core::UserError(
                QStringLiteral("%1 is a folder; choose a Modalscope project file").arg(path));
        // SQLite would turn an empty file into a fresh project without a word.
        if (info.size() == 0)
            throw core::UserError(QStringLiteral("%1 is empty, not a Modalscope project; use "
                                                 "File > New Project to create one")
                                      .arg(path));
    } else if (info.exists()) {
        throw core::UserError(QStringLiteral("%1 already exists; open it with File > Open "
                                             "Project, or choose another name")
                                  .arg(path));
    }
}

ProjectDocument::ProjectDocument(const db::ProjectLocation &location, OpenMode mode,
                                 QObject *parent)
    : QObject(parent)
{
    db::ProjectLocation where = location;
    if (location.isFile()) {
        checkFile(location.filePath(), mode);
        where = db::ProjectLocation::file(QFileInfo(location.filePath()).absoluteFilePath());
    }
    // A file (or folder) this program may not write opens read-only (see
    // db::SqliteDatabase), shown by the window's banner.
    m_project = db::ProjectDatabase::open(where, mode == OpenMode::Create
                                                     ? db::ProjectDatabase::Mode::OpenOrCreate
                                                     : db::ProjectDatabase::Mode::OpenExisting);
    m_readOnly = db::isReadOnly(m_project->sql());
    m_dataVersion = db::dataVersion(m_project->sql());
    auto *poll = new QTimer(this);
    poll->setInterval(1000);
    connect(poll, &QTimer::timeout, this, &ProjectDocument::checkForChanges);
    poll->start();
    m_annotations = std::make_unique<db::AnnotationRepository>(m_project->sql());
    m_taxonomyRepo = std::make_unique<db::TaxonomyRepository>(m_project->sql());
    m_filmRepo = std::make_unique<db::FilmRepository>(*m_project);
    reload();
    // A project linked to a team is written beside its background sync,
    // whose connection copies the WAL back after each sync (TeamSync):
    // the window's commits never pay for a checkpoint of what pulls wrote.
    try {
        if (teamLink().linked)
            sqlite3_wal_autocheckpoint(m_project->sql().handle(), 0);
    } catch (const core::UserError &) {
    }
}

// Repositories hold prepared statements on the connection: destroy them first.
ProjectDocument::~ProjectDocument()
{
    m_annotations.reset();
    m_taxonomyRepo.reset();
    m_filmRepo.reset();
    m_project.reset();
}

bool ProjectDocument::hasMoved()
{
    if (!m_moved && db::hasMoved(m_project->sql())) {
        m_moved = true;
        emit fileStateChanged();
    }
    return m_moved;
}

QString ProjectDocument::writeProblem()
{
    if (m_readOnly)
        return tr("%1 is open read-only (the file or its folder cannot be written): the change "
                  "was not saved. Make them writable and open the project again to edit it.")
            .arg(QDir::toNativeSeparators(path()));
    if (hasMoved())
        return tr("%1 was deleted, moved or replaced while open: the change was not saved, as "
                  "it would go to a file nobody can find. Save a Copy (in the banner above the "
                  "player) keeps everything saved before; open that copy to go on.")
            .arg(QDir::toNativeSeparators(path()));
    return {};
}

void ProjectDocument::checkWritable()
{
    const QString problem = writeProblem();
    if (!problem.isEmpty())
        throw core::UserError(problem);
}

void ProjectDocument::checkForChanges()
{
    try {
        hasMoved();
        const qint64 version = db::dataVersion(m_project->sql());
        if (version == m_dataVersion)
            return;
        m_dataVersion = version;
        // Training, explanations and feature extraction commit too (in
        // this process, on connections of their own): only what the views
        // show (annotations, clips, films, taxonomy) is worth a reload.
        const QString fingerprint = contentFingerprint();
        if (fingerprint == m_fingerprint)
            return;
        reload();
        emit externalChange();
    } catch (const core::UserError &) {
        // The file went away under us (hasMoved() says so); the next write says it in words.
    }
}

QString ProjectDocument::contentFingerprint()
{
    db::SqliteStatement st(
        m_project->sql(),
        "SELECT (SELECT coalesce(max(id), 0) || ':' || count(*) FROM annotation_history) || '/' || "
        "(SELECT count(*) || ':' || coalesce(max(id), 0) || ':' || total(start_ms) || ':' || "
        " total(end_ms) || ':' || total(length(name)) FROM clips) || '/' || "
        "(SELECT count(*) || ':' || coalesce(max(id), 0) || ':' || total(length(title) + "
        " length(media_path) + length(subtitles_path) + length(media_fingerprint)) FROM films) || '/' || "
        "(SELECT count(*) || ':' || coalesce(max(id), 0) || ':' || total(retired) || ':' || "
        " total(position) || ':' || group_concat(shortcut, ',') || ':' || "
        " total(length(name) + length(description)) FROM concepts)");
    return st.step() ? st.text(0) : QString();
}

void ProjectDocument::saveCopy(const QString &target)
{
    if (QFileInfo::exists(target))
        throw core::UserError(tr("%1 already exists; choose another name").arg(target));
    // VACUUM INTO writes a consistent copy of what this connection sees,
    // also when the file it was opened from is gone.
    db::SqliteStatement st(m_project->sql(), "VACUUM INTO ?1");
    st.bind(1, target);
    st.step();
}

QString ProjectDocument::path() const
{
    return m_project->path();
}

db::ProjectLocation ProjectDocument::location() const
{
    return m_project->location();
}

QList<db::ExplanationSet> ProjectDocument::explanationSets()
{
    return db::ExplanationRepository(m_project->sql()).sets(0);
}

std::vector<db::ClipExplanation> ProjectDocument::explanationClips(qint64 setId)
{
    return db::ExplanationRepository(m_project->sql()).clips(setId);
}

QList<core::Annotation> ProjectDocument::annotatorAnnotations()
{
    return db::AnnotatorTable(m_project->sql()).currentAnnotations();
}

QList<db::RunRecord> ProjectDocument::runs()
{
    return db::RunRepository(m_project->sql()).runs();
}

QList<db::RunSummary> ProjectDocument::runSummaries()
{
    return db::RunRepository(m_project->sql()).summaries();
}

QList<db::RunResultRecord> ProjectDocument::runResults(qint64 runId)
{
    return db::RunRepository(m_project->sql()).results(runId);
}

std::vector<db::RunPrediction> ProjectDocument::runPredictions(qint64 resultId)
{
    return db::RunRepository(m_project->sql()).predictions(resultId);
}

db::QueueReport ProjectDocument::annotationQueue(const db::QueueRequest &request)
{
    return db::AnnotationQueueBuilder(m_project->sql()).build(request);
}

db::RationaleReport ProjectDocument::rationale(qint64 runId, std::optional<qint64> setId)
{
    return db::RationaleReader(m_project->sql()).read(runId, setId);
}

db::RationaleReport ProjectDocument::rationale(const db::ExplanationSet &set,
                                               const std::vector<db::ClipExplanation> &clips)
{
    return db::RationaleReader(m_project->sql()).compute(set, clips);
}

const core::Clip *ProjectDocument::clip(qint64 clipId) const
{
    const int i = m_clipIndex.value(clipId, -1);
    return i < 0 ? nullptr : &m_clips[i];
}

std::optional<core::Annotation> ProjectDocument::effectiveAnnotation(qint64 clipId)
{
    return m_annotations->effectiveAnnotation(clipId, m_labelRule);
}

QList<core::Annotation> ProjectDocument::effectiveAnnotations()
{
    return m_annotations->effectiveAnnotations(m_labelRule);
}

void ProjectDocument::setLabelRule(const core::LabelRule &rule)
{
    if (rule == m_labelRule)
        return;
    m_labelRule = rule;
    emit labelRuleChanged();
    emit reloaded();
}

QStringList ProjectDocument::annotators()
{
    return db::AnnotatorTable(m_project->sql()).annotators();
}

QList<core::Annotation> ProjectDocument::clipAnnotations(qint64 clipId)
{
    return m_annotations->clipAnnotations(clipId);
}

QHash<qint64, db::HistoryEntry> ProjectDocument::latestChanges(const QString &annotator)
{
    return m_annotations->latestChanges(annotator);
}

bool ProjectDocument::writeAnnotation(qint64 clipId, const QString &annotator,
                                      const db::AnnotationState &state, const QString &source)
{
    checkWritable();
    const bool changed = m_annotations->setAnnotation(clipId, annotator, state, source);
    if (changed)
        emit annotationChanged(clipId);
    return changed;
}

db::AnnotationState ProjectDocument::state(qint64 clipId, const QString &annotator)
{
    return m_annotations->state(clipId, annotator);
}

bool ProjectDocument::writeAnnotation(qint64 clipId, const QString &annotator,
                                      const db::AnnotationState &state)
{
    checkWritable();
    const bool changed = m_annotations->setAnnotation(clipId, annotator, state, kSource);
    if (changed)
        emit annotationChanged(clipId);
    return changed;
}

db::ImportReport ProjectDocument::importRecords(const QList<core::ImportRecord> &records,
                                                const QString &annotator, const QString &source,
                                                const QMap<QString, QString> &meta)
{
    checkWritable();
    const db::ImportReport report =
        db::ImportService(*m_project).apply(records, annotator, source, meta);
    reload();
    return report;
}

QString ProjectDocument::exportSplits(const QString &dir, int folds, quint64 seed,
                                     const std::optional<core::LabelRule> &chosen)
{
    const core::LabelRule rule = chosen.value_or(m_labelRule);
    core::LabelRule::Outcome labels = m_annotations->labels(rule);
    if (labels.labels.isEmpty())
        throw core::UserError(
            labels.clips ? QStringLiteral("%1: no clip has a label under the %2")
                               .arg(path(), rule.summary(labels))
                         : QStringLiteral("%1: the project has no annotated clips to split")
                               .arg(path()));
    const QJsonObject labelRecord = rule.toJson(labels);
    const QString labelSummary = rule.summary(labels);
    auto list = std::move(labels.labels);
    core::SplitExporter::Options o;
    o.folds = folds;
    o.seed = seed;
    o.notSureRule = db::ProjectMeta(m_project->sql())
                        .value(QStringLiteral("not_sure_rule"), QStringLiteral("n/a"));
    o.labelRule = labelRecord;
    core::SplitExporter exporter(std::move(list), m_taxonomy, o);
    if (!QDir().mkpath(dir))
        throw core::UserError(QStringLiteral("%1: cannot create the folder").arg(dir));
    exporter.write(dir);
    QStringList lines;
    for (const auto &t : exporter.tables()) {
        int pos = 0;
        for (int v : t.positivesPerFold)
            pos += v;
        lines.append(QStringLiteral("%1: %2 positives, %3 negatives")
                         .arg(t.dataset.name)
                         .arg(pos)
                         .arg(t.rows.size() - pos));
    }
    lines.append(labelSummary);
    lines.append(QStringLiteral("%1 datasets, %2 folds by film, seed %3, written to %4")
                     .arg(exporter.tables().size())
                     .arg(folds)
                     .arg(seed)
                     .arg(QDir::toNativeSeparators(dir)));
    return lines.join(u'\n');
}

void ProjectDocument::reload()
{
    m_films = m_annotations->films();
    m_clips = m_annotations->clips();
    m_clipIndex.clear();
    m_clipIndex.reserve(m_clips.size());
    for (int i = 0; i < m_clips.size(); ++i)
        m_clipIndex.insert(m_clips[i].id, i);
    m_taxonomy = m_taxonomyRepo->load();
    m_fingerprint = contentFingerprint();
    emit reloaded();
}

QString ProjectDocument::setConceptShortcut(const QString &conceptName, const QString &key)
{
    checkWritable();
    const QString stored = m_taxonomyRepo->setShortcut(conceptName, key);
    reload();
    return stored;
}

sync::TeamLink ProjectDocument::teamLink()
{
    return sync::TeamLink::read(m_project->sql());
}

const core::Film *ProjectDocument::film(qint64 filmId) const
{
    for (const core::Film &f : m_films)
        if (f.id == filmId)
            return &f;
    return nullptr;
}

db::MediaStatus ProjectDocument::mediaStatus(const core::Film &film)
{
    return m_filmRepo->mediaStatus(film);
}

QString ProjectDocument::resolvePath(const QString &stored) const
{
    return stored.isEmpty() ? QString() : m_filmRepo->resolve(stored);
}

void ProjectDocument::relinkFilm(const QString &movieId, const QString &newPath, bool force)
{
    checkWritable();
    m_filmRepo->relink(movieId, newPath, force);
    m_films = m_annotations->films();
    emit filmsChanged();
}

void ProjectDocument::setFilmSubtitles(const QString &movieId, const QString &path)
{
    setFilmSubtitleSource(movieId, {path, -1});
}

void ProjectDocument::setFilmSubtitleSource(const QString &movieId,
                                            const core::SubtitleSource &source)
{
    checkWritable();
    m_filmRepo->setSubtitleSource(movieId, source);
    m_films = m_annotations->films();
    emit filmsChanged();
}

core::SubtitleSource ProjectDocument::subtitleSource(const core::Film &film) const
{
    return m_filmRepo->subtitleSource(film);
}

bool ProjectDocument::setClipTimes(qint64 clipId, qint64 startMs, qint64 endMs)
{
    checkWritable();
    if (!db::ClipRepository(m_project->sql()).setTimes(clipId, startMs, endMs, m_clipsMayOverlap))
        return false;
    if (const auto it = m_clipIndex.constFind(clipId); it != m_clipIndex.cend()) {
        m_clips[*it].startMs = startMs;
        m_clips[*it].endMs = endMs;
    }
    emit clipTimesChanged(clipId);
    return true;
}

QList<qint64> ProjectDocument::editClips(const db::ClipEdit &edit)
{
    checkWritable();
    const QList<qint64> created = db::ClipRepository(m_project->sql()).apply(edit);
    reload();
    return created;
}

QList<core::ImportRecord> ProjectDocument::annotationTable()
{
    return m_annotations->annotationTable();
}

QSet<QString> ProjectDocument::clipNamesInUse()
{
    const QList<QString> names = db::ClipRepository(m_project->sql()).names();
    return QSet<QString>(names.begin(), names.end());
}

} // namespace ms::ui
