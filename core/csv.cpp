#include "core/csv.h"

#include "core/error.h"

#include <QFile>
#include <QStringDecoder>

namespace ms::core::csv {

QList<CsvRecord> parse(const QString &text, QChar delimiter, const QString &origin)
{
    QList<CsvRecord> out;
    CsvRecord rec;
    QString field;
    bool inQuotes = false;
    bool fieldStarted = false; // distinguishes an empty line from one empty field
    int line = 1;
    int quoteLine = 0;
    rec.line = 1;
    const qsizetype n = text.size();
    auto endRecord = [&](int nextLine) {
        if (fieldStarted || !rec.fields.isEmpty()) {
            rec.fields.append(field);
            out.append(rec);
        }
        rec = CsvRecord{};
        rec.line = nextLine;
        field.clear();
        fieldStarted = false;
    };
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = text.at(i);
        if (inQuotes) {
            if (c == u'"') {
                if (i + 1 < n && text.at(i + 1) == u'"') {
                    field += u'"';
                    ++i;
                } else {
                    inQuotes = false;
                }
            } else {
                if (c == u'\n')
                    ++line;
                field += c;
            }
            continue;
        }
        if (c == u'"' && field.isEmpty()) {
            inQuotes = true;
            fieldStarted = true;
            quoteLine = line;
        } else if (c == delimiter) {
            rec.fields.append(field);
            field.clear();
            fieldStarted = true;
        } else if (c == u'\r' && i + 1 < n && text.at(i + 1) == u'\n') {
            // CRLF: the LF ends the record
        } else if (c == u'\n' || c == u'\r') {
            ++line;
            endRecord(line);
        } else {
            field += c;
            fieldStarted = true;
        }
    }
    if (inQuotes)
        throw UserError(QStringLiteral("%1: line %2: a quoted field is never closed")
                            .arg(origin)
                            .arg(quoteLine));
    endRecord(line);
    return out;
}

QString escapeField(const QString &field, QChar delimiter)
{
    const bool needs = field.contains(delimiter) || field.contains(u'"') ||
                       field.contains(u'\n') || field.contains(u'\r');
    if (!needs)
        return field;
    QString q = field;
    q.replace(u'"', QStringLiteral("\"\""));
    return u'"' + q + u'"';
}

QString joinRow(const QStringList &fields, QChar delimiter)
{
    QString out;
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i)
            out += delimiter;
        out += escapeField(fields.at(i), delimiter);
    }
    return out;
}

QString decodeText(const QByteArray &bytes, bool *wasLatin1)
{
    QByteArray b = bytes;
    if (b.startsWith("\xEF\xBB\xBF"))
        b.remove(0, 3);
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString s = utf8.decode(b);
    if (!utf8.hasError()) {
        if (wasLatin1)
            *wasLatin1 = false;
        return s;
    }
    if (wasLatin1)
        *wasLatin1 = true;
    QStringDecoder cp1252("windows-1252");
    if (cp1252.isValid())
        return cp1252.decode(b);
    return QString::fromLatin1(b);
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.exists())
        throw UserError(QStringLiteral("%1: no such file").arg(path));
    if (!f.open(QIODevice::ReadOnly))
        throw UserError(QStringLiteral("%1: cannot be read: %2").arg(path, f.errorString()));
    return f.readAll();
}

} // namespace ms::core::csv
