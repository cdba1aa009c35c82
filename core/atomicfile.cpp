#include "core/atomicfile.h"

#include "core/error.h"

#include <QSaveFile>

namespace ms::core {

void writeFileAtomically(const QString &path, const QByteArray &data)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        throw UserError(QStringLiteral("%1: cannot be written: %2").arg(path, f.errorString()));
    if (f.write(data) != data.size() || !f.commit())
        throw UserError(QStringLiteral("%1: writing failed (is the disk full?): %2")
                            .arg(path, f.errorString()));
}

} // namespace ms::core
