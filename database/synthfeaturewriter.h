#pragma once

#include "core/synthfeaturegenerator.h"

namespace ms::db {

class ProjectDatabase;

// Writes SYNTHETIC features (core::SynthFeatureGenerator) for every clip of
// a project, from its effective annotations and its own taxonomy: one
// extractor per modality, the planted concept spans with them, all in one
// transaction. A clip whose film and concepts per modality are unchanged is
// not generated again.
struct SynthFeatureWriter
{
    struct Report
    {
        int generated = 0, unchanged = 0, planted = 0;
    };
    // Throws UserError when the project has no clips.
    static Report write(ProjectDatabase &project, const core::SynthFeatureGenerator::Options &options);
};

} // namespace ms::db
