#pragma once

#include "core/annotation.h"
#include "core/clip.h"
#include "core/film.h"
#include "core/importrecord.h"
#include "core/taxonomy.h"
#include "core/mediaprobe.h"
#include "database/annotationrepository.h"
#include "database/explanationrepository.h"
#include "database/projectlocation.h"
#include "database/runrepository.h"
#include "database/filmrepository.h"
#include "database/importservice.h"
#include "sync/teamlink.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <memory>
#include <optional>

namespace ms::db {
class ProjectDatabase;
class TaxonomyRepository;
} // namespace ms::db

namespace ms::ui {

// The open project as the GUI sees it: the GUI thread's connection, the
// repositories over it, and cached films, clips and taxonomy (they change only
// through imports, which reload()). Annotations are not cached here: views
// read them back from the repository after each change, so what they show is
// what was committed.
//
// Only AnnotationController (through its undo commands) calls
// writeAnnotation(); every write is committed at once by the repository and
// announced with annotationChanged().
class ProjectDocument : public QObject
{
    Q_OBJECT
public:
    enum class OpenMode { OpenExisting, Create };

    // Throws core::UserError naming the project when it cannot be opened.
    ProjectDocument(const db::ProjectLocation &location, OpenMode mode, QObject *parent = nullptr);
    // A project file (ProjectLocation::file).
    ProjectDocument(const QString &path, OpenMode mode, QObject *parent = nullptr);
    ~ProjectDocument() override;

    QString path() const;
    db::ProjectLocation location() const;
    const QList<core::Film> &films() const { return m_films; }
    const QList<core::Clip> &clips() const { return m_clips; }
    const core::Taxonomy &taxonomy() const { return m_taxonomy; }
    // nullptr for an unknown id.
    const core::Clip *clip(qint64 clipId) const;

    std::optional<core::Annotation> effectiveAnnotation(qint64 clipId);
    QList<core::Annotation> effectiveAnnotations();
    db::AnnotationState state(qint64 clipId, const QString &annotator);

    // Commits at once; false when nothing changed. Throws core::UserError.
    bool writeAnnotation(qint64 clipId, const QString &annotator, const db::AnnotationState &state);

    // One transaction; on error nothing is changed and core::UserError is thrown.
    db::ImportReport importRecords(const QList<core::ImportRecord> &records,
                                   const QString &annotator, const QString &source,
                                   const QMap<QString, QString> &meta);
    // Writes the CMAD/M-CMSD splits of the effective annotations into `dir`;
    // returns a short summary. Throws core::UserError.
    QString exportSplits(const QString &dir, int folds, quint64 seed);

    // Re-reads films, clips and taxonomy.
    void reload();
    // The project's link to a team server (no network; linked false when none).
    sync::TeamLink teamLink();

    // Read through the GUI thread's one connection; throw core::UserError.
    // Stored explanation sets, newest first.
    QList<db::ExplanationSet> explanationSets();
    std::vector<db::ClipExplanation> explanationClips(qint64 setId);
    // Every annotator's current annotation of every clip (db::AnnotatorTable),
    // for inter-annotator agreement; effectiveAnnotations() keeps one per clip.
    QList<core::Annotation> annotatorAnnotations();
    // Training runs, newest first.
    QList<db::RunRecord> runs();
    // The same with each run's mean AUC-PR, in one read.
    QList<db::RunSummary> runSummaries();
    // A run's evaluated results (grid entry, training set, fold) and a
    // result's per-clip test predictions.
    QList<db::RunResultRecord> runResults(qint64 runId);
    std::vector<db::RunPrediction> runPredictions(qint64 resultId);

    // nullptr for an unknown id.
    const core::Film *film(qint64 filmId) const;
    // Where the film's media and subtitles are now (absolute paths).
    db::MediaStatus mediaStatus(const core::Film &film);
    QString resolvePath(const QString &stored) const;
    // Points the film at a moved file (see FilmRepository::relink); films are
    // re-read and filmsChanged() emitted. Throws core::UserError.
    void relinkFilm(const QString &movieId, const QString &newPath, bool force);
    // Commits at once (db::ClipRepository); false when unchanged. The cached
    // clip follows and clipTimesChanged() is emitted. Throws core::UserError.
    bool setClipTimes(qint64 clipId, qint64 startMs, qint64 endMs);

signals:
    void annotationChanged(qint64 clipId);
    // Films, clips, taxonomy or many annotations changed at once (an import).
    void reloaded();
    void clipTimesChanged(qint64 clipId);
    void filmsChanged();

private:
    std::unique_ptr<db::ProjectDatabase> m_project;
    std::unique_ptr<db::AnnotationRepository> m_annotations;
    std::unique_ptr<db::TaxonomyRepository> m_taxonomyRepo;
    std::unique_ptr<db::FilmRepository> m_filmRepo;
    QList<core::Film> m_films;
    QList<core::Clip> m_clips;
    QHash<qint64, int> m_clipIndex;
    core::Taxonomy m_taxonomy;
};

} // namespace ms::ui
