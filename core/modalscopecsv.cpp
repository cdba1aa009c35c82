#include "core/modalscopecsv.h"

#include "core/csv.h"
#include "core/error.h"
#include "core/taxonomy.h"

#include <QHash>
#include <algorithm>

namespace ms::core {

namespace {
const QString kAnnotatorColumn = QStringLiteral("annotator");
} // namespace

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
    QStringList expected = header().split(u',');
    QStringList got;
    for (const QString &f : records.first().fields)
        got.append(f.trimmed());
    const bool hasAnnotator = got == expected + QStringList{kAnnotatorColumn};
    if (hasAnnotator)
        expected.append(kAnnotatorColumn);
    if (got != expected)
        throw UserError(QStringLiteral("%1: line 1: the header must be '%2' (optionally followed "
                                       "by ',%3'), found '%4'")
                            .arg(origin, header(), kAnnotatorColumn, got.join(u',')));
    QList<ImportRecord> out;
    QHash<QString, int> seen;           // clip id and annotator -> line
    QHash<QString, qsizetype> firstRow; // clip id -> index in `out`
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
        if (hasAnnotator)
            ir.annotator = rec.fields.at(6).trimmed();
        const QString key = ir.clipId + u'\n' + ir.annotator;
        if (const auto it = seen.constFind(key); it != seen.constEnd())
            fail(ir.annotator.isEmpty()
                     ? QStringLiteral("clip id '%1' already appears on line %2")
                           .arg(ir.clipId)
                           .arg(*it)
                     : QStringLiteral("clip id '%1' of annotator '%2' already appears on line %3")
                           .arg(ir.clipId, ir.annotator)
                           .arg(*it));
        seen.insert(key, rec.line);
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
        // One clip, one film and one time range, whoever annotated it.
        if (const auto it = firstRow.constFind(ir.clipId); it != firstRow.constEnd()) {
            const ImportRecord &first = out.at(*it);
            if (first.movieId != ir.movieId || first.startMs != ir.startMs ||
                first.endMs != ir.endMs)
                fail(QStringLiteral("clip '%1' has another movie or other times than on line %2")
                         .arg(ir.clipId)
                         .arg(first.line));
        } else {
            firstRow.insert(ir.clipId, out.size());
        }
        out.append(ir);
    }
    return out;
}

QString ModalscopeCsv::write(const QList<ImportRecord> &records)
{
    const bool withAnnotator =
        std::any_of(records.cbegin(), records.cend(),
                    [](const ImportRecord &r) { return !r.annotator.isEmpty(); });
    QString out = header() + (withAnnotator ? u',' + kAnnotatorColumn : QString()) + u'\n';
    for (const ImportRecord &r : records) {
        QStringList fields = {r.clipId,
                              r.movieId,
                              r.startMs ? QString::number(*r.startMs) : QString(),
                              r.endMs ? QString::number(*r.endMs) : QString(),
                              r.level ? levelCode(*r.level) : QString(),
                              r.concepts.join(u'|')};
        if (withAnnotator)
            fields.append(r.annotator);
        out += csv::joinRow(fields);
        out += u'\n';
    }
    return out;
}

} // namespace ms::core
