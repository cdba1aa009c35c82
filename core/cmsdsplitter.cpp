#include "core/cmsdsplitter.h"

#include "core/error.h"
#include "core/splitmix64.h"

#include <algorithm>
#include <numeric>

namespace ms::core {

FoldAssignment::Role FoldAssignment::role(const QString &film, int fold) const
{
    const int f = foldOfFilm.value(film, -1);
    if (f == fold)
        return Role::Test;
    if (f == validationFold(fold))
        return Role::Validation;
    return Role::Train;
}

namespace cmsd {

const QList<CmsdDataset> &datasets()
{
    using M = Modality;
    static const QList<CmsdDataset> all = [] {
        QList<CmsdDataset> d;
        d.append({QStringLiteral("CMAD"), true, {}});
        for (ModalitySet s : {ModalitySet{M::Visual}, ModalitySet{M::Audio}, ModalitySet{M::Text},
                              ModalitySet{M::Audio, M::Visual}, ModalitySet{M::Audio, M::Text},
                              ModalitySet{M::Visual, M::Text},
                              ModalitySet{M::Audio, M::Visual, M::Text}})
            d.append({s.letters() + QStringLiteral("-CMSD"), false, s});
        return d;
    }();
    return all;
}

const CmsdDataset *datasetByName(const QString &name)
{
    for (const CmsdDataset &d : datasets())
        if (d.name.compare(name, Qt::CaseInsensitive) == 0)
            return &d;
    return nullptr;
}

int target(const CmsdDataset &dataset, Level level, ModalitySet conceptModalities)
{
    if (level == Level::EasyNegative)
        return 0;
    if (dataset.isCmad)
        return 1;
    return conceptModalities.intersects(dataset.modalities) ? 1 : 0;
}

FoldAssignment assignFolds(const QMap<QString, int> &clipsPerFilm, int k, quint64 seed)
{
    if (k < 2)
        throw UserError(QStringLiteral("--folds must be at least 2 (got %1)").arg(k));
    if (clipsPerFilm.size() < k)
        throw UserError(QStringLiteral("%1 folds need at least %1 films with annotated clips; "
                                       "the project has %2")
                            .arg(k)
                            .arg(clipsPerFilm.size()));
    struct Item
    {
        QString film;
        int clips;
        quint64 tie;
    };
    SplitMix64 rng(seed);
    QList<Item> items;
    for (auto it = clipsPerFilm.cbegin(); it != clipsPerFilm.cend(); ++it)
        items.append({it.key(), it.value(), rng.next()});
    // Largest first (LPT), seeded order among equals: near-equal fold sizes.
    std::sort(items.begin(), items.end(), [](const Item &a, const Item &b) {
        return a.clips != b.clips ? a.clips > b.clips : a.tie < b.tie;
    });
    QList<QStringList> groups(k);
    QList<int> sizes(k, 0);
    for (const Item &item : items) {
        const auto smallest = std::min_element(sizes.begin(), sizes.end()) - sizes.begin();
        groups[smallest].append(item.film);
        sizes[smallest] += item.clips;
    }
    // The seed also decides which group becomes which fold index, so that
    // different seeds pair different test and validation films.
    QList<int> perm(k);
    std::iota(perm.begin(), perm.end(), 0);
    for (int i = k - 1; i > 0; --i)
        std::swap(perm[i], perm[int(rng.below(quint64(i + 1)))]);

    FoldAssignment fa;
    fa.k = k;
    fa.seed = seed;
    fa.filmsPerFold.resize(k);
    fa.clipsPerFold.resize(k);
    for (int g = 0; g < k; ++g) {
        const int fold = perm[g];
        QStringList films = groups[g];
        films.sort();
        fa.filmsPerFold[fold] = films;
        fa.clipsPerFold[fold] = sizes[g];
        for (const QString &f : films)
            fa.foldOfFilm.insert(f, fold);
    }
    return fa;
}

} // namespace cmsd
} // namespace ms::core
