#pragma once

#include <QString>

namespace ms::core {

// "1:02.500": how a user reads a film time in messages (minutes unbounded,
// seconds and milliseconds padded).
QString clockText(qint64 ms);

} // namespace ms::core
