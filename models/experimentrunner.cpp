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

ExperimentRunner::Outcome ExperimentRunner::run(const ProgressFn &progress,
                                                const std::atomic<bool> *cancel, const LogFn &log)
{
    m_spec.validate();
    QElapsedTimer clock;
    clock.start();
    Outcome out;
    const auto project =
        db::ProjectDatabase::open(m_project, db::ProjectDatabase::Mode::OpenExisting);
    auto &sql = project->sql();
    // The labels come through the run's rule (recorded in its configuration).
    const core::LabelRule::Outcome labels = db::AnnotationRepository(sql).labels(m_spec.labelRule);
    const QList<core::Annotation> &annotations = labels.labels;
    if (annotations.isEmpty())
        throw core::UserError(
            labels.clips ? QStringLiteral("%1: no clip has a label under the %2 (%3)")
                               .arg(m_project.toString(), m_spec.labelRule.summary(labels),
                                    m_spec.labelRule.description())
                         : QStringLiteral("%1: the project has no annotations to train on")
                               .arg(m_project.toString()));
    if (log && !m_spec.labelRule.isLatest())
        log(m_spec.labelRule.summary(labels));
    const core::Taxonomy taxonomy = db::TaxonomyRepository(sql).load();
    const core::SplitExporter splits(annotations, taxonomy, {m_spec.folds, m_spec.seed, {}});

    core::ModalitySet needed;
    for (const GridEntry &e : m_spec.entries)
        for (core::ModalitySet c : componentsOf(e))
            for (core::Modality m : core::kAllModalities)
                if (c.contains(m))
                    needed.insert(m);
    const FeatureSet features = FeatureSet::load(sql, needed);
    out.synthetic = features.synthetic();
    for (core::Modality m : core::kAllModalities)
        if (needed.contains(m))
            out.extractors.append(core::modalityLetter(m) + QStringLiteral(": ") + features.extractorLabel(m));

    // Targets and folds over the feature set's clips, per dataset name.
    QHash<QString, std::vector<int>> targets;
    std::vector<int> foldOf(size_t(features.size()), -1);
    for (const auto &table : splits.tables()) {
        std::vector<int> t(size_t(features.size()), -1);
        for (const auto &row : table.rows) {
            const int i = features.indexOf(row.clipId);
            if (i < 0)
                continue;
            t[size_t(i)] = row.target;
            foldOf[size_t(i)] = row.fold;
        }
        targets.insert(table.dataset.name, std::move(t));
    }

    Trainer trainer(features, m_spec.model, m_spec.train);
    const TorchRuntime rt = TorchRuntime::initialise();
    out.device = trainer.device();
    out.runtime = out.device == u"cpu"
                      ? QStringLiteral("cpu, %1 threads, BLAS %2").arg(trainer.threads()).arg(rt.blas)
                      : QStringLiteral("cuda (LibTorch %1)").arg(rt.torchVersion);

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

    // The work list: every (fold, training set, component) once.
    QList<int> folds = m_spec.onlyFolds;
    if (folds.isEmpty())
        for (int k = 0; k < m_spec.folds; ++k)
            folds.append(k);
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
    auto trainDatasetOf = [](const QString &trainSet, core::ModalitySet inputs) {
        return trainSet == u"CMAD" ? QStringLiteral("CMAD") : cmsdName(inputs);
    };
    QList<ComponentKey> work;
    for (int k : folds)
        for (const QString &ts : m_spec.trainSets)
            for (const GridEntry &e : m_spec.entries)
                for (core::ModalitySet c : componentsOf(e)) {
                    const ComponentKey key{c.letters(), trainDatasetOf(ts, c), k, c};
                    if (std::none_of(work.begin(), work.end(), [&](const ComponentKey &w) {
                            return !(w < key) && !(key < w);
                        }))
                        work.append(key);
                }

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
        for (int k : folds) {
            std::vector<int> train, validation, test;
            for (int i = 0; i < features.size(); ++i) {
                const int f = foldOf[size_t(i)];
                if (f < 0)
                    continue; // a clip with features but no annotation
                if (f == k)
                    test.push_back(i);
                else if (f == (k + 1) % m_spec.folds)
                    validation.push_back(i);
                else
                    train.push_back(i);
            }
            for (const ComponentKey &key : work) {
                if (key.fold != k)
                    continue;
                if (cancel && cancel->load()) {
                    out.cancelled = true;
                    break;
                }
                const core::ModalitySet inputs = key.inputSet;
                const std::vector<int> &t = targets.value(key.trainDataset);
                Trainer::Task task;
                task.inputs = inputs;
                task.train = train;
                task.validation = validation;
                task.test = test;
                for (int i : train)
                    task.trainTargets.push_back(t[size_t(i)]);
                for (int i : validation)
                    task.validationTargets.push_back(t[size_t(i)]);
                const QString name = QStringLiteral("%1 on %2, fold %3").arg(key.inputs, key.trainDataset).arg(k);
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
                // Each model's seed is derived from the run's seed and what it
                // is, so adding an entry to the grid leaves the others alone.
                TrainOptions opts = m_spec.train;
                core::SplitMix64 mix(m_spec.seed ^ core::fnv1a64(name));
                opts.seed = mix.next() >> 1;
                task.seed = opts.seed;
                Trainer::Result r = trainer.train(task, onEpoch, cancel);
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
