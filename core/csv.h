#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace ms::core {

struct CsvRecord
{
    int line = 0; // 1-based line where the record starts
    QStringList fields;
};

// RFC 4180 reading and writing with a chosen delimiter: quoted fields may hold
// delimiters, doubled quotes and line breaks; CRLF and LF both end records.
namespace csv {

// Throws UserError naming `origin` and the line of an unterminated quote.
QList<CsvRecord> parse(const QString &text, QChar delimiter, const QString &origin);
QString escapeField(const QString &field, QChar delimiter = u',');
QString joinRow(const QStringList &fields, QChar delimiter = u',');
// Decodes a file's bytes: UTF-8 with or without BOM; bytes that are not UTF-8
// are read as Windows-1252/Latin-1 and *wasLatin1 is set.
QString decodeText(const QByteArray &bytes, bool *wasLatin1 = nullptr);
// Reads a whole file; throws UserError naming it when it cannot be read.
QByteArray readFile(const QString &path);

} // namespace csv
} // namespace ms::core
