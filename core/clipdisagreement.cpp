#include "core/clipdisagreement.h"

#include "core/labelrule.h"

#include <QSet>

namespace ms::core {

ClipDisagreement ClipDisagreement::of(const QList<Annotation> &annotations)
{
    ClipDisagreement d;
    const Annotation *first = nullptr;
    QSet<QString> firstConcepts;
    for (const Annotation &a : annotations) {
        if (a.annotator == LabelRule::consensusAnnotator())
            continue;
        ++d.annotators;
        const QSet<QString> concepts(a.concepts.cbegin(), a.concepts.cend());
        if (!first) {
            first = &a;
            firstConcepts = concepts;
            continue;
        }
        d.level = d.level || a.level != first->level;
        d.concepts = d.concepts || concepts != firstConcepts;
    }
    return d;
}

} // namespace ms::core
