#pragma once

#include <QMetaType>
#include <QString>

namespace ms::core {

// One progress report of a running job. `fraction` in [0, 1], or negative
// while the amount of work is not known yet (a busy indicator). `done` and
// `total` are counts when the job has them (clips explained), else -1.
struct JobProgress
{
    double fraction = -1;
    QString text;
    qint64 done = -1;
    qint64 total = -1;
};

} // namespace ms::core

Q_DECLARE_METATYPE(ms::core::JobProgress)
