#pragma once

#include "core/annotation.h"

#include <QList>

namespace ms::core {

// Whether the annotators of one clip disagree, on the level and on the
// concepts (compared as sets; notes do not count). The annotator "consensus"
// is not one of them: it is the adjudication of their disagreement.
struct ClipDisagreement
{
    int annotators = 0; // annotators compared (consensus left out)
    bool level = false;
    bool concepts = false;

    bool any() const { return level || concepts; }

    // `annotations`: every annotator's current annotation of one clip.
    static ClipDisagreement of(const QList<Annotation> &annotations);
};

} // namespace ms::core
