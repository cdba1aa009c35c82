#pragma once

#include "core/featurematrix.h"

#include <QHash>
#include <QString>

namespace ms::core {

// Reads a .safetensors file: an 8-byte little-endian header length, a JSON
// header naming each tensor's dtype, shape and byte range, then the data.
// Each tensor (F32, F16, BF16 or F64; shape [tokens, dim] or [dim]) becomes
// a FeatureMatrix keyed by the tensor's name; "__metadata__" is skipped.
class SafetensorsReader
{
public:
    static QHash<QString, FeatureMatrix> read(const QString &path);
    static QHash<QString, FeatureMatrix> parse(const QByteArray &bytes, const QString &origin);
};

} // namespace ms::core
