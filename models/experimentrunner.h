#pragma once

#include "database/projectlocation.h"
#include "models/experimentspec.h"
#include "models/trainer.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <atomic>
#include <functional>

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

    ExperimentRunner(db::ProjectLocation project, ExperimentSpec spec);

    // Throws UserError for a bad spec or project; the run is then recorded as
    // failed when it had started.
    Outcome run(const ProgressFn &progress = {}, const std::atomic<bool> *cancel = nullptr,
                const LogFn &log = {});

private:
    db::ProjectLocation m_project;
    ExperimentSpec m_spec;
};

} // namespace ms::models

// TrainingJob hands each epoch out as a partial result (a QVariant).
Q_DECLARE_METATYPE(ms::models::ExperimentProgress)
