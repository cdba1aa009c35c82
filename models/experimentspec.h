#pragma once

#include "core/modality.h"
#include "database/runrepository.h"
#include "models/perceiverconfig.h"
#include "models/trainoptions.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace ms::models {

enum class Fusion { None, Early, Late };
QString fusionName(Fusion f); // "none", "early", "late"
std::optional<Fusion> parseFusion(const QString &text);

// One row of the paper's Table 1: a set of input modalities and how they
// are fused. Unimodal entries have Fusion::None.
struct GridEntry
{
    core::ModalitySet modalities;
    Fusion fusion = Fusion::None;
    bool operator==(const GridEntry &) const = default;
};

// What an experiment (or a single `train`) runs: grid entries x training
// sets ("CMAD", "CMSD") x folds, every entry tested on the CMSD of its own
// modalities. Under CMSD each component model trains on the CMSD of its own
// inputs (a vision branch on V-CMSD, a vision-audio pair on AV-CMSD).
struct ExperimentSpec
{
    QList<GridEntry> entries;
    QStringList trainSets = {QStringLiteral("CMAD"), QStringLiteral("CMSD")};
    int folds = 5;
    QList<int> onlyFolds; // empty: all folds
    quint64 seed = 0;
    PerceiverConfig model;
    TrainOptions train;
    QString kind = QStringLiteral("experiment");
    QString label;
    // Which annotation each clip's label comes from (recorded in the run).
    core::LabelRule labelRule;
    // Paper-sized weights take about 4 MB per model in the project file.
    bool storeWeights = true;

    // What a person chooses, in the panel or on the command line; the
    // builders below turn it into a spec the same way everywhere.
    struct Options
    {
        QStringList trainSets; // empty: the builder's default
        int folds = 5;
        QList<int> onlyFolds;
        quint64 seed = 0;   // of the folds and of training
        bool quick = false; // the small model and the quick recipe
        int maxEpochs = 0;  // 0: the recipe's
        int patience = 0;   // 0: the recipe's
        QString device = QStringLiteral("auto");
        QString amp = QStringLiteral("off"); // or "bf16" (CUDA only)
        bool storeWeights = true;
        QString kind; // empty: "train" for single(), "experiment" for paper()
        core::LabelRule labelRule;
    };
    // One grid entry over the folds, trained on CMSD unless said otherwise,
    // labelled "AV early on CMSD". Throws UserError for an invalid entry.
    static ExperimentSpec single(const GridEntry &entry, const Options &options);
    // The paper's Table 1 (or `entries` of it) on CMAD and CMSD, labelled
    // "Table 1 grid, 5 folds". Throws UserError for an invalid entry.
    static ExperimentSpec paper(const Options &options, const QList<GridEntry> &entries = {});

    // V, A, T, AV early/late, AT early/late, AVT early/late: the paper's grid.
    static QList<GridEntry> paperGrid();
    // Validates entries (a unimodal entry has no fusion, a multimodal one has).
    // Throws UserError.
    void validate() const;
    // As the runs registry records it (extractors are added by the runner,
    // which knows what it loaded).
    db::RunConfig runConfig() const;

    // Everything above, for a bundle that runs the spec elsewhere (a Slurm
    // cluster): fromJson(toJson()) is the same spec. fromJson throws
    // UserError for what it cannot read.
    QJsonObject toJson() const;
    static ExperimentSpec fromJson(const QJsonObject &o);
};

} // namespace ms::models
