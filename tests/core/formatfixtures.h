#pragma once

// Helpers shared by the annotation format tests (header-only).

#include "core/importrecord.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace ms::test {

// A timed clip as a format reads it (an unknown time stays unknown).
inline core::ImportRecord record(const QString &clip, const QString &movie,
                                 std::optional<qint64> start, std::optional<qint64> end,
                                 std::optional<core::Level> level, const QStringList &concepts = {})
{
    core::ImportRecord r;
    r.clipId = clip;
    r.movieId = movie;
    r.hasTimes = true;
    r.startMs = start;
    r.endMs = end;
    r.level = level;
    r.concepts = concepts;
    return r;
}

// What a table says about its clips, one line each, so a mismatch shows the
// whole clip; `line` and `sourceLabel` describe the file, not the clip.
inline QStringList described(const QList<core::ImportRecord> &records)
{
    auto time = [](std::optional<qint64> ms) {
        return ms ? QString::number(*ms) : QStringLiteral("?");
    };
    QStringList out;
    for (const core::ImportRecord &r : records)
        out.append(QStringLiteral("%1 of %2, %3 %4-%5, %6 [%7]")
                       .arg(r.clipId, r.movieId,
                            r.hasTimes ? QStringLiteral("timed") : QStringLiteral("untimed"),
                            time(r.startMs), time(r.endMs),
                            r.level ? core::levelCode(*r.level) : QStringLiteral("unannotated"),
                            r.concepts.join(u'|')));
    return out;
}

} // namespace ms::test
