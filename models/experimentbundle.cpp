#include "models/experimentbundle.h"

#include "core/atomicfile.h"
#include "core/error.h"
#include "core/splitexporter.h"
#include "database/annotationrepository.h"
#include "database/projectdatabase.h"
#include "models/featureset.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>
#include <cmath>
#include <limits>

namespace ms::models {

namespace {

core::ModalitySet modalitiesOf(const ExperimentSpec &spec)
{
    core::ModalitySet all;
    for (const GridEntry &e : spec.entries)
        for (core::Modality m : core::kAllModalities)
            if (e.modalities.contains(m))
                all.insert(m);
    return all;
}

// The hashes a run records: what the models learn from.
std::pair<QString, QString> dataHashes(const db::ProjectLocation &project,
                                       const ExperimentSpec &spec)
{
    const auto db = db::ProjectDatabase::open(project, db::ProjectDatabase::Mode::OpenExisting);
    const auto annotations = db::AnnotationRepository(db->sql()).labels(spec.labelRule).labels;
    const FeatureSet features = FeatureSet::load(db->sql(), modalitiesOf(spec));
    return {QString::fromLatin1(core::SplitExporter::annotationsHash(annotations).toHex()),
            features.hash()};
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        throw core::UserError(QStringLiteral("%1: cannot read it: %2").arg(path, f.errorString()));
    return f.readAll();
}

QJsonArray floats(const std::vector<float> &v)
{
    QJsonArray a;
    for (float x : v)
        a.append(double(x)); // a float is exact as a double, and JSON keeps it
    return a;
}

std::vector<float> floatsOf(const QJsonValue &v)
{
    std::vector<float> out;
    for (const QJsonValue &x : v.toArray())
        out.push_back(float(x.toDouble()));
    return out;
}

double orNaN(const QJsonValue &v)
{
    return v.isDouble() ? v.toDouble() : std::numeric_limits<double>::quiet_NaN();
}

} // namespace

ExperimentBundle ExperimentBundle::create(const QString &dir, const db::ProjectLocation &project,
                                          ExperimentSpec spec, const QString &binary)
{
    QDir d(dir);
    if (d.exists() && !d.isEmpty())
        throw core::UserError(QStringLiteral("%1: the bundle folder is not empty; give a new "
                                             "folder")
                                  .arg(dir));
    if (!project.isFile())
        throw core::UserError(QStringLiteral("%1: a cluster bundle is made from a project file")
                                  .arg(project.toString()));
    for (const char *sub : {"bin", "results", "logs"})
        if (!QDir().mkpath(d.filePath(QString::fromLatin1(sub))))
            throw core::UserError(QStringLiteral("%1: cannot create the bundle folder").arg(dir));
    // The shard size follows the cores of the machine that trains: fixed
    // here to this machine's, so every node trains as this one would.
    if (spec.train.shardClips <= 0)
        spec.train.shardClips = Trainer::shardClipsFor(
            spec.train.batchSize,
            spec.train.threads > 0 ? spec.train.threads : std::max(1, QThread::idealThreadCount()));
    ExperimentBundle b;
    b.m_dir = QFileInfo(dir).absoluteFilePath();
    b.m_spec = spec;
    b.m_version = QStringLiteral(MODALSCOPE_VERSION);
    {
        // A consistent copy, whatever the project's journal holds.
        const auto db = db::ProjectDatabase::open(project, db::ProjectDatabase::Mode::OpenExisting);
        QString target = b.projectPath();
        target.replace(u'\'', QStringLiteral("''"));
        db->sql().exec(QStringLiteral("VACUUM INTO '%1'").arg(target));
    }
    b.m_models =
        ExperimentRunner(db::ProjectLocation::file(b.projectPath()), spec).componentNames();
    std::tie(b.m_annotationsHash, b.m_featuresHash) = dataHashes(project, spec);
    if (!QFile::copy(binary, b.binaryPath()))
        throw core::UserError(
            QStringLiteral("%1: cannot copy the binary %2 into the bundle").arg(dir, binary));
    QFile::setPermissions(b.binaryPath(), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                              QFileDevice::ExeOwner | QFileDevice::ReadGroup |
                                              QFileDevice::ExeGroup | QFileDevice::ReadOther |
                                              QFileDevice::ExeOther);
    const QJsonObject manifest{
        {QStringLiteral("format"), 1},
        {QStringLiteral("spec"), spec.toJson()},
        {QStringLiteral("models"), QJsonArray::fromStringList(b.m_models)},
        {QStringLiteral("annotations_hash"), b.m_annotationsHash},
        {QStringLiteral("features_hash"), b.m_featuresHash},
        {QStringLiteral("modalscope"), b.m_version},
        {QStringLiteral("source_project"), project.toString()},
        {QStringLiteral("created"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)}};
    core::writeFileAtomically(d.filePath(QStringLiteral("experiment.json")),
                              QJsonDocument(manifest).toJson());
    return b;
}

ExperimentBundle ExperimentBundle::open(const QString &dir)
{
    const QString path = QDir(dir).filePath(QStringLiteral("experiment.json"));
    if (!QFileInfo::exists(path))
        throw core::UserError(
            QStringLiteral("%1: not an experiment bundle (no experiment.json)").arg(dir));
    QJsonParseError error;
    const QJsonObject m = QJsonDocument::fromJson(readAll(path), &error).object();
    if (error.error != QJsonParseError::NoError || m.value(QStringLiteral("format")).toInt() != 1)
        throw core::UserError(QStringLiteral("%1: unreadable or of an unknown format").arg(path));
    ExperimentBundle b;
    b.m_dir = QFileInfo(dir).absoluteFilePath();
    b.m_spec = ExperimentSpec::fromJson(m.value(QStringLiteral("spec")).toObject());
    for (const QJsonValue &v : m.value(QStringLiteral("models")).toArray())
        b.m_models.append(v.toString());
    b.m_annotationsHash = m.value(QStringLiteral("annotations_hash")).toString();
    b.m_featuresHash = m.value(QStringLiteral("features_hash")).toString();
    b.m_version = m.value(QStringLiteral("modalscope")).toString();
    if (b.m_models.isEmpty())
        throw core::UserError(QStringLiteral("%1: the bundle lists no model to train").arg(path));
    return b;
}

QString ExperimentBundle::projectPath() const
{
    return QDir(m_dir).filePath(QStringLiteral("project.msproj"));
}

QString ExperimentBundle::binaryPath() const
{
    return QDir(m_dir).filePath(QStringLiteral("bin/modalscope-cli"));
}

QString ExperimentBundle::resultPath(int index, const char *suffix) const
{
    return QDir(m_dir).filePath(
        QStringLiteral("results/model-%1.%2").arg(index).arg(QLatin1String(suffix)));
}

bool ExperimentBundle::hasResult(int index) const
{
    // The JSON is written last: with it, the weights are there too.
    return QFileInfo::exists(resultPath(index, "json"));
}

QList<int> ExperimentBundle::missingResults() const
{
    QList<int> out;
    for (int i = 0; i < m_models.size(); ++i)
        if (!hasResult(i))
            out.append(i);
    return out;
}

void ExperimentBundle::runTask(int index) const
{
    if (index < 0 || index >= m_models.size())
        throw core::UserError(QStringLiteral("%1: there is no task %2 (0 to %3)")
                                  .arg(m_dir)
                                  .arg(index)
                                  .arg(m_models.size() - 1));
    QString name, runtime;
    const Trainer::Result r = ExperimentRunner(db::ProjectLocation::file(projectPath()), m_spec)
                                  .trainComponent(index, &name, &runtime);
    if (name != m_models[index])
        throw core::UserError(QStringLiteral("%1: task %2 should train '%3' but the bundle's "
                                             "project gives '%4'")
                                  .arg(m_dir)
                                  .arg(index)
                                  .arg(m_models[index], name));
    QJsonArray history;
    for (const Trainer::Epoch &e : r.history)
        history.append(QJsonObject{
            {QStringLiteral("epoch"), e.epoch},
            {QStringLiteral("max_epochs"), e.maxEpochs},
            {QStringLiteral("loss"), e.loss},
            {QStringLiteral("val_auc_pr"),
             std::isnan(e.validationAucPr) ? QJsonValue() : QJsonValue(e.validationAucPr)},
            {QStringLiteral("seconds"), e.seconds},
            {QStringLiteral("samples"), e.samples}});
    QJsonArray dims;
    for (int x : r.dims)
        dims.append(x);
    const QJsonObject result{
        {QStringLiteral("model"), name},
        {QStringLiteral("runtime"), runtime},
        {QStringLiteral("parameters"), double(r.parameters)},
        {QStringLiteral("best_epoch"), r.bestEpoch},
        {QStringLiteral("best_val_auc_pr"),
         std::isnan(r.bestValidationAucPr) ? QJsonValue() : QJsonValue(r.bestValidationAucPr)},
        {QStringLiteral("dims"), dims},
        {QStringLiteral("history"), history},
        {QStringLiteral("validation_scores"), floats(r.validationScores)},
        {QStringLiteral("test_scores"), floats(r.testScores)}};
    core::writeFileAtomically(resultPath(index, "weights"), r.weights);
    core::writeFileAtomically(resultPath(index, "json"),
                              QJsonDocument(result).toJson(QJsonDocument::Compact));
}

Trainer::Result ExperimentBundle::readResult(int index, QString *runtime) const
{
    QJsonParseError error;
    const QString path = resultPath(index, "json");
    const QJsonObject o = QJsonDocument::fromJson(readAll(path), &error).object();
    if (error.error != QJsonParseError::NoError)
        throw core::UserError(QStringLiteral("%1: unreadable result").arg(path));
    Trainer::Result r;
    r.weights = readAll(resultPath(index, "weights"));
    r.config = m_spec.model;
    r.parameters = qint64(o.value(QStringLiteral("parameters")).toDouble());
    r.bestEpoch = o.value(QStringLiteral("best_epoch")).toInt();
    r.bestValidationAucPr = orNaN(o.value(QStringLiteral("best_val_auc_pr")));
    const QJsonArray dims = o.value(QStringLiteral("dims")).toArray();
    for (int i = 0; i < 3 && i < dims.size(); ++i)
        r.dims[size_t(i)] = dims[i].toInt();
    for (const QJsonValue &v : o.value(QStringLiteral("history")).toArray()) {
        const QJsonObject e = v.toObject();
        Trainer::Epoch ep;
        ep.epoch = e.value(QStringLiteral("epoch")).toInt();
        ep.maxEpochs = e.value(QStringLiteral("max_epochs")).toInt();
        ep.loss = e.value(QStringLiteral("loss")).toDouble();
        ep.validationAucPr = orNaN(e.value(QStringLiteral("val_auc_pr")));
        ep.seconds = e.value(QStringLiteral("seconds")).toDouble();
        ep.samples = e.value(QStringLiteral("samples")).toInt();
        r.history.append(ep);
    }
    r.validationScores = floatsOf(o.value(QStringLiteral("validation_scores")));
    r.testScores = floatsOf(o.value(QStringLiteral("test_scores")));
    if (runtime)
        *runtime = o.value(QStringLiteral("runtime")).toString();
    return r;
}

ExperimentRunner::Outcome ExperimentBundle::collect(const db::ProjectLocation &project,
                                                    const ExperimentRunner::LogFn &log) const
{
    const QList<int> missing = missingResults();
    if (!missing.isEmpty()) {
        QStringList which;
        for (int i : missing)
            which.append(QString::number(i));
        throw core::UserError(QStringLiteral("%1: %2 of %3 models have no result yet (tasks %4); "
                                             "run or resubmit them first")
                                  .arg(m_dir)
                                  .arg(missing.size())
                                  .arg(m_models.size())
                                  .arg(which.join(QStringLiteral(","))));
    }
    const auto [annotations, features] = dataHashes(project, m_spec);
    if (annotations != m_annotationsHash || features != m_featuresHash)
        throw core::UserError(QStringLiteral("%1: the project's %2 changed since the bundle %3 was "
                                             "written: its results would not describe them; "
                                             "run the grid again")
                                  .arg(project.toString(),
                                       annotations != m_annotationsHash
                                           ? QStringLiteral("annotations")
                                           : QStringLiteral("features"),
                                       m_dir));
    QString runtime;
    (void)readResult(0, &runtime);
    ExperimentRunner::ComponentSource source;
    // "Slurm: cuda:0 (NVIDIA H100), LibTorch 2.11.0": the runs view shows
    // the first two comma-separated parts.
    source.runtime = QStringLiteral("Slurm: ") +
                     (runtime.isEmpty() ? QStringLiteral("unknown device") : runtime);
    source.device = runtime.section(u',', 0, 0).section(u' ', 0, 0);
    source.result = [this](int index, const QString &name) {
        if (index >= m_models.size() || m_models[index] != name)
            throw core::UserError(QStringLiteral("%1: the project gives model %2 as '%3', the "
                                                 "bundle as '%4'")
                                      .arg(m_dir)
                                      .arg(index)
                                      .arg(name, m_models.value(index)));
        return readResult(index, nullptr);
    };
    return ExperimentRunner(project, m_spec).run({}, nullptr, log, &source);
}

} // namespace ms::models
