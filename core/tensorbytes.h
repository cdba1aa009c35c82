#pragma once

#include <QByteArray>
#include <QString>
#include <vector>

namespace ms::core {

// Element types found in .npy and .safetensors files.
enum class TensorDType { F16, BF16, F32, F64 };

// Converts `count` elements of `dtype` at `src` (byte order as given) to
// float32. Shared by the .npy and .safetensors readers.
std::vector<float> tensorToFloat(const char *src, qsizetype count, TensorDType dtype,
                                 bool bigEndian);
int dtypeSize(TensorDType dtype);

} // namespace ms::core
