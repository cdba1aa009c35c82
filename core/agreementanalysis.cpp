#include "core/agreementanalysis.h"

#include "core/error.h"
#include "core/labelrule.h"

#include <QHash>
#include <QJsonArray>
#include <QMap>
#include <QSet>
#include <functional>
#include <vector>

namespace ms::core {

namespace {

const QList<AlphaMetric> kLevelMetrics = {AlphaMetric::Nominal, AlphaMetric::Ordinal};
const QList<AlphaMetric> kPresenceMetrics = {AlphaMetric::Nominal};

QString figure(const std::optional<double> &v)
{
    return v ? QString::number(*v, 'f', 3) : QString();
}

QString intervalText(const std::optional<BootstrapInterval> &i)
{
    if (!i)
        return {};
    return QStringLiteral("[%1, %2]").arg(i->low, 0, 'f', 3).arg(i->high, 0, 'f', 3);
}

// One line of a table: label, units, value and interval, or the reason there
// is no value.
QString row(const QString &label, int units, const std::optional<double> &value,
            const std::optional<BootstrapInterval> &interval, const QString &reason)
{
    QString figures = reason;
    if (value) {
        figures = QStringLiteral("%1").arg(figure(value), 6);
        if (interval)
            figures += QStringLiteral("  ") + intervalText(interval);
    }
    return QStringLiteral("    %1 %2  %3\n").arg(label, -36).arg(units, 5).arg(figures);
}

QString alphaRow(const QString &label, const AgreementSummary &s, AlphaMetric metric)
{
    const AlphaEstimate *e = s.alpha(metric);
    return row(label, s.units, e->result.alpha, e->interval,
               QStringLiteral("undefined: ") + e->result.undefinedReason);
}

// Kappas under an alpha row are indented by `indent` inside the label column,
// so the figures stay aligned.
QString kappaRows(const AgreementSummary &s, const QString &indent = {})
{
    QString out;
    out += row(indent + QStringLiteral("Fleiss' kappa"), s.fleiss.result.units,
               s.fleiss.result.kappa, s.fleiss.interval, s.fleiss.result.reason);
    for (const KappaEstimate &k : s.cohen)
        out += row(indent + QStringLiteral("Cohen's kappa %1 / %2").arg(k.annotatorA, k.annotatorB),
                   k.result.units, k.result.kappa, k.interval, k.result.reason);
    return out;
}

QString scopeText(const AgreementScope &scope)
{
    QString out =
        scope.movieId.isEmpty()
            ? QStringLiteral("All films (%1 annotated clips)\n").arg(scope.clips)
            : QStringLiteral("Film %1 (%2 annotated clips)\n").arg(scope.movieId).arg(scope.clips);
    out += QStringLiteral("  %1 %2  %3  %4\n")
               .arg(QStringLiteral("Level (EN < HN < S)"), -38)
               .arg(QStringLiteral("clips"), 5)
               .arg(QStringLiteral("value"), 6)
               .arg(QStringLiteral("interval"));
    out += alphaRow(QStringLiteral("Krippendorff's alpha, nominal"), scope.level,
                    AlphaMetric::Nominal);
    out += alphaRow(QStringLiteral("Krippendorff's alpha, ordinal"), scope.level,
                    AlphaMetric::Ordinal);
    out += kappaRows(scope.level);
    out += QStringLiteral("  Concepts, present/absent: Krippendorff's alpha, nominal\n");
    for (qsizetype i = 0; i < scope.concepts.size(); ++i) {
        const Concept &c = scope.concepts.at(i);
        const AgreementSummary &s = scope.conceptSummaries.at(i);
        const QString label =
            c.modality ? QStringLiteral("%1 (%2)").arg(c.name, modalityName(*c.modality)) : c.name;
        out += alphaRow(label, s, AlphaMetric::Nominal);
        if (s.hasKappas)
            out += kappaRows(s, QStringLiteral("  "));
    }
    if (!scope.modalitySummaries.isEmpty()) {
        out += QStringLiteral("  Modalities, any concept of it present/absent: Krippendorff's "
                              "alpha, nominal\n");
        for (Modality m : kAllModalities) {
            const AgreementSummary &s = scope.modalitySummaries.at(int(m));
            out += alphaRow(modalityName(m), s, AlphaMetric::Nominal);
            out += kappaRows(s, QStringLiteral("  "));
        }
    }
    return out;
}

QJsonObject scopeJson(const AgreementScope &scope)
{
    QJsonObject o;
    o.insert(QStringLiteral("clips"), scope.clips);
    o.insert(QStringLiteral("level"), scope.level.toJson());
    QJsonObject concepts;
    for (qsizetype i = 0; i < scope.concepts.size(); ++i) {
        const Concept &c = scope.concepts.at(i);
        QJsonObject co = scope.conceptSummaries.at(i).toJson();
        co.insert(QStringLiteral("modality"), c.modality ? QJsonValue(modalityLetter(*c.modality))
                                                         : QJsonValue(QJsonValue::Null));
        concepts.insert(c.name, co);
    }
    o.insert(QStringLiteral("concepts"), concepts);
    if (!scope.modalitySummaries.isEmpty()) {
        QJsonObject modalities;
        for (Modality m : kAllModalities)
            modalities.insert(modalityLetter(m), scope.modalitySummaries.at(int(m)).toJson());
        o.insert(QStringLiteral("modalities"), modalities);
    }
    return o;
}

} // namespace

const QString &AgreementAnalysis::consensusAnnotator()
{
    return LabelRule::consensusAnnotator(); // one name for the adjudicated annotation
}

QStringList AgreementAnalysis::codersOf(const QList<Annotation> &annotations)
{
    QSet<QString> names;
    for (const Annotation &a : annotations)
        if (a.annotator != consensusAnnotator())
            names.insert(a.annotator);
    QStringList out(names.cbegin(), names.cend());
    out.sort();
    return out;
}

QString AgreementAnalysis::tooFewCodersMessage(const QString &project, const QStringList &coders)
{
    return QStringLiteral("%1: agreement needs the annotations of at least two annotators, and "
                          "this project has %2. Import another annotator's table with "
                          "`modalscope-cli import-annotations --db %1 --annotator NAME ...` (or a "
                          "Modalscope CSV with an annotator column).")
        .arg(project, coders.isEmpty() ? QStringLiteral("none")
                                       : QStringLiteral("only one ('%1')").arg(coders.first()));
}

AgreementAnalysis AgreementAnalysis::compute(const QList<Annotation> &annotations,
                                             const Taxonomy &taxonomy, const Options &options)
{
    AgreementAnalysis a;
    a.m_options = options;
    a.m_annotators = codersOf(annotations);
    if (a.m_annotators.size() < 2)
        throw UserError(QStringLiteral("agreement needs the annotations of at least two "
                                       "annotators; found %1%2")
                            .arg(a.m_annotators.size())
                            .arg(a.m_annotators.isEmpty()
                                     ? QString()
                                     : QStringLiteral(" (%1)").arg(a.m_annotators.first())));

    QList<Annotation> coded;
    QSet<QString> used;
    for (const Annotation &an : annotations)
        if (an.annotator != consensusAnnotator()) {
            coded.append(an);
            for (const QString &c : an.concepts)
                used.insert(c);
        }
    // Every concept an annotator could tick, and retired or unknown ones
    // that annotations still carry, in the taxonomy's order.
    QList<Concept> concepts;
    for (const Concept &c : taxonomy.concepts())
        if (!c.retired || used.contains(c.name))
            concepts.append(c);
    QStringList unknown;
    for (const QString &name : std::as_const(used))
        if (!taxonomy.find(name))
            unknown.append(name);
    unknown.sort();
    for (const QString &name : std::as_const(unknown))
        concepts.append(Concept{0, name, std::nullopt, QString(), false, {}});

    a.m_corpus = scope(QString(), coded, a.m_annotators, concepts, taxonomy, options);
    if (options.byFilm) {
        QMap<QString, QList<Annotation>> byFilm;
        for (const Annotation &an : std::as_const(coded))
            byFilm[an.movieId].append(an);
        for (auto it = byFilm.cbegin(); it != byFilm.cend(); ++it)
            a.m_films.append(
                scope(it.key(), it.value(), a.m_annotators, concepts, taxonomy, options));
    }
    return a;
}

AgreementScope AgreementAnalysis::scope(const QString &movieId,
                                        const QList<Annotation> &annotations,
                                        const QStringList &coders, const QList<Concept> &concepts,
                                        const Taxonomy &taxonomy, const Options &options)
{
    QHash<QString, int> coderIndex;
    for (int i = 0; i < coders.size(); ++i)
        coderIndex.insert(coders.at(i), i);
    // Clip name -> one annotation (or none) per coder, clips in name order.
    QMap<QString, std::vector<const Annotation *>> byClip;
    for (const Annotation &an : annotations) {
        auto &cells = byClip[an.clipName];
        cells.resize(size_t(coders.size()), nullptr);
        cells[size_t(coderIndex.value(an.annotator))] = &an;
    }

    auto table = [&](const std::function<double(const Annotation &)> &code) {
        ReliabilityData data(coders);
        for (const auto &cells : std::as_const(byClip)) {
            std::vector<std::optional<double>> unit(cells.size());
            for (size_t c = 0; c < cells.size(); ++c)
                if (cells[c])
                    unit[c] = code(*cells[c]);
            data.addUnit(unit);
        }
        return data;
    };

    AgreementScope s;
    s.movieId = movieId;
    s.clips = int(byClip.size());
    s.level =
        AgreementSummary::compute(table([](const Annotation &an) { return double(an.level); }),
                                  kLevelMetrics, true, options.bootstrap);
    s.concepts = concepts;
    for (const Concept &c : concepts) {
        const QString name = c.name;
        s.conceptSummaries.append(AgreementSummary::compute(
            table([&name](const Annotation &an) { return an.concepts.contains(name) ? 1.0 : 0.0; }),
            kPresenceMetrics, options.conceptKappas, options.bootstrap));
    }
    if (options.byModality)
        for (Modality m : kAllModalities)
            s.modalitySummaries.append(AgreementSummary::compute(
                table([&taxonomy, m](const Annotation &an) {
                    return taxonomy.modalitiesOf(an.concepts).contains(m) ? 1.0 : 0.0;
                }),
                kPresenceMetrics, true, options.bootstrap));
    return s;
}

QJsonObject AgreementAnalysis::toJson() const
{
    QJsonObject o = scopeJson(m_corpus);
    o.insert(QStringLiteral("annotators"), QJsonArray::fromStringList(m_annotators));
    QJsonObject bootstrap;
    bootstrap.insert(QStringLiteral("draws"), m_options.bootstrap.draws);
    bootstrap.insert(QStringLiteral("seed"), QString::number(m_options.bootstrap.seed));
    bootstrap.insert(QStringLiteral("level"), m_options.bootstrap.level);
    bootstrap.insert(QStringLiteral("resampled"), QStringLiteral("clips"));
    o.insert(QStringLiteral("bootstrap"), bootstrap);
    if (m_options.byFilm) {
        QJsonObject films;
        for (const AgreementScope &f : m_films)
            films.insert(f.movieId, scopeJson(f));
        o.insert(QStringLiteral("films"), films);
    }
    return o;
}

QString AgreementAnalysis::toText() const
{
    QString out = QStringLiteral("Agreement between %1 annotators (%2)\n")
                      .arg(m_annotators.size())
                      .arg(m_annotators.join(QStringLiteral(", ")));
    out += m_options.bootstrap.draws > 0
               ? QStringLiteral("Intervals: %1 % percentile bootstrap over clips, %2 draws, seed "
                                "%3. Clips: those annotated by two or more annotators.\n\n")
                     .arg(m_options.bootstrap.level * 100.0)
                     .arg(m_options.bootstrap.draws)
                     .arg(m_options.bootstrap.seed)
               : QStringLiteral("No bootstrap intervals. Clips: those annotated by two or more "
                                "annotators.\n\n");
    out += scopeText(m_corpus);
    for (const AgreementScope &f : m_films)
        out += u'\n' + scopeText(f);
    return out;
}

} // namespace ms::core
