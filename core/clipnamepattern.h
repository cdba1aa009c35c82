#pragma once

#include <QSet>
#include <QString>
#include <QStringList>

namespace ms::core {

// How new clips are named, set by the user once: "<film>" stands for the
// film's id and a run of '#' for the clip's number, padded to that many
// digits ("<film>-###": "tt0108160-001"; numbers past the padding just grow).
// Clip names are unique in a project, so new names skip the taken ones
// instead of replacing a clip.
class ClipNamePattern
{
public:
    static QString defaultPattern() { return QStringLiteral("<film>-###"); }

    // UserError naming the pattern when it has no run of '#' or more than one.
    explicit ClipNamePattern(const QString &pattern = defaultPattern());

    const QString &pattern() const { return m_pattern; }
    QString name(const QString &movieId, int number) const;
    // `count` names for clips of `movieId`, numbered from 1 upwards, none in `taken`.
    QStringList freeNames(const QString &movieId, int count, const QSet<QString> &taken) const;

private:
    QString m_pattern;
    qsizetype m_hashes = 0; // where the number goes, and its padding
    qsizetype m_width = 0;
};

} // namespace ms::core
