#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <optional>
#include <vector>

namespace ms::db {

class SqliteDatabase;

struct RunRecord
{
    qint64 id = 0;
    QString kind;  // "train", "experiment", "gui"
    QString label; // for people: "AV early on CMSD, 5 folds"
    QString status = QStringLiteral("running"); // running, finished, cancelled, failed
    QString createdAt, finishedAt;
    QString config; // JSON: model, training options, grid
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
    QString modalities; // "V", "AV", ...
    QString trainSet;   // "CMAD", "V-CMSD", ...
    int fold = 0;
    QString config; // JSON: model configuration, input dims, extractors
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
    QString modalities; // V, A, T, AV, AT, AVT
    QString fusion;     // none, early, late
    QString trainSet;   // CMAD or CMSD
    QString testSet;    // the M-CMSD the entry is tested on
    int fold = 0;
    std::optional<double> aucPr, rocAuc;
    int positives = 0, negatives = 0;
    QString models; // ids of the run_models combined, comma separated
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
