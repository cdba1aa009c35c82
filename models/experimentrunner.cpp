#include "models/experimentrunner.h"

#include "core/error.h"
#include "core/fnv1a.h"
#include "core/metrics.h"
#include "core/splitexporter.h"
#include "core/splitmix64.h"
#include "database/annotationrepository.h"
#include "database/projectdatabase.h"
#include "database/runrepository.h"
#include "database/taxonomyrepository.h"
#include "models/featureset.h"
#include "models/torchruntime.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <algorithm>
#include <cmath>
#include <memory>

namespace ms::models {

namespace {

QString cmsdName(core::ModalitySet m)
{
    return m.letters() + QStringLiteral("-CMSD");
}

// The networks an entry combines: (inputs) per component.
QList<core::ModalitySet> componentsOf(const GridEntry &e)
{
    using core::Modality;
    QList<core::ModalitySet> out;
    const bool v = e.modalities.contains(Modality::Visual);
    const bool a = e.modalities.contains(Modality::Audio);
    const bool t = e.modalities.contains(Modality::Text);
    const int n = int(v) + int(a) + int(t);
    if (e.fusion == Fusion::None || (e.fusion == Fusion::Early && n == 2)) {
        out.append(e.modalities);
    } else if (e.fusion == Fusion::Late) {
        for (Modality m : core::kAllModalities)
            if (e.modalities.contains(m))
                out.append(core::ModalitySet{m});
    } else {
        // Three-modality early fusion, as in the paper: the vision-text and
        // vision-audio pair models, combined by the maximum.
        out.append(core::ModalitySet{Modality::Visual, Modality::Text});
        out.append(core::ModalitySet{Modality::Audio, Modality::Visual});
    }
    return out;
}

QString historyJson(const QList<Trainer::Epoch> &h)
{
    QJsonArray a;
    for (const auto &e : h)
        a.append(QJsonObject{{QStringLiteral("epoch"), e.epoch},
                             {QStringLiteral("loss"), e.loss},
                             {QStringLiteral("val_auc_pr"),
                              std::isnan(e.validationAucPr) ? QJsonValue() : QJsonValue(e.validationAucPr)},
                             {QStringLiteral("seconds"), e.seconds}});
    return QString::fromUtf8(QJsonDocument(a).toJson(QJsonDocument::Compact));
}

} // namespace

ExperimentRunner::ExperimentRunner(db::ProjectLocation project, ExperimentSpec spec)
    : m_project(std::move(project)), m_spec(std::move(spec))
{
}

ExperimentRunner::~ExperimentRunner() = default;

namespace {

struct ComponentKey
{
    QString inputs, trainDataset; // inputs: the letters, which order the work
    int fold;
    core::ModalitySet inputSet;
    bool operator<(const ComponentKey &o) const
    {
        return std::tie(fold, trainDataset, inputs) < std::tie(o.fold, o.trainDataset, o.inputs);
    }
};

QString trainDatasetOf(const QString &trainSet, core::ModalitySet inputs)
{
    return trainSet == u"CMAD" ? QStringLiteral("CMAD") : cmsdName(inputs);
}

} // namespace

// What a run needs before it trains anything: the annotations, the tables
// and folds, the features, and the work list (every (fold, training set,
// component) once, in the order the models train and array tasks number).
struct ExperimentRunner::Prepared
{
    QList<core::Annotation> annotations;
    QString labelSummary; // the label rule's account of the labels; empty under latest
    FeatureSet features;
    QStringList extractors;
    QHash<QString, std::vector<int>> targets; // per dataset name, over the clips
    std::vector<int> foldOf;
    QList<int> folds;
    QList<ComponentKey> work;

    static QString nameOf(const ComponentKey &key)
    {
        return QStringLiteral("%1 on %2, fold %3").arg(key.inputs, key.trainDataset).arg(key.fold);
    }
    // The fold's training, validation and test clips.
    void split(int k, int foldCount, std::vector<int> &train, std::vector<int> &validation,
               std::vector<int> &test) const
    {
        for (int i = 0; i < features.size(); ++i) {
            const int f = foldOf[size_t(i)];
            if (f < 0)
                continue; // a clip with features but no annotation
            if (f == k)
                test.push_back(i);
            else if (f == (k + 1) % foldCount)
                validation.push_back(i);
            else
                train.push_back(i);
        }
    }
};

std::unique_ptr<ExperimentRunner::Prepared> ExperimentRunner::prepare(db::SqliteDatabase &sql) const
{
    auto p = std::make_unique<Prepared>();
    // The labels come through the run's rule (recorded in its configuration).
    const core::LabelRule::Outcome labels = db::AnnotationRepository(sql).labels(m_spec.labelRule);
    p->annotations = labels.labels;
    if (p->annotations.isEmpty())
        throw core::UserError(
            labels.clips ? QStringLiteral("%1: no clip has a label under the %2 (%3)")
                               .arg(m_project.toString(), m_spec.labelRule.summary(labels),
                                    m_spec.labelRule.description())
                         : QStringLiteral("%1: the project has no annotations to train on")
                               .arg(m_project.toString()));
    if (!m_spec.labelRule.isLatest())
        p->labelSummary = m_spec.labelRule.summary(labels);
    const core::Taxonomy taxonomy = db::TaxonomyRepository(sql).load();
    const core::SplitExporter splits(p->annotations, taxonomy, {m_spec.folds, m_spec.seed, {}, {}});

    core::ModalitySet needed;
    for (const GridEntry &e : m_spec.entries)
        for (core::ModalitySet c : componentsOf(e))
            for (core::Modality m : core::kAllModalities)
                if (c.contains(m))
                    needed.insert(m);
    p->features = FeatureSet::load(sql, needed);
    const FeatureSet &features = p->features;
    for (core::Modality m : core::kAllModalities)
        if (needed.contains(m))
            p->extractors.append(core::modalityLetter(m) + QStringLiteral(": ") + features.extractorLabel(m));

    // Targets and folds over the feature set's clips, per dataset name.
    p->foldOf.assign(size_t(features.size()), -1);
    for (const auto &table : splits.tables()) {
        std::vector<int> t(size_t(features.size()), -1);
        for (const auto &row : table.rows) {
            const int i = features.indexOf(row.clipId);
            if (i < 0)
                continue;
            t[size_t(i)] = row.target;
            p->foldOf[size_t(i)] = row.fold;
        }
        p->targets.insert(table.dataset.name, std::move(t));
    }

    p->folds = m_spec.onlyFolds;
    if (p->folds.isEmpty())
        for (int k = 0; k < m_spec.folds; ++k)
            p->folds.append(k);
    for (int k : p->folds)
        for (const QString &ts : m_spec.trainSets)
            for (const GridEntry &e : m_spec.entries)
                for (core::ModalitySet c : componentsOf(e)) {
                    const ComponentKey key{c.letters(), trainDatasetOf(ts, c), k, c};
                    if (std::none_of(p->work.begin(), p->work.end(), [&](const ComponentKey &w) {
                            return !(w < key) && !(key < w);
                        }))
                        p->work.append(key);
                }
    return p;
}

Trainer::Task ExperimentRunner::taskOf(const Prepared &p, int index, TrainOptions &options) const
{
    const ComponentKey &key = p.work[index];
    Trainer::Task task;
    task.inputs = key.inputSet;
    p.split(key.fold, m_spec.folds, task.train, task.validation, task.test);
    const std::vector<int> &t = p.targets.value(key.trainDataset);
    for (int i : task.train)
        task.trainTargets.push_back(t[size_t(i)]);
    for (int i : task.validation)
        task.validationTargets.push_back(t[size_t(i)]);
    // Each model's seed is derived from the run's seed and what it is, so
    // adding an entry to the grid leaves the others alone.
    options = m_spec.train;
    core::SplitMix64 mix(m_spec.seed ^ core::fnv1a64(Prepared::nameOf(key)));
    options.seed = mix.next() >> 1;
    task.seed = options.seed;
    return task;
}

QString ExperimentRunner::runtimeOf(const Trainer &trainer) const
{
    const TorchRuntime rt = TorchRuntime::initialise();
    // Recorded with the run and shown in the runs view (its first two
    // comma-separated parts): the device with its name, then how it ran.
    return trainer.device() == u"cpu"
               ? QStringLiteral("cpu, %1 threads, shards of %2 clips, BLAS %3")
                     .arg(trainer.threads())
                     .arg(trainer.shardClips())
                     .arg(rt.blas)
               : QStringLiteral("%1, LibTorch %2%3")
                     .arg(TorchRuntime::deviceLabel(trainer.device()), rt.torchVersion,
                          m_spec.train.amp == u"bf16" ? QStringLiteral(", bf16 autocast") : QString());
}

QStringList ExperimentRunner::componentNames()
{
    m_spec.validate();
    const auto project = db::ProjectDatabase::open(m_project, db::ProjectDatabase::Mode::OpenExisting);
    const auto p = prepare(project->sql());
    QStringList names;
    for (const ComponentKey &k : p->work)
        names.append(Prepared::nameOf(k));
    return names;
}

Trainer::Result ExperimentRunner::trainComponent(int index, QString *name, QString *runtime)
{
    m_spec.validate();
    const auto project = db::ProjectDatabase::open(m_project, db::ProjectDatabase::Mode::OpenExisting);
    const auto p = prepare(project->sql());
    if (index < 0 || index >= p->work.size())
        throw core::UserError(QStringLiteral("%1: there is no model %2 to train (the grid has %3: "
                                             "0 to %4)")
                                  .arg(m_project.toString())
                                  .arg(index)
                                  .arg(p->work.size())
                                  .arg(p->work.size() - 1));
    Trainer trainer(p->features, m_spec.model, m_spec.train);
    if (name)
        *name = Prepared::nameOf(p->work[index]);
    if (runtime)
        *runtime = runtimeOf(trainer);
    TrainOptions opts;
    const Trainer::Task task = taskOf(*p, index, opts);
    return trainer.train(task);
}

ExperimentRunner::Outcome ExperimentRunner::run(const ProgressFn &progress,
                                                const std::atomic<bool> *cancel, const LogFn &log,
                                                const ComponentSource *source)
{
    m_spec.validate();
    QElapsedTimer clock;
    clock.start();
    Outcome out;
    const auto project =
        db::ProjectDatabase::open(m_project, db::ProjectDatabase::Mode::OpenExisting);
    auto &sql = project->sql();
    const auto prepared = prepare(sql);
    const QList<core::Annotation> &annotations = prepared->annotations;
    const FeatureSet &features = prepared->features;
    const QHash<QString, std::vector<int>> &targets = prepared->targets;
    const QList<ComponentKey> &work = prepared->work;
    if (log && !prepared->labelSummary.isEmpty())
        log(prepared->labelSummary);
    out.synthetic = features.synthetic();
    out.extractors = prepared->extractors;

    // Collected results were trained elsewhere: no trainer (nor its device)
    // is needed here then.
    std::unique_ptr<Trainer> trainer;
    if (!source)
        trainer = std::make_unique<Trainer>(features, m_spec.model, m_spec.train);
    const TorchRuntime rt = TorchRuntime::initialise();
    out.runtime = trainer ? runtimeOf(*trainer) : source->runtime;
    out.device = trainer ? trainer->device() : source->device;

    db::RunRepository runs(sql);
    db::RunRecord record;
    record.kind = m_spec.kind;
    record.label = m_spec.label;
    record.config = m_spec.runConfig();
    record.config.extractors = out.extractors;
    record.annotationsHash = QString::fromLatin1(core::SplitExporter::annotationsHash(annotations).toHex());
    record.featuresHash = features.hash();
    record.seed = m_spec.seed;
    record.device = out.runtime;
    record.versions = QString::fromUtf8(
        QJsonDocument(QJsonObject{{QStringLiteral("modalscope"), QStringLiteral(MODALSCOPE_VERSION)},
                                  {QStringLiteral("libtorch"), rt.torchVersion},
                                  {QStringLiteral("qt"), QString::fromLatin1(qVersion())}})
            .toJson(QJsonDocument::Compact));
    record.synthetic = features.synthetic();
    out.runId = runs.create(record);

    struct Component
    {
        qint64 modelId = 0;
        std::vector<float> testScores; // aligned with the fold's test clips
    };
    QMap<ComponentKey, Component> trained;
    double epochSeconds = 0;
    int epochsDone = 0, modelsDone = 0;
    QString failure;
    try {
        for (int k : prepared->folds) {
            std::vector<int> train, validation, test;
            prepared->split(k, m_spec.folds, train, validation, test);
            for (int workIndex = 0; workIndex < work.size(); ++workIndex) {
                const ComponentKey &key = work[workIndex];
                if (key.fold != k)
                    continue;
                if (cancel && cancel->load()) {
                    out.cancelled = true;
                    break;
                }
                TrainOptions opts;
                const Trainer::Task task = taskOf(*prepared, workIndex, opts);
                const QString name = Prepared::nameOf(key);
                const int index = modelsDone + 1;
                auto onEpoch = [&](const Trainer::Epoch &e) {
                    epochSeconds += e.seconds;
                    ++epochsDone;
                    if (!progress)
                        return;
                    const double perEpoch = epochSeconds / epochsDone;
                    const double epochsPerModel =
                        modelsDone ? double(epochsDone - e.epoch) / modelsDone : double(e.maxEpochs);
                    ExperimentProgress p;
                    p.model = index;
                    p.models = int(work.size());
                    p.modelName = name;
                    p.epoch = e;
                    p.etaSeconds = perEpoch * (double(e.maxEpochs - e.epoch) +
                                               epochsPerModel * double(work.size() - index));
                    progress(p);
                };
                Trainer::Result r = source ? source->result(workIndex, name)
                                           : trainer->train(task, onEpoch, cancel);
                if (!r.cancelled && r.testScores.size() != test.size())
                    throw core::UserError(QStringLiteral("model %1 (%2) has %3 test scores for "
                                                         "%4 test clips")
                                              .arg(workIndex)
                                              .arg(name)
                                              .arg(r.testScores.size())
                                              .arg(test.size()));
                if (r.cancelled) {
                    out.cancelled = true;
                    break;
                }
                ++modelsDone;
                ++out.modelsTrained;
                if (!out.parameters)
                    out.parameters = r.parameters;
                db::RunModelRecord m;
                m.runId = out.runId;
                m.modalities = key.inputSet;
                m.trainSet = key.trainDataset;
                m.fold = k;
                m.config.model = m_spec.model.toJson();
                m.config.training = opts.toJson();
                m.config.dims = QList<int>(r.dims.begin(), r.dims.end());
                m.config.extractors = out.extractors;
                m.weights = m_spec.storeWeights ? r.weights : QByteArray();
                m.parameters = r.parameters;
                m.bestEpoch = r.bestEpoch;
                if (!std::isnan(r.bestValidationAucPr))
                    m.bestValidationAucPr = r.bestValidationAucPr;
                m.history = historyJson(r.history);
                const qint64 modelId = runs.addModel(m);
                trained.insert(key, Component{modelId, std::move(r.testScores)});
                if (log)
                    log(QStringLiteral("model %1/%2 %3: best epoch %4 of %5, validation AUC-PR %6")
                            .arg(index)
                            .arg(work.size())
                            .arg(name)
                            .arg(m.bestEpoch)
                            .arg(r.history.size())
                            .arg(r.bestValidationAucPr, 0, 'f', 4));
            }
            if (out.cancelled)
                break;
            // Evaluate every entry of this fold on its own CMSD test split.
            for (const QString &ts : m_spec.trainSets)
                for (const GridEntry &e : m_spec.entries) {
                    const QString testSet = cmsdName(e.modalities);
                    const std::vector<int> &t = targets.value(testSet);
                    std::vector<float> scores(test.size(), 0.f);
                    QList<qint64> modelIds;
                    bool first = true;
                    for (core::ModalitySet c : componentsOf(e)) {
                        const Component &comp =
                            trained.value({c.letters(), trainDatasetOf(ts, c), k, c});
                        modelIds.append(comp.modelId);
                        for (size_t i = 0; i < test.size(); ++i)
                            scores[i] = first ? comp.testScores[i] : std::max(scores[i], comp.testScores[i]);
                        first = false;
                    }
                    std::vector<int> y;
                    std::vector<db::RunPrediction> preds;
                    for (size_t i = 0; i < test.size(); ++i) {
                        y.push_back(t[size_t(test[i])]);
                        preds.push_back({features.clips()[test[i]], double(scores[i]), y.back()});
                    }
                    ExperimentRow row;
                    row.entry = e;
                    row.trainSet = ts;
                    row.testSet = testSet;
                    row.fold = k;
                    row.aucPr = core::metrics::averagePrecision(scores, y);
                    row.rocAuc = core::metrics::rocAuc(scores, y);
                    row.positives = int(std::count(y.begin(), y.end(), 1));
                    row.negatives = int(y.size()) - row.positives;
                    db::RunResultRecord rr;
                    rr.runId = out.runId;
                    rr.modalities = e.modalities;
                    rr.fusion = fusionName(e.fusion);
                    rr.trainSet = ts;
                    rr.testSet = testSet;
                    rr.fold = k;
                    rr.aucPr = row.aucPr;
                    rr.rocAuc = row.rocAuc;
                    rr.positives = row.positives;
                    rr.negatives = row.negatives;
                    rr.models = modelIds;
                    runs.addResult(rr, preds);
                    out.rows.append(row);
                }
        }
    } catch (const std::exception &e) {
        failure = core::messageOf(e);
    }
    out.seconds = double(clock.elapsed()) / 1000.0;
    if (!failure.isEmpty()) {
        runs.finish(out.runId, QStringLiteral("failed"), failure);
        throw core::UserError(QStringLiteral("run %1 failed: %2").arg(out.runId).arg(failure));
    }
    runs.finish(out.runId, out.cancelled ? QStringLiteral("cancelled") : QStringLiteral("finished"));
    return out;
}

} // namespace ms::models
