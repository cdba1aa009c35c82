#pragma once

#include <QByteArray>
#include <QString>

namespace ms::core {

// Writes `data` to `path` through a temporary file renamed into place, so a
// full disk or a crash never leaves a half-written file. Throws UserError
// naming the file.
void writeFileAtomically(const QString &path, const QByteArray &data);

} // namespace ms::core
