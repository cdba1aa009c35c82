#include "core/obygazereader.h"

#include "core/csv.h"
#include "core/error.h"
#include "core/taxonomy.h"

#include <QHash>
#include <stdexcept>

namespace ms::core {

QString notSureRuleCode(NotSureRule r)
{
    switch (r) {
    case NotSureRule::HardNegative:
        return QStringLiteral("hn");
    case NotSureRule::Sure:
        return QStringLiteral("s");
    case NotSureRule::Exclude:
        return QStringLiteral("exclude");
    }
    return {};
}

std::optional<NotSureRule> parseNotSureRule(const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t == u"hn")
        return NotSureRule::HardNegative;
    if (t == u"s")
        return NotSureRule::Sure;
    if (t == u"exclude")
        return NotSureRule::Exclude;
    return std::nullopt;
}

QList<ImportRecord> ObyGazeReader::read(const QString &path, NotSureRule rule)
{
    return parse(csv::decodeText(csv::readFile(path)), path, rule);
}

QStringList ObyGazeReader::parsePythonStringList(const QString &text)
{
    const QString t = text.trimmed();
    if (!t.startsWith(u'[') || !t.endsWith(u']'))
        throw std::invalid_argument("expected a list like ['Body', 'Look']");
    QStringList out;
    qsizetype i = 1;
    const qsizetype end = t.size() - 1;
    auto skipSpace = [&] {
        while (i < end && t.at(i).isSpace())
            ++i;
    };
    skipSpace();
    if (i == end)
        return out;
    while (true) {
        skipSpace();
        if (i >= end)
            throw std::invalid_argument("list ends after a comma");
        const QChar q = t.at(i);
        if (q != u'\'' && q != u'"')
            throw std::invalid_argument("list items must be quoted strings");
        ++i;
        QString item;
        bool closed = false;
        while (i < end) {
            const QChar c = t.at(i++);
            if (c == u'\\' && i < end) {
                item += t.at(i++);
            } else if (c == q) {
                closed = true;
                break;
            } else {
                item += c;
            }
        }
        if (!closed)
            throw std::invalid_argument("a quoted concept name is never closed");
        out.append(item);
        skipSpace();
        if (i == end)
            break;
        if (t.at(i) != u',')
            throw std::invalid_argument("list items must be separated by commas");
        ++i;
        skipSpace();
        if (i == end) // Python allows a trailing comma
            break;
    }
    return out;
}

QList<ImportRecord> ObyGazeReader::parse(const QString &text, const QString &origin,
                                         NotSureRule rule)
{
    const QList<CsvRecord> records = csv::parse(text, u';', origin);
    if (records.isEmpty())
        throw UserError(QStringLiteral("%1: the file is empty").arg(origin));

    const CsvRecord &header = records.first();
    QHash<QString, int> col;
    for (int i = 0; i < header.fields.size(); ++i)
        col.insert(header.fields.at(i).trimmed().toLower(), i);
    for (const char *need : {"id", "movie", "label", "concepts"}) {
        if (!col.contains(QLatin1String(need)))
            throw UserError(
                QStringLiteral("%1: line %2: the header has no '%3' column; is this an "
                               "ObyGaze table (semicolon separated, columns "
                               "idx;util;clip;label;overlap_ratio;concepts;id;movie;...)?")
                    .arg(origin)
                    .arg(header.line)
                    .arg(QLatin1String(need)));
    }
    const int cId = col.value(QStringLiteral("id"));
    const int cMovie = col.value(QStringLiteral("movie"));
    const int cLabel = col.value(QStringLiteral("label"));
    const int cConcepts = col.value(QStringLiteral("concepts"));
    const qsizetype width = header.fields.size();

    QList<ImportRecord> out;
    out.reserve(records.size());
    QHash<QString, int> seen;
    for (qsizetype r = 1; r < records.size(); ++r) {
        const CsvRecord &rec = records.at(r);
        bool allEmpty = true;
        for (const QString &f : rec.fields)
            allEmpty = allEmpty && f.trimmed().isEmpty();
        if (allEmpty)
            continue; // the published file's separator row, and blank lines
        auto fail = [&](const QString &why) {
            throw UserError(QStringLiteral("%1: line %2: %3").arg(origin).arg(rec.line).arg(why));
        };
        if (rec.fields.size() != width)
            fail(QStringLiteral("expected %1 fields separated by ';', found %2")
                     .arg(width)
                     .arg(rec.fields.size()));
        ImportRecord ir;
        ir.line = rec.line;
        ir.clipId = rec.fields.at(cId).trimmed();
        ir.movieId = rec.fields.at(cMovie).trimmed();
        if (ir.clipId.isEmpty())
            fail(QStringLiteral("the clip id (column 'id') is empty"));
        if (ir.movieId.isEmpty())
            fail(QStringLiteral("the movie id (column 'movie') is empty"));
        if (const auto it = seen.constFind(ir.clipId); it != seen.constEnd())
            fail(QStringLiteral("clip id '%1' already appears on line %2").arg(ir.clipId).arg(*it));
        seen.insert(ir.clipId, rec.line);

        ir.sourceLabel = rec.fields.at(cLabel).simplified();
        const QString label = ir.sourceLabel.toLower();
        if (label == u"not sure") {
            switch (rule) {
            case NotSureRule::HardNegative:
                ir.level = Level::HardNegative;
                break;
            case NotSureRule::Sure:
                ir.level = Level::Sure;
                break;
            case NotSureRule::Exclude:
                ir.level = std::nullopt;
                break;
            }
        } else {
            ir.level = parseLevel(label);
            if (!ir.level)
                fail(QStringLiteral("unknown label '%1' (expected Easy Neg, Hard Neg, Not Sure "
                                    "or Sure)")
                         .arg(ir.sourceLabel));
        }

        QStringList raw;
        try {
            raw = parsePythonStringList(rec.fields.at(cConcepts));
        } catch (const std::invalid_argument &e) {
            fail(QStringLiteral("concepts '%1': %2")
                     .arg(rec.fields.at(cConcepts), QString::fromUtf8(e.what())));
        }
        for (const QString &name : std::as_const(raw)) {
            const QString n = Taxonomy::normaliseName(name);
            if (!n.isEmpty() && !ir.concepts.contains(n))
                ir.concepts.append(n);
        }
        out.append(ir);
    }
    return out;
}

} // namespace ms::core
