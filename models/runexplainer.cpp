#include "models/runexplainer.h"

#include "core/error.h"
#include "core/metrics.h"
#include "core/splitexporter.h"
#include "core/taxonomy.h"
#include "database/annotationrepository.h"
#include "database/featurestore.h"
#include "database/sqlitedatabase.h"
#include "database/taxonomyrepository.h"
#include "models/featureset.h"
#include "models/trainedmodel.h"

#include <QElapsedTimer>
#include <QSet>
#include <algorithm>
#include <bit>
#include <map>

namespace ms::models {

namespace {

using core::Modality;

// The extractor FeatureSet::load chose for a modality (same rule: most
// clips, newest on a tie), for its synthetic flag and planted spans.
std::optional<db::StoredExtractor> chosenExtractor(const QList<db::StoredExtractor> &all,
                                                   Modality m)
{
    const db::StoredExtractor *best = nullptr;
    for (const auto &e : all)
        if (e.info.modality == m && e.clips > 0 &&
            (!best || e.clips > best->clips || (e.clips == best->clips && e.id > best->id)))
            best = &e;
    return best ? std::optional<db::StoredExtractor>(*best) : std::nullopt;
}

RunExplainer::Models loadComponents(db::SqliteDatabase &sql, qint64 runId,
                                    const db::RunResultRecord &r, const QString &device)
{
    db::RunRepository runs(sql);
    RunExplainer::Models out;
    for (qint64 modelId : r.models) {
        const auto m = runs.model(modelId);
        if (!m)
            throw core::UserError(
                QStringLiteral("%1: run %2, result %3 names model %4, which is not "
                               "in the project")
                    .arg(sql.path())
                    .arg(runId)
                    .arg(r.id)
                    .arg(modelId));
        if (m->weights.isEmpty())
            throw core::UserError(
                QStringLiteral("%1: run %2 was recorded without weights (model %3); "
                               "train it again to explain it")
                    .arg(sql.path())
                    .arg(runId)
                    .arg(m->id));
        const QList<int> &dims = m->config.dims;
        if (m->modalities.isEmpty() || dims.size() != 3)
            throw core::UserError(
                QStringLiteral("%1: model %2 of run %3 has an unreadable configuration")
                    .arg(sql.path())
                    .arg(m->id)
                    .arg(runId));
        out.owned.push_back(std::make_shared<TrainedModel>(
            PerceiverConfig::fromJson(m->config.model), m->modalities,
            std::array<int, 3>{dims[0], dims[1], dims[2]}, m->weights, device));
        out.components.push_back(out.owned.back().get());
    }
    if (out.components.empty())
        throw core::UserError(QStringLiteral("%1: run %2, result %3 has no models")
                                  .arg(sql.path())
                                  .arg(runId)
                                  .arg(r.id));
    return out;
}

// The result's test clips (those with features) with their targets, and
// the reference clips (every other clip with features).
struct Split
{
    std::vector<int> test, targets, reference;
};

Split splitOf(db::SqliteDatabase &sql, const FeatureSet &features, const db::RunResultRecord &r,
              const db::RunRecord &run)
{
    Split s;
    QSet<int> inTest;
    for (const db::RunPrediction &p : db::RunRepository(sql).predictions(r.id)) {
        const int i = features.indexOf(p.clip);
        if (i < 0)
            continue;
        s.test.push_back(i);
        s.targets.push_back(p.target);
        inTest.insert(i);
    }
    // The reference (training) clips: the films of the fold's training
    // folds, dealt again as the run dealt them (its folds and seed). When
    // the annotations changed since, or the run's configuration is not
    // readable, every clip outside the test split stands in.
    const int folds = run.config.folds;
    if (folds >= 3) {
        try {
            const QList<core::Annotation> annotations =
                db::AnnotationRepository(sql).effectiveAnnotations(run.config.labelRule);
            const QString hash =
                QString::fromLatin1(core::SplitExporter::annotationsHash(annotations).toHex());
            if (hash == run.annotationsHash) {
                const core::SplitExporter splits(annotations, db::TaxonomyRepository(sql).load(),
                                                 {folds, run.config.seed, {}, {}});
                for (const core::Annotation &a : annotations) {
                    const int i = features.indexOf(a.clipName);
                    if (i >= 0 && !inTest.contains(i) &&
                        splits.folds().role(a.movieId, r.fold) == core::FoldAssignment::Role::Train)
                        s.reference.push_back(i);
                }
                std::sort(s.reference.begin(), s.reference.end());
            }
        } catch (const core::UserError &) {
            s.reference.clear();
        }
    }
    if (s.reference.empty())
        for (int i = 0; i < features.size(); ++i)
            if (!inTest.contains(i))
                s.reference.push_back(i);
    if (s.test.empty())
        throw core::UserError(QStringLiteral("%1: none of the test clips of result %2 (run %3) has "
                                             "features in the project any more")
                                  .arg(sql.path())
                                  .arg(r.id)
                                  .arg(r.runId));
    return s;
}

// The Explainer, with its errors (features that no longer fit the models)
// naming the project, run and result.
std::unique_ptr<Explainer> makeExplainer(db::SqliteDatabase &sql, const db::RunResultRecord &r,
                                         const FeatureSet &features, core::ModalitySet modalities,
                                         const RunExplainer::Models &models,
                                         const std::vector<int> &reference,
                                         const Explainer::Options &o)
{
    try {
        return std::make_unique<Explainer>(features, modalities, models.components, reference, o);
    } catch (const core::UserError &e) {
        throw core::UserError(QStringLiteral("%1: run %2, result %3: %4")
                                  .arg(sql.path())
                                  .arg(r.runId)
                                  .arg(r.id)
                                  .arg(e.message()));
    }
}

int modalityCount(core::ModalitySet s)
{
    return std::popcount(unsigned(s.bits()));
}

} // namespace

RunExplainer::RunExplainer(db::SqliteDatabase &db, qint64 runId) : m_db(db)
{
    const auto r = db::RunRepository(db).run(runId);
    if (!r)
        throw core::UserError(
            QStringLiteral("%1: there is no run %2 in this project (see `runs --db %1`)")
                .arg(db.path())
                .arg(runId));
    m_run = *r;
}

RunExplainer::Models RunExplainer::models(const db::RunResultRecord &result, const QString &device)
{
    return loadComponents(m_db, m_run.id, result, device);
}

db::RunResultRecord RunExplainer::pick(const Request &request)
{
    const QList<db::RunResultRecord> all = db::RunRepository(m_db).results(m_run.id);
    if (all.isEmpty())
        throw core::UserError(QStringLiteral("%1: run %2 has no evaluated results (status %3)")
                                  .arg(m_db.path())
                                  .arg(m_run.id)
                                  .arg(m_run.status));
    if (request.resultId) {
        for (const auto &r : all)
            if (r.id == *request.resultId)
                return r;
        QStringList ids;
        for (const auto &r : all)
            ids.append(QStringLiteral("%1 (%2 %3 %4 fold %5)")
                           .arg(r.id)
                           .arg(r.modalities.letters(), r.fusion, r.trainSet)
                           .arg(r.fold));
        throw core::UserError(QStringLiteral("%1: run %2 has no result %3; its results are: %4")
                                  .arg(m_db.path())
                                  .arg(m_run.id)
                                  .arg(*request.resultId)
                                  .arg(ids.join(QStringLiteral(", "))));
    }
    const db::RunResultRecord *best = nullptr;
    for (const auto &r : all) {
        if (request.fold && r.fold != *request.fold)
            continue;
        if (!best || modalityCount(r.modalities) > modalityCount(best->modalities))
            best = &r;
    }
    if (!best)
        throw core::UserError(QStringLiteral("%1: run %2 has no result on fold %3")
                                  .arg(m_db.path())
                                  .arg(m_run.id)
                                  .arg(*request.fold));
    return *best;
}

RunExplainer::Outcome RunExplainer::explain(const Request &request, const Log &log,
                                            const std::atomic<bool> *cancel,
                                            const Explainer::Progress &progress)
{
    QElapsedTimer clock;
    clock.start();
    const db::RunResultRecord result = pick(request);
    const std::optional<core::ModalitySet> modalities =
        result.modalities.isEmpty() ? std::nullopt : std::optional(result.modalities);
    if (!modalities)
        throw core::UserError(QStringLiteral("%1: result %2 names no modality it can read")
                                  .arg(m_db.path())
                                  .arg(result.id));
    if (log)
        log(QStringLiteral("run %1, result %2: %3 %4 on %5, fold %6, baseline %7")
                .arg(m_run.id)
                .arg(result.id)
                .arg(result.modalities.letters(), result.fusion, result.trainSet)
                .arg(result.fold)
                .arg(baselineName(request.baseline)));
    const Models components = loadComponents(m_db, m_run.id, result, request.device);
    const FeatureSet features = FeatureSet::load(m_db, *modalities);
    const Split split = splitOf(m_db, features, result, m_run);
    if (log)
        log(QStringLiteral("%1 test clips; %2 reference clips for the mean and noise baselines")
                .arg(split.test.size())
                .arg(split.reference.size()));
    // The run records the extractors it was trained on; other features (a
    // newer extraction) still fit when their dims match, but say so.
    const QStringList &trainedOn = m_run.config.extractors;
    for (Modality m : core::kAllModalities) {
        if (!modalities->contains(m) || trainedOn.isEmpty())
            continue;
        const QString now =
            core::modalityLetter(m) + QStringLiteral(": ") + features.extractorLabel(m);
        if (!trainedOn.contains(now) && log)
            log(QStringLiteral(
                    "warning: run %1 was trained on other %2 features than the project's "
                    "current ones (%3)")
                    .arg(m_run.id)
                    .arg(core::modalityName(m), features.extractorLabel(m)));
    }

    // When this entry reads every modality the run loaded, the run's
    // features hash can be checked too (labels do not tell regenerated
    // synthetic features apart).
    core::ModalitySet runModalities;
    for (const auto &r : db::RunRepository(m_db).results(m_run.id))
        runModalities = core::ModalitySet::fromBits(runModalities.bits() | r.modalities.bits());
    if (runModalities == *modalities && !m_run.featuresHash.isEmpty() &&
        features.hash() != m_run.featuresHash && log)
        log(QStringLiteral("warning: the project's features are not those run %1 was trained on "
                           "(features hash differs); the explanations describe the model on the "
                           "current features")
                .arg(m_run.id));

    db::AnnotationRepository annotations(m_db);
    const core::Taxonomy taxonomy = db::TaxonomyRepository(m_db).load();
    QHash<QString, ClipContext> context;
    for (const core::Clip &c : annotations.clips())
        context[c.name].startMs = c.startMs;
    // The labels the run was trained on: its own label rule.
    for (const core::Annotation &a : annotations.effectiveAnnotations(m_run.config.labelRule)) {
        ClipContext &ctx = context[a.clipName];
        ctx.level = a.level;
        for (const QString &name : a.concepts)
            if (const core::Concept *k = taxonomy.find(name); k && k->modality)
                ctx.annotated.insert(*k->modality);
    }

    db::FeatureStore store(m_db);
    const QList<db::StoredExtractor> extractors = store.extractors();
    Explainer::Options o;
    o.baseline = request.baseline;
    o.seed = request.seed;
    o.thresholds = request.thresholds;
    o.batchClips = request.batchClips;
    o.lateFusion = result.fusion == u"late";
    // planted[clip][modality] = token ranges
    QHash<QString, std::array<QList<std::pair<int, int>>, 3>> planted;
    for (Modality m : core::kAllModalities) {
        if (!modalities->contains(m))
            continue;
        const auto e = chosenExtractor(extractors, m);
        if (!e)
            continue;
        o.relativeSpans[size_t(m)] = e->info.synthetic;
        for (const db::PlantedSpanRow &p : store.plantedSpans(e->id))
            planted[p.clipName][size_t(m)].append({p.tokenStart, p.tokenEnd});
    }

    const auto explainerPtr =
        makeExplainer(m_db, result, features, *modalities, components, split.reference, o);
    const Explainer &explainer = *explainerPtr;
    Outcome out;
    out.targets = split.targets;
    out.clips = explainer.explain(
        split.test, context,
        [&](int done, int total) {
            // A caller that follows progress (a job) hears of it once, not
            // again as a log line.
            if (progress)
                progress(done, total);
            else if (log)
                log(QStringLiteral("explained %1/%2 clips").arg(done).arg(total));
        },
        cancel);
    if (out.clips.empty())
        return out; // cancelled

    // Faithfulness against the planted spans.
    Faithfulness &f = out.faithfulness;
    f.available = !planted.isEmpty();
    const std::vector<Modality> players = explainer.players();
    for (size_t i = 0; i < out.clips.size(); ++i) {
        const Explainer::Result &r = out.clips[i];
        const auto it = planted.constFind(r.stored.clip);
        if (it == planted.cend())
            continue;
        auto inSpan = [&](Modality m, int t) {
            for (const auto &[s, e] : (*it)[size_t(m)])
                if (t >= s && t < e)
                    return true;
            return false;
        };
        // Pointing game.
        int tokens = 0, plantedTokens = 0;
        float bestRel = -1;
        bool hit = false;
        for (Modality m : players)
            for (size_t t = 0; t < r.relevance[size_t(m)].size(); ++t) {
                ++tokens;
                const bool in = inSpan(m, int(t));
                plantedTokens += in;
                if (r.relevance[size_t(m)][t] > bestRel) {
                    bestRel = r.relevance[size_t(m)][t];
                    hit = in;
                }
            }
        if (out.targets[i] == 1 && plantedTokens > 0) {
            ++f.pointingClips;
            f.pointingHits += hit;
            f.pointingUniform += double(plantedTokens) / double(tokens);
        }
        // Largest Shapley value on a planted modality.
        // A tie for the largest value (a model that ignores every modality
        // gives them all 0) names no modality: it counts as a miss, so the
        // order of the players cannot score hits.
        int plantedModalities = 0;
        std::optional<Modality> top;
        bool tied = false;
        for (Modality m : players) {
            plantedModalities += !(*it)[size_t(m)].isEmpty();
            const double v = *r.stored.phi[size_t(m)];
            if (!top || v > *r.stored.phi[size_t(*top)]) {
                top = m;
                tied = false;
            } else if (v == *r.stored.phi[size_t(*top)]) {
                tied = true;
            }
        }
        if (plantedModalities > 0) {
            ++f.shapleyClips;
            f.shapleyHits += !tied && !(*it)[size_t(*top)].isEmpty();
            f.shapleyUniform += double(plantedModalities) / double(players.size());
        }
    }
    if (f.pointingClips)
        f.pointingUniform /= f.pointingClips;
    if (f.shapleyClips)
        f.shapleyUniform /= f.shapleyClips;

    out.set.runId = m_run.id;
    out.set.resultId = result.id;
    out.set.baseline = baselineName(request.baseline);
    out.set.modalities = result.modalities;
    out.set.fusion = result.fusion;
    out.set.trainSet = result.trainSet;
    out.set.fold = result.fold;
    out.set.createdAt = db::RunRepository::now();
    out.set.threshold = request.thresholds.spurious;
    if (request.store) {
        std::vector<db::ClipExplanation> stored;
        stored.reserve(out.clips.size());
        for (const auto &r : out.clips)
            stored.push_back(r.stored);
        out.set.id = db::ExplanationRepository(m_db).store(out.set, stored);
    }
    out.seconds = double(clock.elapsed()) / 1000.0;
    return out;
}

QList<RunExplainer::AblationRow> RunExplainer::ablation(const Request &request, const Log &log)
{
    QList<db::RunResultRecord> results;
    if (request.resultId)
        results.append(pick(request));
    else
        for (const auto &r : db::RunRepository(m_db).results(m_run.id))
            if (!request.fold || r.fold == *request.fold)
                results.append(r);
    if (results.isEmpty())
        throw core::UserError(
            QStringLiteral("%1: run %2 has no results to ablate").arg(m_db.path()).arg(m_run.id));
    // One feature set per modality combination.
    std::map<int, std::unique_ptr<FeatureSet>> featureSets;
    QList<AblationRow> rows;
    int n = 0;
    for (const db::RunResultRecord &r : results) {
        const std::optional<core::ModalitySet> modalities =
            r.modalities.isEmpty() ? std::nullopt : std::optional(r.modalities);
        if (!modalities)
            continue;
        auto &fs = featureSets[modalities->bits()];
        if (!fs)
            fs = std::make_unique<FeatureSet>(FeatureSet::load(m_db, *modalities));
        const Models components = loadComponents(m_db, m_run.id, r, request.device);
        const Split split = splitOf(m_db, *fs, r, m_run);
        Explainer::Options o;
        o.seed = request.seed;
        o.attention = false;
        o.batchClips = std::max(request.batchClips, 64);
        const auto explainerPtr =
            makeExplainer(m_db, r, *fs, *modalities, components, split.reference, o);
        const Explainer &explainer = *explainerPtr;
        rows.append(
            {r, QString(), QString(),
             core::metrics::averagePrecision(explainer.predict(split.test), split.targets)});
        for (Modality m : explainer.players())
            for (Baseline b : {Baseline::Zeros, Baseline::Noise, Baseline::Mean})
                rows.append({r, core::modalityLetter(m), baselineName(b),
                             core::metrics::averagePrecision(
                                 explainer.predictWithout(split.test, core::ModalitySet{m}, b),
                                 split.targets)});
        if (log)
            log(QStringLiteral("ablation: result %1/%2 (%3 %4 %5 fold %6)")
                    .arg(++n)
                    .arg(results.size())
                    .arg(r.modalities.letters(), r.fusion, r.trainSet)
                    .arg(r.fold));
    }
    return rows;
}

} // namespace ms::models
