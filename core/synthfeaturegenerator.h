#pragma once

#include "core/featurematrix.h"
#include "core/modality.h"

#include <QList>
#include <QString>
#include <array>

namespace ms::core {

// Semi-synthetic token features for annotation tables without media (the
// real ObyGaze12 table). Per clip and modality: Gaussian noise, plus a
// per-film offset (films differ, as real films do), plus, for each annotated
// concept of that modality, a fixed random direction of that concept added
// over a random contiguous span of tokens. The spans are returned so they
// can be stored as ground truth for explanation checks.
//
// Deterministic: every random draw is seeded from (seed, film / clip /
// concept name), so a clip's features do not depend on the other clips or on
// the order of generation. The generator never looks at a clip's level: only
// the concepts plant a signal.
class SynthFeatureGenerator
{
public:
    struct Options
    {
        quint64 seed = 0;
        std::array<int, 3> dims = {128, 128, 128}; // by Modality
        // Length of a concept direction in noise standard deviations: along it a
        // planted token stands `signal` std out from the noise.
        double signal = 2.0;
        double filmOffset = 0.5;  // std of the per-film offset per dimension
        std::array<int, 3> minTokens = {8, 4, 2};
        std::array<int, 3> maxTokens = {48, 30, 16};
        std::array<int, 3> tokenMs = {640, 2000, 2500}; // 16 frames at 25 fps; 2 s; a cue

        QString toJson() const;
    };
    struct ConceptRef
    {
        QString name;
        Modality modality;
    };
    struct PlantedSpan
    {
        Modality modality;
        QString conceptName;
        int tokenStart; // inclusive
        int tokenEnd;   // exclusive
    };
    struct Result
    {
        std::array<FeatureMatrix, 3> features; // by Modality
        QList<PlantedSpan> planted;
    };

    explicit SynthFeatureGenerator(Options o) : m_options(std::move(o)) {}
    const Options &options() const { return m_options; }

    Result generate(const QString &clipId, const QString &movieId,
                    const QList<ConceptRef> &concepts) const;

    static constexpr const char *kName = "synthetic";
    static constexpr const char *kVersion = "1";

private:
    Options m_options;
};

} // namespace ms::core
