#pragma once

#include "core/level.h"
#include "core/modality.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace ms::core {

// One dataset of the paper: CMAD (the legacy labels) or an M-CMSD for a set M
// of modalities.
struct CmsdDataset
{
    QString name; // "CMAD", "V-CMSD", ..., "AVT-CMSD"
    bool isCmad = false;
    ModalitySet modalities; // empty for CMAD
};

// How films are dealt into K folds. Fold k's test films are fold k, its
// validation films fold (k+1) mod K, its training films the rest.
struct FoldAssignment
{
    enum class Role { Train, Validation, Test };

    int k = 0;
    quint64 seed = 0;
    QList<QStringList> filmsPerFold; // sorted film ids per fold
    QList<int> clipsPerFold;
    QMap<QString, int> foldOfFilm;

    int validationFold(int fold) const { return (fold + 1) % k; }
    Role role(const QString &film, int fold) const;
};

// The split rules of Ancarani et al., as pure functions.
//  - CMAD: positives are HN and S clips, negatives EN clips.
//  - M-CMSD: positives are HN or S clips with at least one concept whose
//    modality is in M; negatives are all other annotated clips (EN, and HN/S
//    lacking such a concept).
namespace cmsd {

// CMAD, V, A, T, AV, AT, VT, AVT (-CMSD), in that order.
const QList<CmsdDataset> &datasets();
// nullptr when no dataset has that name.
const CmsdDataset *datasetByName(const QString &name);
// 1 for a positive, 0 for a negative; `conceptModalities` are the modalities
// of the clip's annotated concepts under the current taxonomy.
int target(const CmsdDataset &dataset, Level level, ModalitySet conceptModalities);

// Deals films into k folds balanced by clip count, deterministic for a seed:
// the seed orders films of equal size and decides which group of films gets
// which fold index. Throws UserError when there are fewer films than folds.
FoldAssignment assignFolds(const QMap<QString, int> &clipsPerFilm, int k, quint64 seed);

} // namespace cmsd
} // namespace ms::core
