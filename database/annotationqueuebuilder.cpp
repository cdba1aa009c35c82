#include "database/annotationqueuebuilder.h"

#include "core/clipdisagreement.h"
#include "core/error.h"
#include "core/labelrule.h"
#include "core/taxonomy.h"
#include "database/annotationrepository.h"
#include "database/annotatortable.h"
#include "database/sqlitedatabase.h"
#include "database/taxonomyrepository.h"

#include <QHash>
#include <QJsonArray>
#include <bit>

namespace ms::db {

namespace {

int modalityCount(core::ModalitySet s)
{
    return std::popcount(unsigned(s.bits()));
}

bool sameEntry(const RunResultRecord &a, const RunResultRecord &b)
{
    return a.modalities == b.modalities && a.fusion == b.fusion && a.trainSet == b.trainSet &&
           a.testSet == b.testSet;
}

} // namespace

QList<RunResultRecord> AnnotationQueueBuilder::mainEntry(const QList<RunResultRecord> &results)
{
    const RunResultRecord *best = nullptr;
    for (const RunResultRecord &r : results)
        if (!best || modalityCount(r.modalities) > modalityCount(best->modalities))
            best = &r;
    QList<RunResultRecord> out;
    if (best)
        for (const RunResultRecord &r : results)
            if (sameEntry(r, *best))
                out.append(r);
    return out;
}

QString queuePoolName(QueuePool pool)
{
    return pool == QueuePool::Unannotated ? QStringLiteral("unannotated")
                                          : QStringLiteral("unadjudicated");
}

QueueReport AnnotationQueueBuilder::build(const QueueRequest &request)
{
    RunRepository runs(m_db);
    const auto run = runs.run(request.runId);
    if (!run)
        throw core::UserError(
            QStringLiteral("%1: there is no run %2 in this project (see `runs --db %1`)")
                .arg(m_db.path())
                .arg(request.runId));
    QueueReport report;
    report.run = *run;
    report.pool = request.pool;
    report.annotator = request.annotator;
    report.options = request.options;

    // The scores: the main grid entry's test predictions over its folds.
    const QList<RunResultRecord> entry = mainEntry(runs.results(run->id));
    QHash<QString, double> scores;
    if (!entry.isEmpty()) {
        report.entry = entry.first();
        report.folds = int(entry.size());
        for (const RunResultRecord &r : entry)
            for (const RunPrediction &p : runs.predictions(r.id))
                if (!scores.contains(p.clip))
                    scores.insert(p.clip, p.score);
    }
    const core::QueueOrder order = request.options.order;
    if (order != core::QueueOrder::AttributionError && scores.isEmpty() &&
        request.modelScores.isEmpty())
        throw core::UserError(
            QStringLiteral("%1: run %2 has no test predictions (status %3), so it cannot order "
                           "clips by %4; train it to the end, or choose a finished run (see "
                           "`runs --db %1`)")
                .arg(m_db.path())
                .arg(run->id)
                .arg(run->status, core::queueOrderName(order)));

    // The explanations: the set asked for, or the run's newest.
    ExplanationRepository explanations(m_db);
    QHash<QString, ClipExplanation> explained;
    if (order == core::QueueOrder::AttributionError) {
        const QList<ExplanationSet> sets = explanations.sets(run->id);
        for (const ExplanationSet &s : sets)
            if (!request.setId || s.id == *request.setId) {
                report.set = s;
                break;
            }
        if (!report.set)
            throw core::UserError(
                request.setId
                    ? QStringLiteral("%1: run %2 has no explanation set %3 (see "
                                     "`export-explanations --db %1 --run %2`)")
                          .arg(m_db.path())
                          .arg(run->id)
                          .arg(*request.setId)
                    : QStringLiteral("%1: run %2 has no explanations, so it cannot order clips "
                                     "by attribution error; explain it first (`explain --db %1 "
                                     "--run %2`, or View > Explain a Run in the window)")
                          .arg(m_db.path())
                          .arg(run->id));
        for (ClipExplanation &e : explanations.clips(report.set->id))
            explained.insert(e.clip, std::move(e));
        report.options.attribution.spurious = report.set->threshold;
    }

    // Every annotator's annotation and the effective one (the run's rule).
    AnnotationRepository annotations(m_db);
    const core::Taxonomy taxonomy = TaxonomyRepository(m_db).load();
    QHash<QString, QList<core::Annotation>> byClip;
    for (const core::Annotation &a : AnnotatorTable(m_db).currentAnnotations())
        byClip[a.clipName].append(a);
    QHash<QString, core::Annotation> effective;
    for (const core::Annotation &a : annotations.effectiveAnnotations(run->config.labelRule))
        effective.insert(a.clipName, a);

    std::vector<core::QueueCandidate> candidates;
    for (const core::Clip &clip : annotations.clips()) {
        const QList<core::Annotation> all = byClip.value(clip.name);
        bool waiting = false;
        if (request.pool == QueuePool::Unannotated) {
            waiting = std::none_of(all.cbegin(), all.cend(), [&](const core::Annotation &a) {
                return request.annotator.isEmpty() || a.annotator == request.annotator;
            });
        } else {
            const bool decided = std::any_of(all.cbegin(), all.cend(), [](const auto &a) {
                return a.annotator == core::LabelRule::consensusAnnotator();
            });
            waiting = !decided && core::ClipDisagreement::of(all).any();
        }
        if (!waiting)
            continue;
        core::QueueCandidate c;
        c.clipId = clip.id;
        c.clip = clip.name;
        c.movieId = clip.movieId;
        if (const auto s = scores.constFind(clip.name); s != scores.cend()) {
            c.score = *s;
        } else if (const auto m = request.modelScores.constFind(clip.name);
                   m != request.modelScores.cend()) {
            c.score = *m;
            c.tested = false;
            ++report.modelScored;
        }
        if (const auto e = explained.constFind(clip.name); e != explained.cend()) {
            c.explained = true;
            c.phi = e->phi;
        }
        if (const auto a = effective.constFind(clip.name); a != effective.cend()) {
            c.level = a->level;
            c.annotated = taxonomy.modalitiesOf(a->concepts);
        }
        for (const core::Annotation &a : all)
            if (a.annotator != core::LabelRule::consensusAnnotator())
                c.annotatorLevels.append(a.level);
        candidates.push_back(std::move(c));
    }
    report.poolSize = int(candidates.size());
    report.modelScoreFolds = request.modelScoreFolds;
    core::QueueOptions all = report.options;
    all.limit = 0;
    report.entries = core::orderQueue(candidates, all);
    report.ranked = int(std::count_if(report.entries.cbegin(), report.entries.cend(),
                                      [](const core::QueueEntry &e) { return e.ranked; }));
    if (report.options.limit > 0 && int(report.entries.size()) > report.options.limit)
        report.entries.resize(size_t(report.options.limit));
    return report;
}

QString QueueReport::poolText() const
{
    if (pool == QueuePool::Unadjudicated)
        return QStringLiteral("%1 clips whose annotators disagree, not yet adjudicated")
            .arg(poolSize);
    if (annotator.isEmpty())
        return QStringLiteral("%1 clips nobody has annotated").arg(poolSize);
    return QStringLiteral("%1 clips not annotated by %2").arg(poolSize).arg(annotator);
}

QString QueueReport::note() const
{
    const int unranked = poolSize - ranked;
    if (unranked <= 0)
        return {};
    switch (options.order) {
    case core::QueueOrder::Uncertainty:
        return QStringLiteral("%1 of them have no test prediction in run %2 (a run predicts the "
                              "clips annotated when it trained)%3: they come last")
            .arg(unranked)
            .arg(run.id)
            .arg(modelScoreFolds > 0
                     ? QStringLiteral(" and its models cannot score them (no features)")
                     : QString());
    case core::QueueOrder::AttributionError:
        return QStringLiteral("%1 of them are not in explanation set %2 (it explains the test "
                              "clips of one fold): they come last")
            .arg(unranked)
            .arg(set ? set->id : 0);
    case core::QueueOrder::Disagreement:
        return QStringLiteral("%1 of them have nothing to compare (one annotation and no test "
                              "prediction, or no annotation): they come last")
            .arg(unranked);
    }
    return {};
}

QJsonObject QueueReport::toJson() const
{
    QJsonArray rows;
    int rank = 0;
    for (const core::QueueEntry &e : entries) {
        QJsonObject o{{QStringLiteral("rank"), ++rank},
                      {QStringLiteral("clip"), e.candidate.clip},
                      {QStringLiteral("film"), e.candidate.movieId},
                      {QStringLiteral("ranked"), e.ranked},
                      {QStringLiteral("tested"), e.candidate.tested},
                      {QStringLiteral("key"), e.ranked ? QJsonValue(e.key) : QJsonValue()},
                      {QStringLiteral("score"),
                       e.candidate.score ? QJsonValue(*e.candidate.score) : QJsonValue()},
                      {QStringLiteral("reason"), e.reason}};
        rows.append(o);
    }
    QJsonObject o{
        {QStringLiteral("run"), run.id},
        {QStringLiteral("order"), core::queueOrderName(options.order)},
        {QStringLiteral("pool"), queuePoolName(pool)},
        {QStringLiteral("annotator"), annotator},
        {QStringLiteral("threshold"), options.threshold},
        {QStringLiteral("entry"),
         QStringLiteral("%1 %2 %3").arg(entry.modalities.letters(), entry.fusion, entry.trainSet)},
        {QStringLiteral("folds"), folds},
        {QStringLiteral("waiting"), poolSize},
        {QStringLiteral("ranked_clips"), ranked},
        {QStringLiteral("model_scored"), modelScored},
        {QStringLiteral("note"), note()},
        {QStringLiteral("clips"), rows}};
    if (set) {
        o.insert(QStringLiteral("explanation_set"), set->id);
        o.insert(QStringLiteral("attribution_threshold"), options.attribution.spurious);
    }
    return o;
}

QString QueueReport::toText() const
{
    QString text = QStringLiteral("Annotate next: %1, by %2 (run %3")
                       .arg(poolText(), core::queueOrderName(options.order))
                       .arg(run.id);
    if (options.order == core::QueueOrder::AttributionError && set)
        text += QStringLiteral(", explanation set %1, threshold %2")
                    .arg(set->id)
                    .arg(options.attribution.spurious, 0, 'f', 2);
    else
        text += QStringLiteral(", %1 %2 on %3 over %4 folds, threshold %5")
                    .arg(entry.modalities.letters(), entry.fusion, entry.trainSet)
                    .arg(folds)
                    .arg(options.threshold, 0, 'f', 2);
    text += QStringLiteral(")\n");
    if (entries.empty()) {
        text += QStringLiteral("No clip is waiting.\n");
        return text;
    }
    text += QStringLiteral("rank\tclip\tfilm\tkey\treason\n");
    int rank = 0;
    for (const core::QueueEntry &e : entries)
        text += QStringLiteral("%1\t%2\t%3\t%4\t%5\n")
                    .arg(++rank)
                    .arg(e.candidate.clip, e.candidate.movieId,
                         e.ranked ? QString::number(e.key, 'f', 3) : QStringLiteral("-"), e.reason);
    if (modelScored)
        text += QStringLiteral("%1 clips the run never tested are scored by its models (mean "
                               "over %2 folds).\n")
                    .arg(modelScored)
                    .arg(modelScoreFolds);
    if (const QString n = note(); !n.isEmpty())
        text += QStringLiteral("Note: %1.\n").arg(n);
    return text;
}

} // namespace ms::db
