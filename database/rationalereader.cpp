#include "database/rationalereader.h"

#include "core/error.h"
#include "core/taxonomy.h"
#include "database/annotationrepository.h"
#include "database/sqlitedatabase.h"
#include "database/taxonomyrepository.h"

#include <QHash>

namespace ms::db {

RationaleReport RationaleReader::read(qint64 runId, std::optional<qint64> setId,
                                      const std::optional<core::LabelRule> &rule)
{
    const auto run = RunRepository(m_db).run(runId);
    if (!run)
        throw core::UserError(
            QStringLiteral("%1: there is no run %2 in this project (see `runs --db %1`)")
                .arg(m_db.path())
                .arg(runId));
    ExplanationRepository explanations(m_db);
    std::optional<ExplanationSet> set;
    for (const ExplanationSet &s : explanations.sets(runId))
        if (!setId || s.id == *setId) {
            set = s;
            break;
        }
    if (!set)
        throw core::UserError(
            setId ? QStringLiteral("%1: run %2 has no explanation set %3")
                        .arg(m_db.path())
                        .arg(runId)
                        .arg(*setId)
                  : QStringLiteral("%1: run %2 has no explanations to compare with the experts' "
                                   "modalities; explain it first (`explain --db %1 --run %2`, or "
                                   "View > Explain a Run in the window)")
                        .arg(m_db.path())
                        .arg(runId));
    return compute(*set, explanations.clips(set->id), rule);
}

RationaleReport RationaleReader::compute(const ExplanationSet &set,
                                         const std::vector<ClipExplanation> &clips,
                                         const std::optional<core::LabelRule> &rule)
{
    const auto run = RunRepository(m_db).run(set.runId);
    if (!run)
        throw core::UserError(QStringLiteral("%1: explanation set %2 names run %3, which is not "
                                             "in the project")
                                  .arg(m_db.path())
                                  .arg(set.id)
                                  .arg(set.runId));
    RationaleReport report;
    report.run = *run;
    report.set = set;
    report.labelRule = rule.value_or(run->config.labelRule);

    AnnotationRepository annotations(m_db);
    const core::Taxonomy taxonomy = TaxonomyRepository(m_db).load();
    QHash<QString, core::Annotation> effective;
    for (const core::Annotation &a : annotations.effectiveAnnotations(report.labelRule))
        effective.insert(a.clipName, a);
    QHash<QString, QString> film;
    for (const core::Clip &c : annotations.clips())
        film.insert(c.name, c.movieId);

    std::vector<core::RationaleInput> inputs;
    for (const ClipExplanation &e : clips) {
        core::RationaleInput in;
        in.clip = e.clip;
        in.movieId = film.value(e.clip);
        in.phi = e.phi;
        if (const auto a = effective.constFind(e.clip); a != effective.cend()) {
            for (const QString &name : a->concepts) {
                const core::Concept *k = taxonomy.find(name);
                in.concepts.append({name, k ? k->modality : std::nullopt});
            }
        }
        inputs.push_back(std::move(in));
    }
    std::sort(inputs.begin(), inputs.end(), [](const auto &a, const auto &b) {
        return a.movieId != b.movieId ? a.movieId < b.movieId : a.clip < b.clip;
    });
    report.agreement = core::RationaleAgreement::compute(inputs, set.modalities, set.threshold);
    return report;
}

QJsonObject RationaleReport::toJson() const
{
    QJsonObject o = agreement.toJson();
    o.insert(QStringLiteral("run"), run.id);
    o.insert(QStringLiteral("explanation_set"), set.id);
    o.insert(QStringLiteral("entry"), QStringLiteral("%1 %2 %3 fold %4")
                                          .arg(set.modalities.letters(), set.fusion, set.trainSet)
                                          .arg(set.fold));
    o.insert(QStringLiteral("label_rule"), labelRule.toString());
    return o;
}

QString RationaleReport::toText() const
{
    return QStringLiteral("Run %1, explanation set %2 (%3 %4 on %5, fold %6, baseline %7), labels "
                          "%8\n")
               .arg(run.id)
               .arg(set.id)
               .arg(set.modalities.letters(), set.fusion, set.trainSet)
               .arg(set.fold)
               .arg(set.baseline, labelRule.toString()) +
           agreement.toText();
}

} // namespace ms::db
