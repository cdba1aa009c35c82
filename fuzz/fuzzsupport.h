#pragma once

// What every fuzz target shares: a reader may refuse its input with a
// UserError (that is its job); anything else that escapes (another exception,
// a crash, a sanitizer report) is a finding.

#include "core/error.h"

#include <QByteArray>
#include <QLoggingCategory>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>

namespace ms::fuzz {

inline QByteArray bytes(const uint8_t *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
}

template <class F>
void guarded(F &&f)
{
    try {
        f();
    } catch (const core::UserError &) {
        // refused in words: the expected outcome for most inputs
    } catch (const std::exception &e) {
        std::fprintf(stderr, "fuzz: not a UserError escaped: %s\n", e.what());
        std::abort();
    }
}

// Readers warn through qWarning on odd but readable input; at millions of
// runs that is only noise.
inline void quiet()
{
    static const bool once = [] {
        QLoggingCategory::setFilterRules(QStringLiteral("*=false"));
        return true;
    }();
    (void)once;
}

} // namespace ms::fuzz
