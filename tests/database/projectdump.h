#pragma once

// A test helper: the whole content of a project as text, to check that an
// operation "leaves the project exactly as it was".

#include "database/sqlitedatabase.h"

#include <QStringList>

namespace ms::test {

inline QString dumpProject(db::SqliteDatabase &s)
{
    QStringList out;
    auto tables = s.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name");
    QStringList names;
    while (tables.step())
        names.append(tables.text(0));
    for (const QString &t : names) {
        out.append("## " + t);
        auto cols = s.prepare(QString("SELECT count(*) FROM pragma_table_info('%1')").arg(t).toUtf8().constData());
        cols.step();
        const int n = int(cols.int64(0));
        auto rows = s.prepare(QString("SELECT * FROM \"%1\" ORDER BY 1, 2").arg(t).toUtf8().constData());
        while (rows.step()) {
            QStringList f;
            for (int i = 0; i < n; ++i)
                f.append(rows.isNull(i) ? QStringLiteral("<null>") : rows.text(i));
            out.append(f.join('\t'));
        }
    }
    out.append(QString("user_version=%1").arg(s.userVersion()));
    return out.join('\n');
}

} // namespace ms::test
