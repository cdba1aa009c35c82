#pragma once

#include <QCursor>
#include <QGuiApplication>

namespace ms::ui {

// The wait cursor for a long synchronous step (opening a project, an
// import): restored on every path out of the scope, exceptions included.
class WaitCursor
{
public:
    WaitCursor() { QGuiApplication::setOverrideCursor(Qt::WaitCursor); }
    ~WaitCursor() { QGuiApplication::restoreOverrideCursor(); }
    WaitCursor(const WaitCursor &) = delete;
    WaitCursor &operator=(const WaitCursor &) = delete;
};

} // namespace ms::ui
