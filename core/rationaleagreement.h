#pragma once

#include "core/modality.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <array>
#include <optional>
#include <vector>

namespace ms::core {

// Rationale agreement (issue 16): how often a model's attribution agrees
// with the modalities the experts gave (those of the concepts ticked on a
// clip), on the clips of one explanation set. Two measures per clip:
//   top  the modality with the largest Shapley value is one the experts gave
//        (a tie for the largest value names no modality and does not agree);
//   all  every modality the experts gave gets an attribution (Shapley value)
//        at or above the threshold, the one the attribution errors use
//        (db::ExplanationSet::threshold, AttributionThresholds::spurious).
// Modalities the model does not read are left out of the experts' set; a
// clip whose experts gave none of the model's modalities (no concept, or
// only concepts of other modalities) has no rationale to agree with and is
// not counted. Films and concepts tally the counted clips they hold (a clip
// counts for every concept ticked on it in a modality the model reads); the
// corpus tallies every counted clip.
struct RationaleTally
{
    int clips = 0;
    int top = 0; // clips whose top modality is one the experts gave
    int all = 0; // clips where every expert modality is above the threshold
    std::optional<double> topShare() const;
    std::optional<double> allShare() const;
    void add(bool topAgrees, bool allAbove);
};

struct RationaleConcept
{
    QString name;
    std::optional<Modality> modality; // nullopt: the taxonomy gives it none
};

struct RationaleInput
{
    QString clip, movieId;
    std::array<std::optional<double>, 3> phi; // by Modality; nullopt: unused
    QList<RationaleConcept> concepts;         // ticked on the clip
};

struct RationaleClip
{
    QString clip, movieId;
    QStringList concepts;
    bool counted = false;        // the experts gave a modality the model reads
    ModalitySet experts;         // restricted to the model's modalities
    std::optional<Modality> top; // largest Shapley value (nullopt: no phi, or a tie)
    bool topAgrees = false, allAbove = false;
    ModalitySet below; // expert modalities under the threshold
    // In words: "top visual (0.41) is the experts'; text 0.03 below 0.10".
    QString describe(double threshold) const;
};

struct RationaleAgreement
{
    double threshold = 0.1;
    ModalitySet modalities;                         // the model's
    std::vector<RationaleClip> clips;               // every clip given, counted or not
    QList<QPair<QString, RationaleTally>> films;    // by movie id
    QList<QPair<QString, RationaleTally>> concepts; // by concept name
    RationaleTally corpus;
    int uncounted = 0;

    static RationaleAgreement compute(const std::vector<RationaleInput> &clips,
                                      ModalitySet modelModalities, double threshold);
    // nullptr when the clip is not among clips.
    const RationaleClip *clip(const QString &name) const;
    QJsonObject toJson() const;
    QString toText() const;
};

} // namespace ms::core
