#pragma once

#include "core/importrecord.h"

#include <QList>
#include <QString>

namespace ms::core {

// Modalscope's own annotation table, comma separated, RFC 4180 quoting:
//   clip_id,movie,start_ms,end_ms,level,concepts
// times empty when unknown, level EN/HN/S or empty for an unannotated clip,
// concepts '|'-separated. Writing then reading gives back the same records.
class ModalscopeCsv
{
public:
    static const QString &header();
    static QList<ImportRecord> read(const QString &path);
    static QList<ImportRecord> parse(const QString &text, const QString &origin);
    static QString write(const QList<ImportRecord> &records);
};

} // namespace ms::core
