#include "models/runscorer.h"

#include "core/error.h"
#include "database/annotationqueuebuilder.h"
#include "database/sqlitedatabase.h"
#include "models/featureset.h"
#include "models/runexplainer.h"
#include "models/trainedmodel.h"

#include <algorithm>

namespace ms::models {

RunScorer::Outcome RunScorer::score(db::SqliteDatabase &db, qint64 runId, const QStringList &clips,
                                    const std::atomic<bool> *cancel)
{
    RunExplainer explainer(db, runId); // throws for an unknown run
    const QList<db::RunResultRecord> entry =
        db::AnnotationQueueBuilder::mainEntry(db::RunRepository(db).results(runId));
    if (entry.isEmpty())
        throw core::UserError(QStringLiteral("%1: run %2 has no evaluated results to score clips "
                                             "with")
                                  .arg(db.path())
                                  .arg(runId));
    Outcome out;
    if (clips.isEmpty())
        return out;
    const FeatureSet features = FeatureSet::load(db, entry.first().modalities);
    std::vector<int> indexes;
    QStringList names;
    for (const QString &c : clips) {
        const int i = features.indexOf(c);
        if (i < 0) {
            ++out.withoutFeatures;
            continue;
        }
        indexes.push_back(i);
        names.append(c);
    }
    if (indexes.empty())
        return out;
    std::vector<double> sum(indexes.size(), 0.0);
    for (const db::RunResultRecord &r : entry) {
        if (cancel && cancel->load())
            return {};
        const RunExplainer::Models models = explainer.models(r);
        std::vector<float> fused;
        for (const TrainedModel *m : models.components) {
            const std::vector<float> p = m->predict(features, indexes);
            if (fused.empty())
                fused = p;
            else
                for (size_t i = 0; i < fused.size(); ++i)
                    fused[i] = std::max(fused[i], p[i]);
        }
        QHash<QString, double> fold;
        for (size_t i = 0; i < fused.size(); ++i) {
            sum[i] += double(fused[i]);
            fold.insert(names[qsizetype(i)], double(fused[i]));
        }
        out.perFold.append(fold);
        ++out.folds;
    }
    for (size_t i = 0; i < sum.size(); ++i)
        out.scores.insert(names[qsizetype(i)], sum[i] / out.folds);
    return out;
}

} // namespace ms::models
