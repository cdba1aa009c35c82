#pragma once

#include "core/importrecord.h"

#include <QList>
#include <QString>

namespace ms::core {

// Modalscope's own annotation table, comma separated, RFC 4180 quoting:
//   clip_id,movie,start_ms,end_ms,level,concepts
// times empty when unknown, level EN/HN/S or empty for an unannotated clip,
// concepts '|'-separated. An optional last column `annotator` names whose
// annotation each row is, so one table can carry several annotators (one row
// per clip and annotator, rows of one clip agreeing on film and times).
// Writing then reading gives back the same records.
class ModalscopeCsv
{
public:
    static const QString &header(); // without the optional annotator column
    static QList<ImportRecord> read(const QString &path);
    static QList<ImportRecord> parse(const QString &text, const QString &origin);
    static QString write(const QList<ImportRecord> &records);
};

} // namespace ms::core
