#pragma once

#include "core/annotation.h"
#include "core/clip.h"
#include "core/film.h"
#include "core/importrecord.h"
#include "core/labelrule.h"
#include "database/sqlitestatement.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QMap>
#include <optional>

namespace ms::db {

class SqliteDatabase;

// One entry of the append-only annotation history.
struct HistoryEntry
{
    qint64 id = 0;
    QString clipName;
    QString annotator;
    QString action; // "set" or "clear"
    std::optional<core::Level> level;
    QStringList concepts;
    QString note;
    QDateTime changedAt;
    QString source; // "gui", "cli", "import:obygaze", ...
};

// The desired state of one annotator's annotation of one clip; no level
// means "no annotation".
struct AnnotationState
{
    std::optional<core::Level> level;
    QStringList concepts;
    QString note;
    bool operator==(const AnnotationState &) const = default;
};

// Films, clips and annotations of a project. Every public edit is one
// transaction committed at once and appends to annotation_history in the same
// transaction. Several annotators may annotate a clip; the clip's effective
// annotation (used by splits, stats, training and the table) is the one the
// caller's core::LabelRule picks, by default the most recently changed one.
class AnnotationRepository
{
public:
    explicit AnnotationRepository(SqliteDatabase &db);

    QList<core::Film> films();
    QList<core::Clip> clips(); // by film then name
    std::optional<core::Clip> clipByName(const QString &name);
    QMap<QString, int> clipsPerFilm();

    // One per clip the rule labels, ordered by film and clip name. A rule
    // naming an annotator who annotated nothing gives none (see labels()).
    QList<core::Annotation> effectiveAnnotations(const core::LabelRule &rule = {});
    // The same with what the rule did (ties, unresolved disagreements), for
    // exports and runs to report. Throws UserError, naming the project and
    // its annotators, for a rule naming an annotator without annotations.
    core::LabelRule::Outcome labels(const core::LabelRule &rule);
    // Every clip with its times and effective annotation: the rows of
    // Modalscope's own CSV, ordered by film, time and name.
    QList<core::ImportRecord> annotationTable(const core::LabelRule &rule = {});
    std::optional<core::Annotation> effectiveAnnotation(qint64 clipId,
                                                        const core::LabelRule &rule = {});
    // Every annotator's current annotation of one clip (consensus included),
    // oldest change first.
    QList<core::Annotation> clipAnnotations(qint64 clipId);
    AnnotationState state(qint64 clipId, const QString &annotator);

    // Commits at once; false (and nothing written) when the state is unchanged.
    // Throws UserError for an unknown concept or clip.
    bool setAnnotation(qint64 clipId, const QString &annotator, const AnnotationState &state,
                       const QString &source);
    // The same inside the caller's transaction, with concept ids resolved.
    bool writeAnnotation(qint64 clipId, const QString &annotator, const AnnotationState &state,
                         const QHash<QString, qint64> &conceptIds, const QString &source,
                         const QDateTime &when);

    QList<HistoryEntry> history(qint64 clipId);
    // Per clip id, the newest history entry of `annotator` (who decided a
    // consensus and when: its source and time).
    QHash<qint64, HistoryEntry> latestChanges(const QString &annotator);
    qint64 historyCount();

    static QString timestamp(const QDateTime &t);

private:
    QHash<QString, qint64> conceptIds();
    QStringList conceptOrder();
    // Current annotations, by film, clip and change time (one clip when given).
    QList<core::Annotation> currentAnnotations(std::optional<qint64> clipId);
    SqliteDatabase &m_db;
    // Hot-path statements of setAnnotation, prepared once.
    SqliteStatement m_selectAnnotation;
    SqliteStatement m_selectConcepts;
    SqliteStatement m_upsert;
    SqliteStatement m_deleteAnnotation;
    SqliteStatement m_deleteConcepts;
    SqliteStatement m_insertConcept;
    SqliteStatement m_insertHistory;
};

} // namespace ms::db
