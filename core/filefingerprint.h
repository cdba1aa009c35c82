#pragma once

#include <QString>

namespace ms::core {

// A cheap content-based identity for a (large) media file: its size and the
// SHA-256 of its first and last MiB. A moved file keeps its fingerprint (so
// it can be found and relinked); an edited or replaced one changes it. Not
// a security hash: two files equal at both ends and in size collide.
class FileFingerprint
{
public:
    // "v1:<size>:<hex>"; throws UserError naming the file if unreadable.
    static QString of(const QString &path);
};

} // namespace ms::core
