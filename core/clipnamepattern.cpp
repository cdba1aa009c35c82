#include "core/clipnamepattern.h"

#include "core/error.h"

#include <QRegularExpression>

namespace ms::core {

ClipNamePattern::ClipNamePattern(const QString &pattern) : m_pattern(pattern)
{
    static const QRegularExpression runs(QStringLiteral("#+"));
    auto it = runs.globalMatch(pattern);
    int found = 0;
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        m_hashes = m.capturedStart();
        m_width = m.capturedLength();
        ++found;
    }
    if (found != 1)
        throw UserError(QStringLiteral("clip name pattern '%1' needs one run of '#' for the "
                                       "clip's number, as in '%2'")
                            .arg(pattern, defaultPattern()));
}

QString ClipNamePattern::name(const QString &movieId, int number) const
{
    QString out = m_pattern;
    out.replace(m_hashes, m_width,
                QStringLiteral("%1").arg(number, int(m_width), 10, QLatin1Char('0')));
    out.replace(QStringLiteral("<film>"), movieId);
    return out;
}

QStringList ClipNamePattern::freeNames(const QString &movieId, int count,
                                       const QSet<QString> &taken) const
{
    QStringList out;
    for (int number = 1; out.size() < count; ++number) {
        const QString n = name(movieId, number);
        if (!taken.contains(n))
            out.append(n);
    }
    return out;
}

} // namespace ms::core
