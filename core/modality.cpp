#include "core/modality.h"

namespace ms::core {

QString modalityLetter(Modality m)
{
    switch (m) {
    case Modality::Visual:
        return QStringLiteral("V");
    case Modality::Audio:
        return QStringLiteral("A");
    case Modality::Text:
        return QStringLiteral("T");
    }
    return {};
}

QString modalityName(Modality m)
{
    switch (m) {
    case Modality::Visual:
        return QStringLiteral("visual");
    case Modality::Audio:
        return QStringLiteral("audio");
    case Modality::Text:
        return QStringLiteral("textual");
    }
    return {};
}

std::optional<Modality> parseModality(const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t == u"v" || t == u"visual" || t == u"video" || t == u"vision")
        return Modality::Visual;
    if (t == u"a" || t == u"audio")
        return Modality::Audio;
    if (t == u"t" || t == u"text" || t == u"textual")
        return Modality::Text;
    return std::nullopt;
}

QString ModalitySet::letters() const
{
    // The paper writes AV, AT, VT, AVT: audio before visual before text.
    QString out;
    if (contains(Modality::Audio))
        out += u'A';
    if (contains(Modality::Visual))
        out += u'V';
    if (contains(Modality::Text))
        out += u'T';
    return out;
}

QString ModalitySet::codes() const
{
    QStringList parts;
    for (Modality m : kAllModalities)
        if (contains(m))
            parts.append(modalityLetter(m));
    return parts.join(u'|');
}

std::optional<ModalitySet> ModalitySet::parseLetters(const QString &text)
{
    ModalitySet s;
    const QString t = text.trimmed().toUpper();
    if (t.isEmpty())
        return std::nullopt;
    for (QChar c : t) {
        const auto m = parseModality(QString(c));
        if (!m || s.contains(*m))
            return std::nullopt;
        s.insert(*m);
    }
    return s;
}

} // namespace ms::core
