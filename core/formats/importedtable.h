#pragma once

#include "core/importrecord.h"

#include <QList>
#include <QMap>
#include <QString>

namespace ms::core {

// An annotation table read through its format, with what the import records
// beside the rows, so the CLI and the window apply it the same way.
struct ImportedTable
{
    QList<ImportRecord> records;
    QString annotator;           // the format's default annotator name
    QString source;              // "import:obygaze:table.csv"
    QMap<QString, QString> meta; // the options that shaped the reading ("not_sure_rule")
};

} // namespace ms::core
