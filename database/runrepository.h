#pragma once

#include "core/labelrule.h"
#include "core/modality.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>
#include <vector>

namespace ms::db {

class SqliteDatabase;

// What a run was asked to do, as recorded when it started. The model and
// training options stay JSON objects: their types live in models/, which
// reads them with PerceiverConfig::fromJson and TrainOptions::fromJson.
// A configuration that cannot be read comes back empty (folds 0).
struct RunConfig
{
    QStringList grid;      // "AV/early", "V/none", ...
    QStringList trainSets; // "CMAD", "CMSD"
    int folds = 0;
    QList<int> onlyFolds; // empty: all folds
    quint64 seed = 0;
    QJsonObject model, training;
    QStringList extractors; // "V: name version (dim)", per modality read
    // Which annotation each clip's label came from; runs recorded before
    // label rules existed read as latest, which is what they used.
    core::LabelRule labelRule;

    bool operator==(const RunConfig &) const = default;
};

// How one trained network was built: enough to rebuild it from its weights.
// dims holds the input width per core::Modality (0 for an unused one); it is
// empty when the stored configuration cannot be read.
struct ModelConfig
{
    QJsonObject model, training;
    QList<int> dims;
    QStringList extractors;

    bool operator==(const ModelConfig &) const = default;
};

struct RunRecord
{
    qint64 id = 0;
    QString kind;  // "train", "experiment", "gui"
    QString label; // for people: "AV early on CMSD, 5 folds"
    QString status = QStringLiteral("running"); // running, finished, cancelled, failed
    QString createdAt, finishedAt;
    RunConfig config;
    QString annotationsHash, featuresHash;
    quint64 seed = 0;
    QString device;   // "cpu (16 threads, BLAS ...)" or "cuda"
    QString versions; // JSON: modalscope, libtorch, qt, sqlite
    bool synthetic = false;
    QString message; // why it failed or was cancelled
};

// One trained network of a run (a unimodal branch or an early-fusion pair).
struct RunModelRecord
{
    qint64 id = 0;
    qint64 runId = 0;
    core::ModalitySet modalities; // the network's inputs
    QString trainSet;             // "CMAD", "V-CMSD", ...
    int fold = 0;
    ModelConfig config;
    QByteArray weights;
    qint64 parameters = 0;
    int bestEpoch = 0;
    std::optional<double> bestValidationAucPr;
    QString history; // JSON array of epochs
};

// One evaluated grid entry of a run on one fold.
struct RunResultRecord
{
    qint64 id = 0;
    qint64 runId = 0;
    core::ModalitySet modalities; // empty when the stored letters cannot be read
    QString fusion;               // none, early, late
    QString trainSet;   // CMAD or CMSD
    QString testSet;    // the M-CMSD the entry is tested on
    int fold = 0;
    std::optional<double> aucPr, rocAuc;
    int positives = 0, negatives = 0;
    QList<qint64> models; // ids of the run_models combined (stored comma separated)
};

// A run as a list shows it: the run and the mean AUC-PR of its results
// (those with one: a test fold without positives has none).
struct RunSummary
{
    RunRecord run;
    std::optional<double> meanAucPr;
    int results = 0; // results with an AUC-PR
};

struct RunPrediction
{
    QString clip;
    double score = 0;
    int target = 0;
};

// The runs registry of a project. Each write is its own transaction unless
// the caller holds one, so a run interrupted at any point keeps what it had
// finished (its status then stays 'running' until marked).
class RunRepository
{
public:
    explicit RunRepository(SqliteDatabase &db) : m_db(db) {}

    qint64 create(const RunRecord &run);
    void finish(qint64 runId, const QString &status, const QString &message = {});
    qint64 addModel(const RunModelRecord &model);
    // The result and its per-clip predictions in one transaction.
    qint64 addResult(const RunResultRecord &result, const std::vector<RunPrediction> &predictions);

    QList<RunRecord> runs(); // newest first
    QList<RunSummary> summaries(); // newest first, one query
    std::optional<RunRecord> run(qint64 id);
    // Models without their weights (cheap listing).
    QList<RunModelRecord> models(qint64 runId);
    std::optional<RunModelRecord> model(qint64 modelId); // with weights
    QList<RunResultRecord> results(qint64 runId);
    std::vector<RunPrediction> predictions(qint64 resultId);
    void remove(qint64 runId);

    static QString now();

private:
    SqliteDatabase &m_db;
};

} // namespace ms::db
