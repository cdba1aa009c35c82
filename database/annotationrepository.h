#pragma once

#include "core/annotation.h"
#include "core/clip.h"
#include "core/film.h"
#include "core/importrecord.h"
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
// annotation (used by splits, stats and the table) is the most recently
// changed one.
class AnnotationRepository
{
public:
    explicit AnnotationRepository(SqliteDatabase &db);

    QList<core::Film> films();
    QList<core::Clip> clips(); // by film then name
    std::optional<core::Clip> clipByName(const QString &name);
    QMap<QString, int> clipsPerFilm();

    QList<core::Annotation> effectiveAnnotations(); // one per annotated clip
    // Every clip with its times and effective annotation: the rows of
    // Modalscope's own CSV, ordered by film, time and name.
    QList<core::ImportRecord> annotationTable();
    std::optional<core::Annotation> effectiveAnnotation(qint64 clipId);
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
    qint64 historyCount();

    static QString timestamp(const QDateTime &t);

private:
    QHash<QString, qint64> conceptIds();
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
