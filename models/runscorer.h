#pragma once

#include "database/runrepository.h"

#include <QHash>
#include <QString>
#include <QStringList>
#include <atomic>

namespace ms::db {
class SqliteDatabase;
}

namespace ms::models {

// Scores clips a run never tested (issue 16, "annotate next"): a run
// predicts only the clips annotated when it trained, each by the fold that
// held it out, so the clips nobody had annotated have no test prediction.
// They are scored here by the models of the run's main grid entry
// (db::AnnotationQueueBuilder::mainEntry) rebuilt from their stored
// weights: on each fold the entry's components (late fusion: the largest
// component probability, as the run fused its test scores), then the mean
// over the folds.
class RunScorer
{
public:
    struct Outcome
    {
        QHash<QString, double> scores; // by clip name
        int folds = 0;                 // folds whose models were averaged
        int withoutFeatures = 0;       // clips asked for that have no features
        // Per fold (the entry's results in order), the fused score of each
        // clip scored: lets a caller check a tested clip against the run.
        QList<QHash<QString, double>> perFold;
    };

    // Throws core::UserError naming the project when the run is unknown, has
    // no results, or was recorded without weights.
    static Outcome score(db::SqliteDatabase &db, qint64 runId, const QStringList &clips,
                         const std::atomic<bool> *cancel = nullptr);
};

} // namespace ms::models
