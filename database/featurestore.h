#pragma once

#include "core/extractorinfo.h"
#include "core/featurematrix.h"

#include <QHash>
#include <QList>
#include <QString>
#include <optional>

namespace ms::db {

class SqliteDatabase;

// A stored extractor with its database id.
struct StoredExtractor
{
    qint64 id = 0;
    core::ExtractorInfo info;
    int clips = 0; // clips with a matrix from it
    int dim = 0;   // of its matrices (0 when none)
};

// A planted span of the synthetic generator (ground truth for explanations).
struct PlantedSpanRow
{
    QString clipName;
    core::Modality modality;
    QString conceptName;
    int tokenStart;
    int tokenEnd;
};

// Feature matrices per clip and extractor. Matrices are stored as raw
// float32 blobs so loading a whole table for training is one pass of memcpy.
// put() and the planted-span writes run inside the caller's transaction, so
// a batch of imports either lands whole or not at all.
class FeatureStore
{
public:
    explicit FeatureStore(SqliteDatabase &db) : m_db(db) {}

    // The id of the extractor, stored if new.
    qint64 ensureExtractor(const core::ExtractorInfo &info);
    QList<StoredExtractor> extractors();
    std::optional<StoredExtractor> extractor(qint64 id);

    void put(qint64 clipId, qint64 extractorId, const core::FeatureMatrix &m,
             const QString &inputHash = {});
    std::optional<core::FeatureMatrix> get(qint64 clipId, qint64 extractorId);
    // The input hash stored with a clip's matrix; nullopt when there is none.
    std::optional<QString> inputHash(qint64 clipId, qint64 extractorId);
    // Every matrix of an extractor, by clip name.
    QHash<QString, core::FeatureMatrix> loadAll(qint64 extractorId);
    // Removes the extractor's matrices and planted spans (not the extractor).
    void clear(qint64 extractorId);

    void addPlantedSpan(qint64 clipId, qint64 extractorId, const QString &conceptName, int start,
                        int end);
    void clearPlantedSpans(qint64 clipId, qint64 extractorId);
    QList<PlantedSpanRow> plantedSpans(qint64 extractorId);

private:
    SqliteDatabase &m_db;
};

} // namespace ms::db
