#pragma once

#include <QByteArray>
#include <QString>

namespace ms::core {

// 64-bit FNV-1a: a hash that, unlike qHash, is the same in every process
// (feature hashing, per-clip seeds).
inline quint64 fnv1a64(const QByteArray &bytes)
{
    quint64 h = 0xcbf29ce484222325ull;
    for (char c : bytes) {
        h ^= quint8(c);
        h *= 0x100000001b3ull;
    }
    return h;
}

inline quint64 fnv1a64(const QString &text)
{
    return fnv1a64(text.toUtf8());
}

} // namespace ms::core
