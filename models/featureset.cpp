#include "models/featureset.h"

#include "core/error.h"
#include "database/featurestore.h"
#include "database/sqlitedatabase.h"

#include <QCryptographicHash>

namespace ms::models {

FeatureSet FeatureSet::load(db::SqliteDatabase &db, core::ModalitySet needed)
{
    db::FeatureStore store(db);
    const QList<db::StoredExtractor> all = store.extractors();
    FeatureSet set;
    set.m_modalities = needed;
    std::array<QHash<QString, core::FeatureMatrix>, 3> loaded;
    for (core::Modality m : core::kAllModalities) {
        if (!needed.contains(m))
            continue;
        const db::StoredExtractor *best = nullptr;
        for (const auto &e : all)
            if (e.info.modality == m && e.clips > 0 &&
                (!best || e.clips > best->clips || (e.clips == best->clips && e.id > best->id)))
                best = &e;
        if (!best)
            throw core::UserError(
                QStringLiteral("%1: the project has no %2 features; import them "
                               "(import-features) or make synthetic ones (synth-features)")
                    .arg(db.path(), core::modalityName(m)));
        loaded[size_t(m)] = store.loadAll(best->id);
        set.m_dims[size_t(m)] = best->dim;
        set.m_labels[size_t(m)] = best->info.label();
        set.m_synthetic = set.m_synthetic || best->info.synthetic;
    }
    // A stable clip order (by name) so that indexes, and the batches built
    // from them, do not depend on hash-table order.
    QStringList names;
    for (core::Modality m : core::kAllModalities)
        if (needed.contains(m)) {
            names = loaded[size_t(m)].keys();
            break;
        }
    names.sort();
    for (const QString &clip : names) {
        bool complete = true;
        for (core::Modality m : core::kAllModalities)
            complete = complete && (!needed.contains(m) || loaded[size_t(m)].contains(clip));
        if (!complete)
            continue;
        std::array<core::FeatureMatrix, 3> f;
        for (core::Modality m : core::kAllModalities)
            if (needed.contains(m))
                f[size_t(m)] = std::move(loaded[size_t(m)][clip]);
        set.add(clip, std::move(f));
    }
    return set;
}

void FeatureSet::setModalities(core::ModalitySet set, std::array<int, 3> dims)
{
    m_modalities = set;
    m_dims = dims;
}

void FeatureSet::add(const QString &clip, std::array<core::FeatureMatrix, 3> features)
{
    m_index.insert(clip, int(m_clips.size()));
    m_clips.append(clip);
    for (size_t m = 0; m < 3; ++m)
        m_features[m].push_back(std::move(features[m]));
}

QString FeatureSet::hash() const
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    for (int i = 0; i < size(); ++i) {
        h.addData(m_clips[i].toUtf8());
        for (core::Modality m : core::kAllModalities) {
            if (!m_modalities.contains(m))
                continue;
            const auto &f = matrix(m, i);
            const qint32 shape[2] = {f.tokens, f.dim};
            h.addData(QByteArrayView(reinterpret_cast<const char *>(shape), sizeof shape));
            h.addData(QByteArrayView(reinterpret_cast<const char *>(f.data.data()),
                                     qsizetype(f.data.size() * sizeof(float))));
        }
    }
    return QString::fromLatin1(h.result().toHex());
}

} // namespace ms::models
