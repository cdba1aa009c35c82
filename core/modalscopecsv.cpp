#include "core/modalscopecsv.h"

#include "core/csv.h"
#include "core/error.h"
#include "core/taxonomy.h"

#include <QHash>

namespace ms::core {

const QString &ModalscopeCsv::header()
{
    static const QString h = QStringLiteral("clip_id,movie,start_ms,end_ms,level,concepts");
    return h;
}

QList<ImportRecord> ModalscopeCsv::read(const QString &path)
{
    return parse(csv::decodeText(csv::readFile(path)), path);
}

QList<ImportRecord> ModalscopeCsv::parse(const QString &text, const QString &origin)
{
    const QList<CsvRecord> records = csv::parse(text, u',', origin);
    if (records.isEmpty())
        throw UserError(QStringLiteral("%1: the file is empty").arg(origin));
    const QStringList expected = header().split(u',');
    QStringList got;
    for (const QString &f : records.first().fields)
        got.append(f.trimmed());
    if (got != expected)
        throw UserError(QStringLiteral("%1: line 1: the header must be '%2', found '%3'")
                            .arg(origin, header(), got.join(u',')));
    QList<ImportRecord> out;
    QHash<QString, int> seen;
    for (qsizetype r = 1; r < records.size(); ++r) {
        const CsvRecord &rec = records.at(r);
        auto fail = [&](const QString &why) {
            throw UserError(QStringLiteral("%1: line %2: %3").arg(origin).arg(rec.line).arg(why));
        };
        if (rec.fields.size() == 1 && rec.fields.first().trimmed().isEmpty())
            continue;
        if (rec.fields.size() != expected.size())
            fail(QStringLiteral("expected %1 comma-separated fields, found %2")
                     .arg(expected.size())
                     .arg(rec.fields.size()));
        ImportRecord ir;
        ir.line = rec.line;
        ir.hasTimes = true;
        ir.clipId = rec.fields.at(0).trimmed();
        ir.movieId = rec.fields.at(1).trimmed();
        if (ir.clipId.isEmpty())
            fail(QStringLiteral("clip_id is empty"));
        if (ir.movieId.isEmpty())
            fail(QStringLiteral("movie is empty"));
        if (const auto it = seen.constFind(ir.clipId); it != seen.constEnd())
            fail(QStringLiteral("clip id '%1' already appears on line %2").arg(ir.clipId).arg(*it));
        seen.insert(ir.clipId, rec.line);
        auto time = [&](int i, const char *name) -> std::optional<qint64> {
            const QString s = rec.fields.at(i).trimmed();
            if (s.isEmpty())
                return std::nullopt;
            bool ok = false;
            const qint64 v = s.toLongLong(&ok);
            if (!ok || v < 0)
                fail(QStringLiteral("%1 '%2' is not a non-negative whole number of milliseconds")
                         .arg(QLatin1String(name), s));
            return v;
        };
        ir.startMs = time(2, "start_ms");
        ir.endMs = time(3, "end_ms");
        if (ir.startMs.has_value() != ir.endMs.has_value())
            fail(QStringLiteral("start_ms and end_ms must both be given or both be empty"));
        if (ir.startMs && *ir.endMs < *ir.startMs)
            fail(QStringLiteral("end_ms %1 is before start_ms %2").arg(*ir.endMs).arg(*ir.startMs));
        ir.sourceLabel = rec.fields.at(4).trimmed();
        if (!ir.sourceLabel.isEmpty()) {
            ir.level = parseLevel(ir.sourceLabel);
            if (!ir.level)
                fail(QStringLiteral("unknown level '%1' (expected EN, HN, S or empty)")
                         .arg(ir.sourceLabel));
        }
        for (const QString &name : rec.fields.at(5).split(u'|', Qt::SkipEmptyParts)) {
            const QString n = Taxonomy::normaliseName(name);
            if (!n.isEmpty() && !ir.concepts.contains(n))
                ir.concepts.append(n);
        }
        if (!ir.level && !ir.concepts.isEmpty())
            fail(QStringLiteral("concepts are given but the level is empty"));
        out.append(ir);
    }
    return out;
}

QString ModalscopeCsv::write(const QList<ImportRecord> &records)
{
    QString out = header() + u'\n';
    for (const ImportRecord &r : records) {
        out += csv::joinRow({r.clipId, r.movieId,
                             r.startMs ? QString::number(*r.startMs) : QString(),
                             r.endMs ? QString::number(*r.endMs) : QString(),
                             r.level ? levelCode(*r.level) : QString(), r.concepts.join(u'|')});
        out += u'\n';
    }
    return out;
}

} // namespace ms::core
