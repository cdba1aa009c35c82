#include "core/conceptkeymap.h"

#include "core/error.h"

#include <QSet>

namespace ms::core {

namespace {

// Levels 1/2/3, whole film 0, next unannotated N, loop L, clip editing I, O,
// S (split), M (merge); the punctuation keys are not letters or digits and
// cannot be chosen anyway.
constexpr char16_t kReserved[] = u"0123NLIOSM";

QChar normalised(QChar c)
{
    return c.toUpper();
}

bool usable(QChar c)
{
    return (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9');
}

} // namespace

bool ConceptKeyMap::isReserved(QChar key)
{
    const QChar k = normalised(key);
    for (char16_t r : kReserved)
        if (r && k == QChar(r))
            return true;
    return false;
}

namespace {

// The first of the name's letters, then of the alphabet, then of the digits
// 4..9, that `free` accepts; null when none does.
template <typename Free> QChar firstFree(const QString &name, const Free &free)
{
    for (QChar ch : name)
        if (free(normalised(ch)))
            return normalised(ch);
    for (char16_t ch = u'A'; ch <= u'Z'; ++ch)
        if (free(QChar(ch)))
            return QChar(ch);
    for (char16_t ch = u'4'; ch <= u'9'; ++ch)
        if (free(QChar(ch)))
            return QChar(ch);
    return {};
}

} // namespace

ConceptKeyMap::ConceptKeyMap(const Taxonomy &taxonomy)
{
    const auto take = [this](const QString &name, QChar key) {
        m_byConcept.insert(name, key);
        m_byKey.insert(key, name);
    };
    // The defaults as if nobody had chosen a key, so choosing one moves no
    // other concept's key unless it takes that very key.
    QHash<QString, QChar> defaults;
    {
        QSet<QChar> used;
        for (const Concept &c : taxonomy.concepts()) {
            const QChar k = firstFree(c.name, [&used](QChar k) {
                return usable(k) && !isReserved(k) && !used.contains(k);
            });
            if (!k.isNull()) {
                used.insert(k);
                defaults.insert(c.name, k);
            }
        }
    }
    for (const Concept &c : taxonomy.concepts()) {
        if (c.shortcut.size() != 1)
            continue;
        const QChar k = normalised(c.shortcut.at(0));
        if (usable(k) && !isReserved(k) && !m_byKey.contains(k))
            take(c.name, k);
    }
    QStringList displaced;
    for (const Concept &c : taxonomy.concepts()) {
        if (m_byConcept.contains(c.name))
            continue;
        const QChar k = defaults.value(c.name);
        if (!k.isNull() && !m_byKey.contains(k))
            take(c.name, k);
        else
            displaced.append(c.name);
    }
    // Whose default someone chose: the first free key of the same kind.
    const auto free = [this](QChar k) {
        return usable(k) && !isReserved(k) && !m_byKey.contains(k);
    };
    for (const QString &name : std::as_const(displaced))
        if (const QChar k = firstFree(name, free); !k.isNull())
            take(name, k);
}

QChar ConceptKeyMap::keyOf(const QString &conceptName) const
{
    return m_byConcept.value(Taxonomy::normaliseName(conceptName));
}

QString ConceptKeyMap::conceptOf(QChar key) const
{
    return m_byKey.value(normalised(key));
}

QString ConceptKeyMap::validate(const QString &key, const QString &conceptName,
                                const Taxonomy &taxonomy)
{
    const QString k = key.trimmed().toUpper();
    if (k.isEmpty())
        return k;
    if (k.size() != 1 || !usable(k.at(0)))
        throw UserError(QStringLiteral("'%1' cannot be the key of concept '%2': a key is one "
                                       "letter A-Z or one digit")
                            .arg(key, conceptName));
    if (isReserved(k.at(0)))
        throw UserError(QStringLiteral("'%1' cannot be the key of concept '%2': the window "
                                       "uses it (1/2/3 levels, 0 whole film, N next unannotated, "
                                       "L loop, I/O/S/M clip editing)")
                            .arg(k, conceptName));
    const QString own = Taxonomy::normaliseName(conceptName);
    for (const Concept &c : taxonomy.concepts())
        if (c.name != own && c.shortcut.toUpper() == k)
            throw UserError(QStringLiteral("'%1' cannot be the key of concept '%2': it is "
                                           "already the key of '%3'")
                                .arg(k, conceptName, c.name));
    return k;
}

} // namespace ms::core
