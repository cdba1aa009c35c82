#include "core/scoretable.h"

#include "core/csv.h"
#include "core/error.h"

#include <algorithm>
#include <cmath>

namespace ms::core {

ScoreTable ScoreTable::read(const QString &path)
{
    return parse(csv::readFile(path), path);
}

ScoreTable ScoreTable::parse(const QByteArray &bytes, const QString &origin)
{
    const QList<CsvRecord> records = csv::parse(csv::decodeText(bytes), u',', origin);
    if (records.isEmpty())
        throw UserError(QStringLiteral("%1: the file is empty").arg(origin));
    const QStringList header = records.first().fields;
    const qsizetype si = header.indexOf(QStringLiteral("score"));
    const qsizetype ti = header.indexOf(QStringLiteral("target"));
    if (si < 0 || ti < 0)
        throw UserError(
            QStringLiteral("%1: the header must name the columns score and target").arg(origin));
    ScoreTable table;
    for (qsizetype r = 1; r < records.size(); ++r) {
        const auto &rec = records.at(r);
        if (rec.fields.size() == 1 && rec.fields.first().trimmed().isEmpty())
            continue;
        bool okS = false, okT = false;
        const double s = rec.fields.value(si).trimmed().toDouble(&okS);
        const int t = rec.fields.value(ti).trimmed().toInt(&okT);
        // A float must hold the score: 1e300 is as unusable as "nan".
        if (!okS || !std::isfinite(s) || std::abs(s) > 3.0e38 || !okT || (t != 0 && t != 1))
            throw UserError(QStringLiteral("%1, line %2: expected a finite score and a "
                                           "target of 0 or 1")
                                .arg(origin)
                                .arg(rec.line));
        table.scores.push_back(float(s));
        table.targets.push_back(t);
    }
    if (std::find(table.targets.begin(), table.targets.end(), 1) == table.targets.end())
        throw UserError(
            QStringLiteral("%1: no positive target: average precision is undefined").arg(origin));
    return table;
}

} // namespace ms::core
