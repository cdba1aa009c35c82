#pragma once

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <optional>

namespace ms::core {

// The values a user chose for a format's options, by option key.
using FormatOptionValues = QMap<QString, QString>;

// One choice a format leaves to the user when reading a table (ObyGaze's
// "Not Sure" rule). Declared as data so the CLI can add it as an option, the
// import dialog can show it as a list, and both check values the same way,
// without either knowing the format.
struct FormatOption
{
    struct Choice
    {
        QString value; // what the CLI takes and the import records ("hn")
        QString label; // for people ("Hard Negative")
    };

    QString key;   // the CLI option name and the key in FormatOptionValues
    QString label; // the import dialog's row label
    QString help;  // the CLI's option description, without the choices
    QList<Choice> choices;
    QString defaultValue; // one of the choices' values
    QString metaKey;      // recorded with the import under this key; empty: not recorded

    QStringList values() const;
    // The canonical value `text` names (trimmed, any case), or nullopt.
    std::optional<QString> choiceFor(const QString &text) const;
};

// "a", "a or b", "a, b or c": how messages and help texts list alternatives.
QString listInWords(const QStringList &items, const QString &conjunction = QStringLiteral("or"));

} // namespace ms::core
