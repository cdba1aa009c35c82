#include "core/taxonomy.h"

#include "core/conceptkeymap.h"
#include "core/error.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace ms::core {

Taxonomy Taxonomy::defaultTaxonomy()
{
    QFile f(QStringLiteral(":/modalscope/taxonomy/objectification.json"));
    if (!f.open(QIODevice::ReadOnly))
        throw UserError(QStringLiteral("built-in taxonomy resource is missing from this build"));
    return fromJson(f.readAll(), QStringLiteral("built-in taxonomy"));
}

Taxonomy Taxonomy::fromJson(const QByteArray &json, const QString &origin)
{
    QJsonParseError perr;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &perr);
    if (perr.error != QJsonParseError::NoError)
        throw UserError(QStringLiteral("%1: not valid JSON at offset %2: %3")
                            .arg(origin)
                            .arg(perr.offset)
                            .arg(perr.errorString()));
    const QJsonArray arr = doc.object().value(QStringLiteral("concepts")).toArray();
    if (arr.isEmpty())
        throw UserError(QStringLiteral("%1: no \"concepts\" array").arg(origin));
    QList<Concept> out;
    QSet<QString> seen;
    for (qsizetype i = 0; i < arr.size(); ++i) {
        const QJsonObject o = arr.at(i).toObject();
        Concept c;
        c.name = normaliseName(o.value(QStringLiteral("name")).toString());
        if (c.name.isEmpty())
            throw UserError(QStringLiteral("%1: concept %2 has no name").arg(origin).arg(i + 1));
        const QString mod = o.value(QStringLiteral("modality")).toString();
        if (!mod.isEmpty()) {
            c.modality = parseModality(mod);
            if (!c.modality)
                throw UserError(
                    QStringLiteral("%1: concept '%2' has unknown modality '%3' "
                                   "(expected visual, audio or textual)")
                        .arg(origin, c.name, mod));
        }
        c.description = o.value(QStringLiteral("description")).toString();
        c.retired = o.value(QStringLiteral("retired")).toBool(false);
        c.shortcut = o.value(QStringLiteral("key")).toString().trimmed().toUpper();
        if (seen.contains(c.name))
            throw UserError(QStringLiteral("%1: concept '%2' appears twice").arg(origin, c.name));
        seen.insert(c.name);
        out.append(c);
    }
    Taxonomy taxonomy(std::move(out));
    for (const Concept &c : taxonomy.concepts()) {
        try {
            ConceptKeyMap::validate(c.shortcut, c.name, taxonomy);
        } catch (const UserError &e) {
            throw UserError(QStringLiteral("%1: %2").arg(origin, e.message()));
        }
    }
    return taxonomy;
}

QByteArray Taxonomy::toJson() const
{
    QJsonArray arr;
    for (const Concept &c : m_concepts) {
        QJsonObject o;
        o.insert(QStringLiteral("name"), c.name);
        o.insert(QStringLiteral("modality"), c.modality ? modalityName(*c.modality) : QString());
        o.insert(QStringLiteral("description"), c.description);
        if (c.retired)
            o.insert(QStringLiteral("retired"), true);
        if (!c.shortcut.isEmpty())
            o.insert(QStringLiteral("key"), c.shortcut);
        arr.append(o);
    }
    QJsonObject root;
    root.insert(QStringLiteral("concepts"), arr);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

QString Taxonomy::normaliseName(const QString &name)
{
    return name.simplified();
}

const Concept *Taxonomy::find(const QString &name) const
{
    const QString key = normaliseName(name);
    for (const Concept &c : m_concepts)
        if (c.name == key)
            return &c;
    return nullptr;
}

const Concept *Taxonomy::findById(qint64 id) const
{
    for (const Concept &c : m_concepts)
        if (c.id == id)
            return &c;
    return nullptr;
}

ModalitySet Taxonomy::modalitiesOf(const QStringList &conceptNames) const
{
    ModalitySet s;
    for (const QString &n : conceptNames)
        if (const Concept *c = find(n); c && c->modality)
            s.insert(*c->modality);
    return s;
}

} // namespace ms::core
