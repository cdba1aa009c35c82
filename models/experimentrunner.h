#pragma once

#include "database/projectlocation.h"
#include "models/experimentspec.h"
#include "models/trainer.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <atomic>
#include <functional>
#include <memory>

namespace ms::db {
class SqliteDatabase;
}

namespace ms::models {

// One evaluated grid entry on one fold.
struct ExperimentRow
{
    GridEntry entry;
    QString trainSet; // CMAD or CMSD
    QString testSet;  // M-CMSD of the entry's modalities
    int fold = 0;
    double aucPr = 0, rocAuc = 0;
    int positives = 0, negatives = 0;
};

struct ExperimentProgress
{
    int model = 0; // 1-based index of the model in training
    int models = 0;
    QString modelName; // "AV on AV-CMSD, fold 2"
    Trainer::Epoch epoch;
    double etaSeconds = 0; // whole run, upper-bound estimate
};

// Runs an ExperimentSpec on a project: builds the CMAD / M-CMSD tables and
// folds from the annotations, loads the features once, trains each
// component model once (a branch shared by several entries is trained once
// per training set and fold), combines them (late fusion and three-modality
// early fusion: the maximum of the components' probabilities, as in the
// paper), and records everything in the project's runs registry as it goes.
// Opens its own database connection: call it from the thread that runs it.
class ExperimentRunner
{
public:
    struct Outcome
    {
        qint64 runId = 0;
        QList<ExperimentRow> rows;
        bool cancelled = false;
        QString device;
        QString runtime; // device, threads, BLAS
        bool synthetic = false;
        QStringList extractors;
        qint64 parameters = 0; // of the first model trained
        int modelsTrained = 0;
        double seconds = 0;
    };
    using ProgressFn = std::function<void(const ExperimentProgress &)>;
    using LogFn = std::function<void(const QString &)>;
    // Where the models' results come from when they were trained elsewhere
    // (the array tasks of a Slurm executor): `result(index, name)` gives
    // model `index` of the work list (see componentNames), `runtime` is
    // recorded as the run's device line and `device` is where they trained.
    struct ComponentSource
    {
        QString device, runtime;
        std::function<Trainer::Result(int index, const QString &name)> result;
    };

    ExperimentRunner(db::ProjectLocation project, ExperimentSpec spec);
    ~ExperimentRunner();

    // Throws UserError for a bad spec or project; the run is then recorded as
    // failed when it had started. With a `source`, nothing is trained: the
    // results are taken from it and recorded exactly as a local run records
    // its own.
    Outcome run(const ProgressFn &progress = {}, const std::atomic<bool> *cancel = nullptr,
                const LogFn &log = {}, const ComponentSource *source = nullptr);

    // The models the run trains, in order ("AV on AV-CMSD, fold 2"): every
    // (fold, training set, component) once, a component shared by entries
    // once. Their indexes number the array tasks of a cluster run.
    QStringList componentNames();
    // Trains model `index` alone, as run() would (same task, same seed), and
    // records nothing in the project. `runtime` gets the device line.
    Trainer::Result trainComponent(int index, QString *name = nullptr, QString *runtime = nullptr);

private:
    struct Prepared;
    std::unique_ptr<Prepared> prepare(db::SqliteDatabase &sql) const;
    Trainer::Task taskOf(const Prepared &p, int index, TrainOptions &options) const;
    QString runtimeOf(const Trainer &trainer) const;

    db::ProjectLocation m_project;
    ExperimentSpec m_spec;
};

} // namespace ms::models

// TrainingJob hands each epoch out as a partial result (a QVariant).
Q_DECLARE_METATYPE(ms::models::ExperimentProgress)
