#pragma once

#include "core/taxonomy.h"

#include <QChar>
#include <QHash>
#include <QString>

namespace ms::core {

// One key per concept of a taxonomy, so a concept is ticked with one key press.
//
// Defaults, in taxonomy order: the first letter of the concept's name that
// is free, else the first free key of the alphabet, then the digits 4..9.
// A concept's own key (Concept::shortcut, set by the user with the taxonomy)
// wins; the defaults are computed as if nobody had chosen one, so choosing a
// key moves only the concept whose default it was (to its next free key).
// Keys the window already uses (levels 1/2/3, the player, clip editing) are
// never handed out. The assignment is a pure function of the taxonomy: the
// window, the CLI and the tests agree on it, and adding a concept at the end
// moves no existing key. Retired concepts keep theirs (old annotations still
// show them).
class ConceptKeyMap
{
public:
    ConceptKeyMap() = default;
    explicit ConceptKeyMap(const Taxonomy &taxonomy);

    // Upper-case letter or digit; null QChar when the concept has none (the
    // keys ran out, or an unknown name).
    QChar keyOf(const QString &conceptName) const;
    // Empty when no concept has `key` (case-insensitive).
    QString conceptOf(QChar key) const;
    int size() const { return int(m_byKey.size()); }

    // The bare keys the window uses for something else.
    static bool isReserved(QChar key);
    // Throws UserError (naming the concept) when `key` cannot be a concept's
    // key: not one letter or digit, reserved, or already another concept's
    // own key in `taxonomy`. Returns it upper-cased; empty stays empty
    // (back to the default).
    static QString validate(const QString &key, const QString &conceptName,
                            const Taxonomy &taxonomy);

private:
    QHash<QString, QChar> m_byConcept;
    QHash<QChar, QString> m_byKey;
};

} // namespace ms::core
