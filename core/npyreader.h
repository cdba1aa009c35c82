#pragma once

#include "core/featurematrix.h"

#include <QByteArray>
#include <QString>

namespace ms::core {

// Reads NumPy .npy arrays (format versions 1-3) of float32, float16 or
// float64, little- or big-endian, C or Fortran order, shape [tokens, dim] or
// [dim] (one token), into a FeatureMatrix without spans. Anything else is a
// UserError naming the file and what is wrong with it.
class NpyReader
{
public:
    static FeatureMatrix read(const QString &path);
    static FeatureMatrix parse(const QByteArray &bytes, const QString &origin);
};

} // namespace ms::core
