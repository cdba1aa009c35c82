#pragma once

#include "core/modality.h"

#include <QString>

namespace ms::core {

// Who made a feature matrix: stored with every matrix so features of
// different extractors, versions or parameters never mix, and so synthetic
// features are always known (and shown) as synthetic.
struct ExtractorInfo
{
    QString name;    // "builtin-visual", "synthetic", "npy:xclip", ...
    QString version; // of the extractor's code or of the imported files
    QString params;  // JSON text of the parameters
    Modality modality = Modality::Visual;
    bool synthetic = false;

    // SHA-256 (hex) of `params`: part of the extractor's identity.
    QString paramsHash() const;
    // "synthetic (SYNTHETIC) v1 visual" style label for people.
    QString label() const;
};

} // namespace ms::core
