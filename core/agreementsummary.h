#pragma once

#include "core/kapparesult.h"
#include "core/krippendorffalpha.h"
#include "core/reliabilitydata.h"
#include "core/unitbootstrap.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QtGlobal>
#include <optional>

namespace ms::core {

struct BootstrapSettings
{
    int draws = 1000; // 0: no intervals
    quint64 seed = 1;
    double level = 0.95;
};

struct AlphaEstimate
{
    AlphaMetric metric = AlphaMetric::Nominal;
    AlphaResult result;
    std::optional<BootstrapInterval> interval;
};

struct KappaEstimate
{
    QString annotatorA, annotatorB; // empty for Fleiss' kappa
    KappaResult result;
    std::optional<BootstrapInterval> interval;
};

// Every agreement figure of one coded variable (the level, one concept, one
// modality) over one set of clips: Krippendorff's alpha for the asked
// metrics, and optionally Cohen's kappa for each pair of annotators and
// Fleiss' kappa, each with its bootstrap interval over clips.
struct AgreementSummary
{
    int units = 0;      // clips with two or more values
    int values = 0;     // values in those clips
    int annotators = 0; // annotators with at least one value in those clips
    QList<AlphaEstimate> alphas;
    bool hasKappas = false;
    QList<KappaEstimate> cohen; // one per pair, in annotator order
    KappaEstimate fleiss;

    static AgreementSummary compute(const ReliabilityData &data, const QList<AlphaMetric> &metrics,
                                    bool withKappas, const BootstrapSettings &bootstrap);
    const AlphaEstimate *alpha(AlphaMetric metric) const;

    // "krippendorff_alpha_<metric>" (null when undefined) with
    // "_interval" [low, high] and "_undefined" (the reason) beside it,
    // "units", "values", "annotators", and with kappas "cohen_kappa" (a list
    // of pairs) and "fleiss_kappa".
    QJsonObject toJson() const;
};

} // namespace ms::core
