#include "core/conceptkeymap.h"

#include "core/error.h"

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

ConceptKeyMap::ConceptKeyMap(const Taxonomy &taxonomy)
{
    const auto take = [this](const QString &name, QChar key) {
        m_byConcept.insert(name, key);
        m_byKey.insert(key, name);
    };
    // Own keys first, so a default never takes a key the user chose for a
    // concept further down the list.
    for (const Concept &c : taxonomy.concepts()) {
        if (c.shortcut.size() != 1)
            continue;
        const QChar k = normalised(c.shortcut.at(0));
        if (usable(k) && !isReserved(k) && !m_byKey.contains(k))
            take(c.name, k);
    }
    const auto free = [this](QChar k) {
        return usable(k) && !isReserved(k) && !m_byKey.contains(k);
    };
    for (const Concept &c : taxonomy.concepts()) {
        if (m_byConcept.contains(c.name))
            continue;
        QChar chosen;
        for (QChar ch : c.name) {
            const QChar k = normalised(ch);
            if (free(k)) {
                chosen = k;
                break;
            }
        }
        for (char16_t ch = u'A'; chosen.isNull() && ch <= u'Z'; ++ch)
            if (free(QChar(ch)))
                chosen = QChar(ch);
        for (char16_t ch = u'4'; chosen.isNull() && ch <= u'9'; ++ch)
            if (free(QChar(ch)))
                chosen = QChar(ch);
        if (!chosen.isNull())
            take(c.name, chosen);
    }
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
