#include "core/agreementsummary.h"

#include "core/cohenkappa.h"
#include "core/fleisskappa.h"

#include <QJsonArray>

namespace ms::core {

namespace {

QJsonValue number(const std::optional<double> &v)
{
    return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null);
}

QJsonValue intervalJson(const std::optional<BootstrapInterval> &i)
{
    if (!i)
        return QJsonValue(QJsonValue::Null);
    return QJsonArray{i->low, i->high};
}

QJsonObject kappaJson(const KappaEstimate &k)
{
    QJsonObject o;
    if (!k.annotatorA.isEmpty())
        o.insert(QStringLiteral("annotators"), QJsonArray{k.annotatorA, k.annotatorB});
    o.insert(QStringLiteral("units"), k.result.units);
    o.insert(QStringLiteral("kappa"), number(k.result.kappa));
    o.insert(QStringLiteral("interval"), intervalJson(k.interval));
    o.insert(QStringLiteral("applicable"), k.result.applicable);
    if (!k.result.reason.isEmpty())
        o.insert(QStringLiteral("note"), k.result.reason);
    return o;
}

} // namespace

AgreementSummary AgreementSummary::compute(const ReliabilityData &data,
                                           const QList<AlphaMetric> &metrics, bool withKappas,
                                           const BootstrapSettings &bootstrap)
{
    AgreementSummary s;
    const ReliabilityData pairable = data.pairableUnits();
    s.units = pairable.unitCount();
    for (int c = 0; c < pairable.coderCount(); ++c) {
        bool coded = false;
        for (int u = 0; u < pairable.unitCount() && !coded; ++u)
            coded = pairable.value(u, c).has_value();
        s.annotators += coded ? 1 : 0;
    }
    for (int u = 0; u < pairable.unitCount(); ++u)
        s.values += pairable.valueCount(u);

    auto interval = [&](const ReliabilityData &sample, const UnitBootstrap::Statistic &statistic,
                        bool defined) -> std::optional<BootstrapInterval> {
        if (!defined)
            return std::nullopt;
        return UnitBootstrap::interval(sample, statistic, bootstrap.draws, bootstrap.seed,
                                       bootstrap.level);
    };

    for (AlphaMetric m : metrics) {
        AlphaEstimate e;
        e.metric = m;
        e.result = KrippendorffAlpha::compute(pairable, m);
        e.interval = interval(
            pairable,
            [m](const ReliabilityData &d) { return KrippendorffAlpha::compute(d, m).alpha; },
            e.result.alpha.has_value());
        s.alphas.append(e);
    }
    if (!withKappas)
        return s;
    s.hasKappas = true;
    for (int a = 0; a < data.coderCount(); ++a)
        for (int b = a + 1; b < data.coderCount(); ++b) {
            KappaEstimate k;
            k.annotatorA = data.coders().at(a);
            k.annotatorB = data.coders().at(b);
            const ReliabilityData both = data.coderPair(a, b);
            k.result = CohenKappa::compute(both, 0, 1);
            k.interval = interval(
                both, [](const ReliabilityData &d) { return CohenKappa::compute(d, 0, 1).kappa; },
                k.result.kappa.has_value());
            s.cohen.append(k);
        }
    // Fleiss' kappa is only applicable when every clip with a value has the
    // same number of values; then those are exactly the pairable clips.
    s.fleiss.result = FleissKappa::compute(data);
    s.fleiss.interval = interval(
        pairable, [](const ReliabilityData &d) { return FleissKappa::compute(d).kappa; },
        s.fleiss.result.kappa.has_value());
    return s;
}

const AlphaEstimate *AgreementSummary::alpha(AlphaMetric metric) const
{
    for (const AlphaEstimate &e : alphas)
        if (e.metric == metric)
            return &e;
    return nullptr;
}

QJsonObject AgreementSummary::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("units"), units);
    o.insert(QStringLiteral("values"), values);
    o.insert(QStringLiteral("annotators"), annotators);
    for (const AlphaEstimate &e : alphas) {
        const QString key =
            QStringLiteral("krippendorff_alpha_") + KrippendorffAlpha::metricName(e.metric);
        o.insert(key, number(e.result.alpha));
        o.insert(key + QStringLiteral("_interval"), intervalJson(e.interval));
        if (!e.result.alpha)
            o.insert(key + QStringLiteral("_undefined"), e.result.undefinedReason);
    }
    if (hasKappas) {
        QJsonArray pairs;
        for (const KappaEstimate &k : cohen)
            pairs.append(kappaJson(k));
        o.insert(QStringLiteral("cohen_kappa"), pairs);
        o.insert(QStringLiteral("fleiss_kappa"), kappaJson(fleiss));
    }
    return o;
}

} // namespace ms::core
