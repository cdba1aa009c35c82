#pragma once

#include "core/modality.h"

#include <QList>
#include <QString>
#include <QtGlobal>
#include <array>
#include <optional>
#include <vector>

namespace ms::db {

class SqliteDatabase;

// One token's rollout relevance, placed on the film's time line.
struct TokenRelevance
{
    int modality = 0; // core::Modality as int
    qint64 startMs = 0, endMs = 0;
    float relevance = 0;
};

// The explanation of one clip by one model (see models::Explainer).
struct ClipExplanation
{
    QString clip;                 // clip name (clips.name)
    double vFull = 0, vEmpty = 0; // model probability, all / no modality
    // Per-modality score, by core::Modality; nullopt = modality unused.
    std::array<std::optional<double>, 3> score;
    std::array<std::optional<double>, 3> phi;             // Shapley values
    std::array<std::optional<double>, 3> pairInteraction; // [0]=VA, [1]=VT, [2]=AT
    std::optional<double> threeWay, interactionShare;
    core::ModalitySet spurious, missed; // attribution errors, empty when none
    QString errorText;                  // the error in words, empty when none
    std::vector<TokenRelevance> tokens; // rollout relevance, film time
};

// What was explained: one result of a run (modalities, fusion, training set,
// fold) with one baseline for absent modalities.
struct ExplanationSet
{
    qint64 id = 0;
    qint64 runId = 0;
    qint64 resultId = 0;
    QString baseline; // mean, zeros, noise, drop
    core::ModalitySet modalities; // of the explained result
    QString fusion, trainSet;
    int fold = 0;
    QString createdAt;
    double threshold = 0.5; // attribution threshold used for the errors
};

// Stored explanations of a project's runs, so the timeline can draw a run's
// heatmap lanes and attribution errors at once without re-running a model.
// Token relevances are stored as one blob per clip (they are always read
// whole, per clip), everything else as columns so that it can be queried.
class ExplanationRepository
{
public:
    explicit ExplanationRepository(SqliteDatabase &db);

    // One transaction; replaces an earlier set with the same result and
    // baseline. Returns the new set's id.
    qint64 store(const ExplanationSet &set, const std::vector<ClipExplanation> &clips);
    QList<ExplanationSet> sets(qint64 runId);         // runId 0 = all; newest first
    std::vector<ClipExplanation> clips(qint64 setId); // by clip name
    std::optional<ClipExplanation> clip(qint64 setId, const QString &clipName);

private:
    SqliteDatabase &m_db;
};

} // namespace ms::db
