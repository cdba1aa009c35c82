#pragma once

#include "core/importrecord.h"

#include <QList>
#include <QString>

namespace ms::core {

// What the fourth label of the older ObyGaze release, "Not Sure", becomes.
enum class NotSureRule { HardNegative, Sure, Exclude };
QString notSureRuleCode(NotSureRule r); // "hn", "s", "exclude"
std::optional<NotSureRule> parseNotSureRule(const QString &text);

// Reads the ObyGaze/MObyGaze annotation table exactly as published:
// semicolon separated, CRLF, a header row, a row of bare separators, labels
// "Easy Neg"/"Hard Neg"/"Not Sure"/"Sure" and Python-style concept lists
// ("['Speech', ' Exp of  emotion']", "['']" for none). Columns are found by
// header name, so reordered exports still read. Any malformed row stops the
// read with its line number; nothing is half-read.
class ObyGazeReader
{
public:
    static QList<ImportRecord> read(const QString &path, NotSureRule rule);
    static QList<ImportRecord> parse(const QString &text, const QString &origin, NotSureRule rule);
    // Parses a Python list of strings; throws std::invalid_argument with the reason.
    static QStringList parsePythonStringList(const QString &text);
};

} // namespace ms::core
