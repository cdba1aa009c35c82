#include "core/npyreader.h"

#include "core/csv.h"
#include "core/error.h"
#include "core/tensorbytes.h"

#include <QRegularExpression>
#include <QtEndian>
#include <limits>

namespace ms::core {

FeatureMatrix NpyReader::read(const QString &path)
{
    return parse(csv::readFile(path), path);
}

FeatureMatrix NpyReader::parse(const QByteArray &bytes, const QString &origin)
{
    auto fail = [&](const QString &why) -> FeatureMatrix {
        throw UserError(QStringLiteral("%1: not a usable .npy array: %2").arg(origin, why));
    };
    if (bytes.size() < 10 || !bytes.startsWith("\x93NUMPY"))
        return fail(QStringLiteral("the file does not start with the .npy magic bytes"));
    const int major = quint8(bytes[6]);
    qsizetype headerLen = 0, headerStart = 0;
    if (major == 1) {
        headerLen = qFromLittleEndian<quint16>(bytes.constData() + 8);
        headerStart = 10;
    } else if (major == 2 || major == 3) {
        if (bytes.size() < 12)
            return fail(QStringLiteral("the header is cut short"));
        headerLen = qFromLittleEndian<quint32>(bytes.constData() + 8);
        headerStart = 12;
    } else {
        return fail(QStringLiteral("format version %1 is unknown").arg(major));
    }
    if (headerStart + headerLen > bytes.size())
        return fail(QStringLiteral("the header is cut short"));
    const QString header = QString::fromLatin1(bytes.mid(headerStart, headerLen));

    static const QRegularExpression descrRe(QStringLiteral("'descr'\\s*:\\s*'([<>|=])([a-z])(\\d+)'"));
    static const QRegularExpression fortranRe(QStringLiteral("'fortran_order'\\s*:\\s*(True|False)"));
    static const QRegularExpression shapeRe(QStringLiteral("'shape'\\s*:\\s*\\(([^)]*)\\)"));
    const auto d = descrRe.match(header);
    const auto f = fortranRe.match(header);
    const auto s = shapeRe.match(header);
    if (!d.hasMatch() || !f.hasMatch() || !s.hasMatch())
        return fail(QStringLiteral("the header '%1' lacks descr, fortran_order or shape")
                        .arg(header.trimmed()));
    const QString kind = d.captured(2);
    const int size = d.captured(3).toInt();
    TensorDType dtype;
    if (kind == u"f" && size == 4)
        dtype = TensorDType::F32;
    else if (kind == u"f" && size == 2)
        dtype = TensorDType::F16;
    else if (kind == u"f" && size == 8)
        dtype = TensorDType::F64;
    else
        return fail(QStringLiteral("element type '%1%2%3' is not float16, float32 or float64")
                        .arg(d.captured(1), kind, d.captured(3)));
    const bool bigEndian = d.captured(1) == u">";
    const bool fortran = f.captured(1) == u"True";

    QList<qint64> shape;
    for (const QString &part : s.captured(1).split(u',', Qt::SkipEmptyParts)) {
        bool ok = false;
        const qint64 v = part.trimmed().toLongLong(&ok);
        if (!ok || v < 0)
            return fail(QStringLiteral("shape (%1) is malformed").arg(s.captured(1)));
        if (v > std::numeric_limits<int>::max())
            return fail(QStringLiteral("shape (%1) is far too large").arg(s.captured(1)));
        shape.append(v);
    }
    FeatureMatrix m;
    if (shape.size() == 1) {
        m.tokens = 1;
        m.dim = int(shape[0]);
    } else if (shape.size() == 2) {
        m.tokens = int(shape[0]);
        m.dim = int(shape[1]);
    } else {
        return fail(QStringLiteral("shape (%1) has %2 dimensions; expected [tokens, dim] or [dim]")
                        .arg(s.captured(1))
                        .arg(shape.size()));
    }
    if (m.tokens <= 0 || m.dim <= 0)
        return fail(QStringLiteral("shape (%1) is empty").arg(s.captured(1)));
    const qint64 count = qint64(m.tokens) * m.dim;
    const qsizetype dataStart = headerStart + headerLen;
    // Compared by division: count * size overflows for shapes near 2^31 x 2^31.
    if (count > (bytes.size() - dataStart) / dtypeSize(dtype))
        return fail(QStringLiteral("the data is cut short: %1 values of %2 bytes, %3 bytes present")
                        .arg(count)
                        .arg(dtypeSize(dtype))
                        .arg(bytes.size() - dataStart));
    std::vector<float> values = tensorToFloat(bytes.constData() + dataStart, count, dtype, bigEndian);
    if (fortran && m.tokens > 1) {
        // Column-major [tokens, dim]: element (t, k) is at k * tokens + t.
        m.data.resize(values.size());
        for (int t = 0; t < m.tokens; ++t)
            for (int k = 0; k < m.dim; ++k)
                m.data[size_t(t) * m.dim + k] = values[size_t(k) * m.tokens + t];
    } else {
        m.data = std::move(values);
    }
    return m;
}

} // namespace ms::core
