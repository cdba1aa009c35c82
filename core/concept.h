#pragma once

#include "core/modality.h"

#include <QString>
#include <optional>

namespace ms::core {

// An explanatory concept of the taxonomy. A concept without a modality is one
// an import met that the taxonomy did not know: it is kept (never dropped) and
// counts towards no modality until the user assigns one.
struct Concept
{
    qint64 id = 0; // database id; 0 while not stored
    QString name;
    std::optional<Modality> modality;
    QString description;
    bool retired = false; // hidden from new annotations, kept on old ones
    // The key the user chose for it (one letter or digit); empty for the
    // default one (ConceptKeyMap).
    QString shortcut;
};

} // namespace ms::core
