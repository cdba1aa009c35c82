#include "database/runrepository.h"

#include "database/sqlitedatabase.h"
#include "database/sqlitestatement.h"
#include "database/transaction.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <cmath>
#include <sqlite3.h>

namespace ms::db {

namespace {

QString compact(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QJsonObject objectOf(const QString &json)
{
    return QJsonDocument::fromJson(json.toUtf8()).object();
}

QStringList stringsOf(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &x : v.toArray())
        out.append(x.toString());
    return out;
}

// The keys are those ExperimentSpec wrote before the config was typed, so
// older projects read the same.
QString configText(const RunConfig &c)
{
    QJsonArray only;
    for (int f : c.onlyFolds)
        only.append(f);
    return compact({{QStringLiteral("grid"), QJsonArray::fromStringList(c.grid)},
                    {QStringLiteral("train_sets"), QJsonArray::fromStringList(c.trainSets)},
                    {QStringLiteral("folds"), c.folds},
                    {QStringLiteral("only_folds"), only},
                    {QStringLiteral("seed"), QString::number(c.seed)},
                    {QStringLiteral("model"), c.model},
                    {QStringLiteral("training"), c.training},
                    {QStringLiteral("extractors"), QJsonArray::fromStringList(c.extractors)},
                    {QStringLiteral("label_rule"), c.labelRule.toString()}});
}

RunConfig configOf(const QString &json)
{
    const QJsonObject o = objectOf(json);
    RunConfig c;
    c.grid = stringsOf(o.value(QStringLiteral("grid")));
    c.trainSets = stringsOf(o.value(QStringLiteral("train_sets")));
    c.folds = o.value(QStringLiteral("folds")).toInt();
    for (const QJsonValue &f : o.value(QStringLiteral("only_folds")).toArray())
        c.onlyFolds.append(f.toInt());
    c.seed = o.value(QStringLiteral("seed")).toString().toULongLong();
    c.model = o.value(QStringLiteral("model")).toObject();
    c.training = o.value(QStringLiteral("training")).toObject();
    c.extractors = stringsOf(o.value(QStringLiteral("extractors")));
    c.labelRule = core::LabelRule::parse(o.value(QStringLiteral("label_rule")).toString())
                      .value_or(core::LabelRule::latest());
    return c;
}

QString modelConfigText(const ModelConfig &c, core::ModalitySet inputs)
{
    QJsonArray dims;
    for (int d : c.dims)
        dims.append(d);
    return compact({{QStringLiteral("model"), c.model},
                    {QStringLiteral("training"), c.training},
                    {QStringLiteral("inputs"), inputs.letters()},
                    {QStringLiteral("dims"), dims},
                    {QStringLiteral("extractors"), QJsonArray::fromStringList(c.extractors)}});
}

ModelConfig modelConfigOf(const QString &json)
{
    const QJsonObject o = objectOf(json);
    ModelConfig c;
    c.model = o.value(QStringLiteral("model")).toObject();
    c.training = o.value(QStringLiteral("training")).toObject();
    const QJsonArray dims = o.value(QStringLiteral("dims")).toArray();
    // One width per modality, or none: a partial list would misplace them.
    if (dims.size() == 3)
        for (const QJsonValue &d : dims)
            c.dims.append(d.toInt());
    c.extractors = stringsOf(o.value(QStringLiteral("extractors")));
    return c;
}

QString idsText(const QList<qint64> &ids)
{
    QStringList parts;
    for (qint64 id : ids)
        parts.append(QString::number(id));
    return parts.join(u',');
}

// An id that is not a number reads as 0, which names no model: the caller
// then says which result names a missing model.
QList<qint64> idsOf(const QString &text)
{
    QList<qint64> ids;
    for (const QString &part : text.split(u',', Qt::SkipEmptyParts))
        ids.append(part.trimmed().toLongLong());
    return ids;
}

core::ModalitySet modalitiesOf(const QString &letters)
{
    return core::ModalitySet::parseLetters(letters).value_or(core::ModalitySet());
}

RunModelRecord readModel(const SqliteStatement &s)
{
    RunModelRecord m;
    m.id = s.int64(0);
    m.runId = s.int64(1);
    m.modalities = modalitiesOf(s.text(2));
    m.trainSet = s.text(3);
    m.fold = int(s.int64(4));
    m.config = modelConfigOf(s.text(5));
    m.parameters = s.int64(6);
    m.bestEpoch = int(s.int64(7));
    m.bestValidationAucPr = s.real(8);
    m.history = s.text(9);
    return m;
}

RunRecord readRun(const SqliteStatement &s)
{
    RunRecord r;
    r.id = s.int64(0);
    r.kind = s.text(1);
    r.label = s.text(2);
    r.status = s.text(3);
    r.createdAt = s.text(4);
    r.finishedAt = s.text(5);
    r.config = configOf(s.text(6));
    r.annotationsHash = s.text(7);
    r.featuresHash = s.text(8);
    r.seed = s.text(9).toULongLong();
    r.device = s.text(10);
    r.versions = s.text(11);
    r.synthetic = s.int64(12) != 0;
    r.message = s.text(13);
    return r;
}

const char *kRunColumns = "SELECT id, kind, label, status, created_at, finished_at, config, "
                          "annotations_hash, features_hash, seed, device, versions, synthetic, "
                          "message FROM runs ";

} // namespace

QString RunRepository::now()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

qint64 RunRepository::create(const RunRecord &run)
{
    SqliteStatement s(m_db, "INSERT INTO runs(kind, label, status, created_at, config, "
                         "annotations_hash, features_hash, seed, device, versions, synthetic) "
                         "VALUES (?,?,?,?,?,?,?,?,?,?,?)");
    s.bind(1, run.kind).bind(2, run.label).bind(3, run.status);
    s.bind(4, run.createdAt.isEmpty() ? now() : run.createdAt).bind(5, configText(run.config));
    s.bind(6, run.annotationsHash).bind(7, run.featuresHash).bind(8, QString::number(run.seed));
    s.bind(9, run.device).bind(10, run.versions).bind(11, qint64(run.synthetic));
    s.run();
    return m_db.lastInsertId();
}

void RunRepository::finish(qint64 runId, const QString &status, const QString &message)
{
    SqliteStatement s(m_db, "UPDATE runs SET status = ?, finished_at = ?, message = ? WHERE id = ?");
    s.bind(1, status).bind(2, now()).bind(3, message).bind(4, runId);
    s.run();
}

qint64 RunRepository::addModel(const RunModelRecord &m)
{
    SqliteStatement s(m_db, "INSERT INTO run_models(run_id, modalities, train_set, fold, config, "
                         "weights, parameters, best_epoch, best_validation_auc_pr, history) "
                         "VALUES (?,?,?,?,?,?,?,?,?,?)");
    s.bind(1, m.runId).bind(2, m.modalities.letters()).bind(3, m.trainSet).bind(4, qint64(m.fold));
    s.bind(5, modelConfigText(m.config, m.modalities))
        .bindBlob(6, m.weights)
        .bind(7, m.parameters)
        .bind(8, qint64(m.bestEpoch));
    s.bindReal(9, m.bestValidationAucPr).bind(10, m.history);
    s.run();
    return m_db.lastInsertId();
}

qint64 RunRepository::addResult(const RunResultRecord &r, const std::vector<RunPrediction> &predictions)
{
    std::optional<Transaction> tx;
    if (!m_db.inTransaction())
        tx.emplace(m_db);
    SqliteStatement s(m_db, "INSERT INTO run_results(run_id, modalities, fusion, train_set, test_set, "
                         "fold, auc_pr, roc_auc, positives, negatives, models) "
                         "VALUES (?,?,?,?,?,?,?,?,?,?,?)");
    s.bind(1, r.runId).bind(2, r.modalities.letters()).bind(3, r.fusion).bind(4, r.trainSet);
    s.bind(5, r.testSet).bind(6, qint64(r.fold)).bindReal(7, r.aucPr).bindReal(8, r.rocAuc);
    s.bind(9, qint64(r.positives)).bind(10, qint64(r.negatives)).bind(11, idsText(r.models));
    s.run();
    const qint64 id = m_db.lastInsertId();
    SqliteStatement p(m_db, "INSERT INTO run_predictions(result_id, clip, score, target) VALUES (?,?,?,?)");
    for (const RunPrediction &x : predictions) {
        p.bind(1, id).bind(2, x.clip).bindReal(3, x.score).bind(4, qint64(x.target));
        p.run();
    }
    if (tx)
        tx->commit();
    return id;
}

QList<RunRecord> RunRepository::runs()
{
    SqliteStatement s(m_db, (QByteArray(kRunColumns) + "ORDER BY id DESC").constData());
    QList<RunRecord> out;
    while (s.step())
        out.append(readRun(s));
    return out;
}

QList<RunSummary> RunRepository::summaries()
{
    // NaN AUC-PRs are stored as NULL by SQLite, so avg and count skip them.
    SqliteStatement s(m_db, (QByteArray(kRunColumns).replace("FROM runs ", "") +
                             ", (SELECT avg(auc_pr) FROM run_results WHERE run_id = runs.id), "
                             "(SELECT count(auc_pr) FROM run_results WHERE run_id = runs.id) "
                             "FROM runs ORDER BY id DESC")
                                .constData());
    QList<RunSummary> out;
    while (s.step()) {
        RunSummary r;
        r.run = readRun(s);
        r.results = int(s.int64(15));
        if (r.results > 0)
            r.meanAucPr = s.real(14);
        out.append(r);
    }
    return out;
}

std::optional<RunRecord> RunRepository::run(qint64 id)
{
    SqliteStatement s(m_db, (QByteArray(kRunColumns) + "WHERE id = ?").constData());
    s.bind(1, id);
    if (!s.step())
        return std::nullopt;
    return readRun(s);
}

QList<RunModelRecord> RunRepository::models(qint64 runId)
{
    SqliteStatement s(m_db, "SELECT id, run_id, modalities, train_set, fold, config, parameters, "
                         "best_epoch, best_validation_auc_pr, history FROM run_models "
                         "WHERE run_id = ? ORDER BY id");
    s.bind(1, runId);
    QList<RunModelRecord> out;
    while (s.step())
        out.append(readModel(s));
    return out;
}

std::optional<RunModelRecord> RunRepository::model(qint64 modelId)
{
    SqliteStatement s(m_db, "SELECT id, run_id, modalities, train_set, fold, config, parameters, "
                         "best_epoch, best_validation_auc_pr, history, weights FROM run_models "
                         "WHERE id = ?");
    s.bind(1, modelId);
    if (!s.step())
        return std::nullopt;
    RunModelRecord m = readModel(s);
    m.weights = s.blob(10);
    return m;
}

QList<RunResultRecord> RunRepository::results(qint64 runId)
{
    SqliteStatement s(m_db, "SELECT id, run_id, modalities, fusion, train_set, test_set, fold, "
                         "auc_pr, roc_auc, positives, negatives, models FROM run_results "
                         "WHERE run_id = ? ORDER BY id");
    s.bind(1, runId);
    QList<RunResultRecord> out;
    while (s.step()) {
        RunResultRecord r;
        r.id = s.int64(0);
        r.runId = s.int64(1);
        r.modalities = modalitiesOf(s.text(2));
        r.fusion = s.text(3);
        r.trainSet = s.text(4);
        r.testSet = s.text(5);
        r.fold = int(s.int64(6));
        r.aucPr = s.real(7);
        r.rocAuc = s.real(8);
        r.positives = int(s.int64(9));
        r.negatives = int(s.int64(10));
        r.models = idsOf(s.text(11));
        out.append(r);
    }
    return out;
}

std::vector<RunPrediction> RunRepository::predictions(qint64 resultId)
{
    SqliteStatement s(m_db, "SELECT clip, score, target FROM run_predictions WHERE result_id = ? "
                         "ORDER BY clip");
    s.bind(1, resultId);
    std::vector<RunPrediction> out;
    while (s.step())
        out.push_back({s.text(0), s.real(1).value_or(0), int(s.int64(2))});
    return out;
}

void RunRepository::remove(qint64 runId)
{
    SqliteStatement s(m_db, "DELETE FROM runs WHERE id = ?");
    s.bind(1, runId);
    s.run();
}

} // namespace ms::db
