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

// Greedy largest-first leaves folds up to one film apart (102 clips for the
// ObyGaze12 films in 5 folds). A local search then moves one film, or swaps
// two, between any two folds while that lowers the sum of squared fold sizes
// (the spread around the mean), never emptying a fold. It stops at a local
// optimum; with a dozen films that takes a few hundred steps at most.
static void improveBalance(QList<QStringList> &groups, QList<int> &sizes,
                           const QMap<QString, int> &clipsPerFilm)
{
    const int k = int(groups.size());
    // Squared sizes change by 2*d*(s_to - s_from + d) when d clips move.
    auto gain = [&](int from, int to, qint64 d) {
        return 2 * d * (qint64(sizes[from]) - sizes[to] - d);
    };
    bool improved = true;
    for (int steps = 0; improved && steps < 10000; ++steps) {
        improved = false;
        for (int from = 0; from < k && !improved; ++from) {
            for (int to = 0; to < k && !improved; ++to) {
                if (from == to)
                    continue;
                for (int i = 0; i < groups[from].size() && !improved; ++i) {
                    const int a = clipsPerFilm.value(groups[from][i]);
                    if (groups[from].size() > 1 && gain(from, to, a) > 0) {
                        groups[to].append(groups[from].takeAt(i));
                        sizes[from] -= a;
                        sizes[to] += a;
                        improved = true;
                        break;
                    }
                    for (int j = 0; j < groups[to].size(); ++j) {
                        const int b = clipsPerFilm.value(groups[to][j]);
                        if (a > b && gain(from, to, a - b) > 0) {
                            std::swap(groups[from][i], groups[to][j]);
                            sizes[from] += b - a;
                            sizes[to] += a - b;
                            improved = true;
                            break;
                        }
                    }
                }
            }
        }
    }
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
    improveBalance(groups, sizes, clipsPerFilm);
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
