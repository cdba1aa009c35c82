#include "core/safetensorsreader.h"

#include "core/csv.h"
#include "core/error.h"
#include "core/tensorbytes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtEndian>

namespace ms::core {

QHash<QString, FeatureMatrix> SafetensorsReader::read(const QString &path)
{
    return parse(csv::readFile(path), path);
}

QHash<QString, FeatureMatrix> SafetensorsReader::parse(const QByteArray &bytes, const QString &origin)
{
    auto fail = [&](const QString &why) {
        throw UserError(QStringLiteral("%1: not a usable .safetensors file: %2").arg(origin, why));
    };
    if (bytes.size() < 8)
        fail(QStringLiteral("shorter than its 8-byte header length"));
    const quint64 n = qFromLittleEndian<quint64>(bytes.constData());
    if (n > quint64(bytes.size() - 8))
        fail(QStringLiteral("the header length %1 runs past the end of the file").arg(n));
    QJsonParseError perr;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes.mid(8, qsizetype(n)), &perr);
    if (perr.error != QJsonParseError::NoError || !doc.isObject())
        fail(QStringLiteral("the JSON header is malformed (%1)").arg(perr.errorString()));
    const qsizetype base = 8 + qsizetype(n);
    const qsizetype dataSize = bytes.size() - base;
    QHash<QString, FeatureMatrix> out;
    const QJsonObject header = doc.object();
    for (auto it = header.begin(); it != header.end(); ++it) {
        if (it.key() == u"__metadata__")
            continue;
        const QJsonObject t = it.value().toObject();
        const QString dt = t.value(QStringLiteral("dtype")).toString();
        TensorDType dtype = TensorDType::F32; // set below or refused
        if (dt == u"F32")
            dtype = TensorDType::F32;
        else if (dt == u"F16")
            dtype = TensorDType::F16;
        else if (dt == u"BF16")
            dtype = TensorDType::BF16;
        else if (dt == u"F64")
            dtype = TensorDType::F64;
        else
            fail(QStringLiteral("tensor '%1' has dtype '%2'; expected F32, F16, BF16 or F64")
                     .arg(it.key(), dt));
        const QJsonArray shape = t.value(QStringLiteral("shape")).toArray();
        const QJsonArray offsets = t.value(QStringLiteral("data_offsets")).toArray();
        FeatureMatrix m;
        if (shape.size() == 1) {
            m.tokens = 1;
            m.dim = shape[0].toInt();
        } else if (shape.size() == 2) {
            m.tokens = shape[0].toInt();
            m.dim = shape[1].toInt();
        } else {
            fail(QStringLiteral("tensor '%1' has %2 dimensions; expected [tokens, dim] or [dim]")
                     .arg(it.key())
                     .arg(shape.size()));
        }
        if (m.tokens <= 0 || m.dim <= 0 || offsets.size() != 2)
            fail(QStringLiteral("tensor '%1' has an empty shape or no data_offsets").arg(it.key()));
        const qint64 begin = offsets[0].toInteger(), end = offsets[1].toInteger();
        const qint64 count = qint64(m.tokens) * m.dim;
        // count * size overflows for shapes near 2^31 x 2^31: compare by division.
        if (begin < 0 || end > dataSize || end < begin || (end - begin) % dtypeSize(dtype) != 0 ||
            (end - begin) / dtypeSize(dtype) != count)
            fail(QStringLiteral("tensor '%1': data_offsets [%2, %3] do not hold %4 values of %5 "
                                "inside the %6 data bytes")
                     .arg(it.key())
                     .arg(begin)
                     .arg(end)
                     .arg(count)
                     .arg(dt)
                     .arg(dataSize));
        m.data = tensorToFloat(bytes.constData() + base + begin, count, dtype, false);
        out.insert(it.key(), std::move(m));
    }
    if (out.isEmpty())
        fail(QStringLiteral("it holds no tensor"));
    return out;
}

} // namespace ms::core
