#include "core/formats/formatoption.h"

namespace ms::core {

QStringList FormatOption::values() const
{
    QStringList out;
    for (const Choice &c : choices)
        out.append(c.value);
    return out;
}

std::optional<QString> FormatOption::choiceFor(const QString &text) const
{
    const QString t = text.trimmed();
    for (const Choice &c : choices)
        if (t.compare(c.value, Qt::CaseInsensitive) == 0)
            return c.value;
    return std::nullopt;
}

QString listInWords(const QStringList &items, const QString &conjunction)
{
    if (items.size() < 2)
        return items.value(0);
    return QStringLiteral("%1 %2 %3")
        .arg(items.mid(0, items.size() - 1).join(QStringLiteral(", ")), conjunction, items.last());
}

} // namespace ms::core
