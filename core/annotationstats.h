#pragma once

#include "core/annotation.h"
#include "core/taxonomy.h"

#include <QJsonObject>
#include <QList>
#include <QMap>

namespace ms::core {

// Counts behind the paper's label-distribution and modality-distribution
// figures: per film the clips at each level, and the clips carrying at least
// one concept of each modality.
struct FilmStats
{
    QString movieId;
    int clips = 0;
    int unannotated = 0;
    int perLevel[3] = {0, 0, 0}; // indexed by Level
    int perModality[3] = {0, 0, 0}; // indexed by Modality
};

struct AnnotationStats
{
    QList<FilmStats> films; // sorted by film id
    FilmStats total;        // movieId "all"

    // `clipsPerFilm` counts every clip, annotated or not.
    static AnnotationStats compute(const QMap<QString, int> &clipsPerFilm,
                                   const QList<Annotation> &annotations, const Taxonomy &taxonomy);
    QJsonObject toJson() const;
    QString toText() const; // an aligned table for the terminal
};

} // namespace ms::core
