#pragma once

#include "core/featurematrix.h"
#include "core/modality.h"

#include <QHash>
#include <QString>
#include <QStringList>
#include <array>
#include <vector>

namespace ms::db {
class SqliteDatabase;
}

namespace ms::models {

// The token features a model reads: for each clip (in a fixed order) one
// matrix per modality, all from one extractor per modality. Loaded once per
// run and shared read-only by every model trained in it.
class FeatureSet
{
public:
    // Clips that have a matrix for every modality in `needed`, from the
    // extractor of each modality with the most clips (the newest on a tie).
    // Throws UserError naming the project and the missing modality.
    static FeatureSet load(db::SqliteDatabase &db, core::ModalitySet needed);

    int size() const { return int(m_clips.size()); }
    const QStringList &clips() const { return m_clips; }
    int indexOf(const QString &clip) const { return m_index.value(clip, -1); }
    core::ModalitySet modalities() const { return m_modalities; }
    int dim(core::Modality m) const { return m_dims[size_t(m)]; }
    const core::FeatureMatrix &matrix(core::Modality m, int clip) const
    {
        return m_features[size_t(m)][size_t(clip)];
    }
    // "synthetic v1 (SYNTHETIC)" style label of the modality's extractor.
    QString extractorLabel(core::Modality m) const { return m_labels[size_t(m)]; }
    // True when any modality's features are synthetic: results must say so.
    bool synthetic() const { return m_synthetic; }
    // SHA-256 over clip names, shapes and feature bytes: recorded with runs.
    QString hash() const;

    // Built directly by tests.
    void add(const QString &clip, std::array<core::FeatureMatrix, 3> features);
    void setModalities(core::ModalitySet set, std::array<int, 3> dims);

private:
    QStringList m_clips;
    QHash<QString, int> m_index;
    core::ModalitySet m_modalities;
    std::array<int, 3> m_dims{};
    std::array<std::vector<core::FeatureMatrix>, 3> m_features;
    std::array<QString, 3> m_labels;
    bool m_synthetic = false;
};

} // namespace ms::models
