#pragma once

#include "core/annotation.h"
#include "core/clip.h"
#include "core/film.h"
#include "core/importrecord.h"
#include "core/labelrule.h"
#include "core/taxonomy.h"
#include "core/mediaprobe.h"
#include "database/annotationqueuebuilder.h"
#include "database/annotationrepository.h"
#include "database/cliprepository.h"
#include "database/explanationrepository.h"
#include "database/projectlocation.h"
#include "database/rationalereader.h"
#include "database/runrepository.h"
#include "database/filmrepository.h"
#include "database/importservice.h"
#include "sync/teamlink.h"

#include <QHash>
#include <QSet>
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

    // Faults the window must survive (issue 17). A project whose file or
    // folder this program may not write opens read-only: every write is
    // refused in words (core::UserError), nothing is written, not even the
    // WAL switch. A project file deleted, renamed or replaced while open
    // (hasMoved()) refuses writes the same way: they would go to a file
    // nobody can find. writeProblem() says which, empty when writes may go
    // ahead; fileStateChanged() is emitted when it changes.
    bool isReadOnly() const { return m_readOnly; }
    bool hasMoved();
    QString writeProblem();
    // Changes another process (modalscope-cli, a second window) commits to
    // the file are looked for every second (PRAGMA data_version, cheap):
    // films, clips and taxonomy are re-read and reloaded() emitted, so every
    // view shows them; externalChange() says it happened.
    void checkForChanges();
    // Writes a copy of the project as this connection sees it to `target`
    // (a new file): the way out when the open file was deleted or moved.
    // Throws core::UserError.
    void saveCopy(const QString &target);
    // The GUI thread's connection, for read-only queries and for tests that
    // inject faults (PRAGMA max_page_count: a full disk).
    db::ProjectDatabase &database() { return *m_project; }
    const QList<core::Film> &films() const { return m_films; }
    const QList<core::Clip> &clips() const { return m_clips; }
    const core::Taxonomy &taxonomy() const { return m_taxonomy; }
    // nullptr for an unknown id.
    const core::Clip *clip(qint64 clipId) const;

    // The clip's label under the view's label rule (latest unless chosen).
    std::optional<core::Annotation> effectiveAnnotation(qint64 clipId);
    QList<core::Annotation> effectiveAnnotations();
    db::AnnotationState state(qint64 clipId, const QString &annotator);
    // Which annotation the views show as a clip's label (View > Labels
    // From); a change emits labelRuleChanged() and reloaded(), so every view
    // reads the labels again. Kept for the session; a project opens on latest.
    const core::LabelRule &labelRule() const { return m_labelRule; }
    void setLabelRule(const core::LabelRule &rule);
    // Everyone with a current annotation, sorted ("consensus" included).
    QStringList annotators();
    // Every annotator's current annotation of one clip, oldest change first.
    QList<core::Annotation> clipAnnotations(qint64 clipId);
    // Per clip id, the newest history entry of `annotator`.
    QHash<qint64, db::HistoryEntry> latestChanges(const QString &annotator);

    // Commits at once; false when nothing changed. Throws core::UserError.
    bool writeAnnotation(qint64 clipId, const QString &annotator, const db::AnnotationState &state);
    // The same with the history's source ("adjudication:NAME" for a consensus).
    bool writeAnnotation(qint64 clipId, const QString &annotator, const db::AnnotationState &state,
                         const QString &source);

    // One transaction; on error nothing is changed and core::UserError is thrown.
    db::ImportReport importRecords(const QList<core::ImportRecord> &records,
                                   const QString &annotator, const QString &source,
                                   const QMap<QString, QString> &meta);
    // Writes the CMAD/M-CMSD splits into `dir`, the labels taken by `rule`
    // (none: the view's), recorded in the manifest; returns a short summary.
    // Throws core::UserError.
    QString exportSplits(const QString &dir, int folds, quint64 seed,
                         const std::optional<core::LabelRule> &rule = std::nullopt);

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
    // Issue 16: the "annotate next" queue of a run (db::AnnotationQueueBuilder)
    // and its rationale agreement (db::RationaleReader, the run's label rule).
    db::QueueReport annotationQueue(const db::QueueRequest &request);
    db::RationaleReport rationale(qint64 runId, std::optional<qint64> setId = std::nullopt);
    db::RationaleReport rationale(const db::ExplanationSet &set,
                                  const std::vector<db::ClipExplanation> &clips);

    // nullptr for an unknown id.
    const core::Film *film(qint64 filmId) const;
    // Where the film's media and subtitles are now (absolute paths).
    db::MediaStatus mediaStatus(const core::Film &film);
    QString resolvePath(const QString &stored) const;
    // Points the film at a moved file (see FilmRepository::relink); films are
    // re-read and filmsChanged() emitted. Throws core::UserError.
    void relinkFilm(const QString &movieId, const QString &newPath, bool force);
    // The film's subtitle file (an absolute path; empty: none); films are
    // re-read and filmsChanged() emitted. Throws core::UserError.
    void setFilmSubtitles(const QString &movieId, const QString &path);
    // The same for a file or a text stream of the film's media.
    void setFilmSubtitleSource(const QString &movieId, const core::SubtitleSource &source);
    // Where the film's subtitles are read from (absolute paths); empty: none.
    core::SubtitleSource subtitleSource(const core::Film &film) const;
    // Commits at once (db::ClipRepository); false when unchanged. The cached
    // clip follows and clipTimesChanged() is emitted. Throws core::UserError.
    bool setClipTimes(qint64 clipId, qint64 startMs, qint64 endMs);

    // Clips made, split, merged, removed and brought back: one transaction
    // (db::ClipRepository::apply), then films and clips are re-read and
    // reloaded() emitted. Returns the created clips' ids. Only ClipEditor
    // (through its undo commands) calls it. Throws core::UserError, leaving
    // the project unchanged.
    QList<qint64> editClips(const db::ClipEdit &edit);
    // Every clip with its times and effective annotation (the rows an
    // annotation format writes), by film, time and name.
    QList<core::ImportRecord> annotationTable();
    // Names new clips may not take (those of clips and of removed clips).
    QSet<QString> clipNamesInUse();
    // Whether clips of one film may overlap (Settings::clipsMayOverlap);
    // setClipTimes() and editClips() follow it.
    void setClipsMayOverlap(bool on) { m_clipsMayOverlap = on; }
    bool clipsMayOverlap() const { return m_clipsMayOverlap; }
    // A concept's own key (db::TaxonomyRepository::setShortcut), committed
    // at once; the taxonomy is re-read and reloaded() emitted. Returns the
    // key as stored. Throws core::UserError.
    QString setConceptShortcut(const QString &conceptName, const QString &key);

signals:
    void annotationChanged(qint64 clipId);
    // Films, clips, taxonomy or many annotations changed at once (an import).
    void reloaded();
    void clipTimesChanged(qint64 clipId);
    void filmsChanged();
    void labelRuleChanged();
    void externalChange();
    void fileStateChanged();

private:
    // Throws core::UserError (writeProblem()) when the project may not be written.
    void checkWritable();
    // What the views show, in a few numbers: changes when annotations, clips,
    // films or the taxonomy do.
    QString contentFingerprint();

    std::unique_ptr<db::ProjectDatabase> m_project;
    bool m_readOnly = false;
    bool m_moved = false;
    qint64 m_dataVersion = 0;
    QString m_fingerprint;
    std::unique_ptr<db::AnnotationRepository> m_annotations;
    std::unique_ptr<db::TaxonomyRepository> m_taxonomyRepo;
    std::unique_ptr<db::FilmRepository> m_filmRepo;
    QList<core::Film> m_films;
    QList<core::Clip> m_clips;
    QHash<qint64, int> m_clipIndex;
    core::Taxonomy m_taxonomy;
    bool m_clipsMayOverlap = false;
    core::LabelRule m_labelRule;
};

} // namespace ms::ui
