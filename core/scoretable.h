#pragma once

#include <QByteArray>
#include <QString>
#include <vector>

namespace ms::core {

// A classifier's scores against binary targets, read from a CSV with the
// header columns `score` and `target` (any order, other columns ignored):
// what `modalscope-cli metrics --scores` reads. Parsing lives here, apart
// from the verb, so that it is tested and fuzzed like every other reader.
struct ScoreTable
{
    std::vector<float> scores;
    std::vector<int> targets; // 0 or 1

    // Throws UserError naming `origin` (and the line) for an empty file, a
    // missing column, a score that is not a finite number, a target other
    // than 0 or 1, or no positive target (average precision is undefined).
    static ScoreTable parse(const QByteArray &bytes, const QString &origin);
    static ScoreTable read(const QString &path);
};

} // namespace ms::core
