#include "core/filefingerprint.h"

#include "core/error.h"

#include <QCryptographicHash>
#include <QFile>

namespace ms::core {

QString FileFingerprint::of(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        throw UserError(QStringLiteral("%1: cannot be read: %2").arg(path, f.errorString()));
    constexpr qint64 kChunk = 1 << 20;
    const qint64 size = f.size();
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(f.read(kChunk));
    if (size > kChunk) {
        f.seek(std::max(kChunk, size - kChunk));
        h.addData(f.read(kChunk));
    }
    return QStringLiteral("v1:%1:%2").arg(size).arg(QString::fromLatin1(h.result().toHex()));
}

} // namespace ms::core
