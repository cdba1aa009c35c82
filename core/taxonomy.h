#pragma once

#include "core/concept.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace ms::core {

// The project's concept taxonomy: concepts in display order, each tied to a
// modality. Names are compared after normaliseName(), so " Exp of  emotion"
// written by an expert matches "Exp of emotion".
class Taxonomy
{
public:
    Taxonomy() = default;
    explicit Taxonomy(QList<Concept> concepts) : m_concepts(std::move(concepts)) {}

    // The multimodal objectification thesaurus shipped as a resource.
    static Taxonomy defaultTaxonomy();
    // Reads {"concepts":[{"name","modality","description","key"}]} ("key"
    // optional, see ConceptKeyMap); throws UserError
    // naming `origin` on malformed input, unknown modality or duplicate names.
    static Taxonomy fromJson(const QByteArray &json, const QString &origin);
    QByteArray toJson() const;

    // Trim and fold inner white space; case is kept (names are shown as is).
    static QString normaliseName(const QString &name);

    const QList<Concept> &concepts() const & { return m_concepts; }
    QList<Concept> &concepts() & { return m_concepts; }
    // On a temporary (`repo.load().concepts()` in a range-for) return a copy
    // rather than a reference that would dangle.
    QList<Concept> concepts() && { return std::move(m_concepts); }
    // nullptr when no concept has that (normalised) name.
    const Concept *find(const QString &name) const;
    const Concept *findById(qint64 id) const;
    // Modalities of the named concepts; unknown or unassigned names add none.
    ModalitySet modalitiesOf(const QStringList &conceptNames) const;

private:
    QList<Concept> m_concepts;
};

} // namespace ms::core
