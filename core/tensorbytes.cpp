#include "core/tensorbytes.h"

#include <QFloat16>
#include <QtEndian>
#include <cstring>

namespace ms::core {

int dtypeSize(TensorDType dtype)
{
    switch (dtype) {
    case TensorDType::F16:
    case TensorDType::BF16:
        return 2;
    case TensorDType::F32:
        return 4;
    case TensorDType::F64:
        return 8;
    }
    return 0;
}

std::vector<float> tensorToFloat(const char *src, qsizetype count, TensorDType dtype,
                                 bool bigEndian)
{
    std::vector<float> out(static_cast<size_t>(count));
    const auto u16 = [&](qsizetype i) {
        return bigEndian ? qFromBigEndian<quint16>(src + 2 * i) : qFromLittleEndian<quint16>(src + 2 * i);
    };
    switch (dtype) {
    case TensorDType::F16:
        for (qsizetype i = 0; i < count; ++i) {
            const quint16 bits = u16(i);
            qfloat16 h;
            std::memcpy(&h, &bits, 2);
            out[size_t(i)] = float(h);
        }
        break;
    case TensorDType::BF16:
        for (qsizetype i = 0; i < count; ++i) {
            const quint32 bits = quint32(u16(i)) << 16;
            std::memcpy(&out[size_t(i)], &bits, 4);
        }
        break;
    case TensorDType::F32:
        for (qsizetype i = 0; i < count; ++i) {
            const quint32 bits = bigEndian ? qFromBigEndian<quint32>(src + 4 * i)
                                           : qFromLittleEndian<quint32>(src + 4 * i);
            std::memcpy(&out[size_t(i)], &bits, 4);
        }
        break;
    case TensorDType::F64:
        for (qsizetype i = 0; i < count; ++i) {
            const quint64 bits = bigEndian ? qFromBigEndian<quint64>(src + 8 * i)
                                           : qFromLittleEndian<quint64>(src + 8 * i);
            double d;
            std::memcpy(&d, &bits, 8);
            out[size_t(i)] = float(d);
        }
        break;
    }
    return out;
}

} // namespace ms::core
