#pragma once

#include "core/annotationqueue.h"
#include "database/explanationrepository.h"
#include "database/runrepository.h"

#include <QHash>
#include <QJsonObject>
#include <QString>
#include <optional>
#include <vector>

namespace ms::db {

class SqliteDatabase;

// Which clips wait for an expert: those not yet annotated (by anyone, or by
// one annotator), or those whose annotators disagree and that have no
// consensus yet (not yet adjudicated).
enum class QueuePool { Unannotated, Unadjudicated };

struct QueueRequest
{
    qint64 runId = 0;
    core::QueueOptions options;
    QueuePool pool = QueuePool::Unannotated;
    // Unannotated: the clips this annotator has not annotated; empty: the
    // clips nobody has annotated.
    QString annotator;
    // The explanation set the attribution-error order reads; none: the
    // run's newest.
    std::optional<qint64> setId;
    // Scores of waiting clips the run never tested, by clip name (the run's
    // models over them, models::RunScorer); test predictions come first.
    QHash<QString, double> modelScores;
    int modelScoreFolds = 0; // how many folds' models were averaged
};

struct QueueReport
{
    RunRecord run;
    // The grid entry whose test predictions score the clips (the one with
    // most modalities, as `explain` picks it), over all its folds.
    RunResultRecord entry;
    int folds = 0;
    std::optional<ExplanationSet> set; // attribution-error only
    QueuePool pool = QueuePool::Unannotated;
    QString annotator;
    core::QueueOptions options;
    int poolSize = 0;        // clips waiting, before the limit
    int ranked = 0;          // of them, those the order could rank
    int modelScored = 0;     // of them, those scored by the run's models (not tested)
    int modelScoreFolds = 0; // folds whose models scored them (0: not tried)
    std::vector<core::QueueEntry> entries;

    // "12 clips not annotated by alice" and the like.
    QString poolText() const;
    // What a user reads when clips could not be ranked (empty when all were).
    QString note() const;
    QJsonObject toJson() const;
    QString toText() const;
};

// Builds the "annotate next" queue of a project for one run (issue 16): the
// waiting clips, the run's test predictions of its main grid entry (every
// fold: each clip is predicted once, by the fold that held it out), its
// explanation set and every annotator's annotation, handed to
// core::orderQueue. Effective annotations follow the run's label rule, as the
// explanations' attribution errors do.
class AnnotationQueueBuilder
{
public:
    explicit AnnotationQueueBuilder(SqliteDatabase &db) : m_db(db) {}

    // Throws core::UserError naming the project when the run is unknown, has
    // no test predictions (uncertainty, disagreement) or no explanation set
    // (attribution-error).
    QueueReport build(const QueueRequest &request);

    // The grid entry whose predictions score the clips (most modalities,
    // the first such) and its results on every fold; empty without results.
    static QList<RunResultRecord> mainEntry(const QList<RunResultRecord> &results);

private:
    SqliteDatabase &m_db;
};

// "unannotated", "unadjudicated".
QString queuePoolName(QueuePool pool);

} // namespace ms::db
