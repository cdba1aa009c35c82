#include "database/taxonomyrepository.h"

#include "core/conceptkeymap.h"
#include "core/error.h"
#include "database/sqlitedatabase.h"
#include "database/transaction.h"

using ms::core::Taxonomy;
using ms::core::UserError;

namespace ms::db {

core::Taxonomy TaxonomyRepository::load()
{
    auto st = m_db.prepare(
        "SELECT id, name, modality, description, retired, shortcut FROM concepts "
        "ORDER BY position, id");
    QList<core::Concept> out;
    while (st.step()) {
        core::Concept c;
        c.id = st.int64(0);
        c.name = st.text(1);
        if (!st.isNull(2))
            c.modality = core::parseModality(st.text(2));
        c.description = st.text(3);
        c.retired = st.int64(4) != 0;
        c.shortcut = st.text(5);
        out.append(c);
    }
    return Taxonomy(std::move(out));
}

qint64 TaxonomyRepository::idOf(const QString &name)
{
    auto st = m_db.prepare("SELECT id FROM concepts WHERE name = ?");
    st.bind(1, Taxonomy::normaliseName(name));
    if (!st.step())
        throw UserError(QStringLiteral("%1: no concept named '%2' in the taxonomy")
                            .arg(m_db.path(), Taxonomy::normaliseName(name)));
    return st.int64(0);
}

static void bindModality(SqliteStatement &st, int i, std::optional<core::Modality> m)
{
    if (m)
        st.bind(i, core::modalityLetter(*m));
    else
        st.bindNull(i);
}

qint64 TaxonomyRepository::addConcept(const QString &name, std::optional<core::Modality> modality,
                                      const QString &description)
{
    const QString n = Taxonomy::normaliseName(name);
    if (n.isEmpty())
        throw UserError(QStringLiteral("a concept needs a name"));
    Transaction tx(m_db);
    auto exists = m_db.prepare("SELECT 1 FROM concepts WHERE name = ?");
    exists.bind(1, n);
    if (exists.step())
        throw UserError(QStringLiteral("%1: the taxonomy already has a concept named '%2'")
                            .arg(m_db.path(), n));
    auto st = m_db.prepare("INSERT INTO concepts(name, modality, description, position) "
                           "VALUES (?, ?, ?, (SELECT coalesce(max(position), -1) + 1 FROM concepts))");
    st.bind(1, n);
    bindModality(st, 2, modality);
    st.bind(3, description);
    st.run();
    const qint64 id = m_db.lastInsertId();
    tx.commit();
    return id;
}

void TaxonomyRepository::renameConcept(const QString &name, const QString &newName)
{
    const QString n = Taxonomy::normaliseName(newName);
    if (n.isEmpty())
        throw UserError(QStringLiteral("a concept needs a name"));
    Transaction tx(m_db);
    const qint64 id = idOf(name);
    auto clash = m_db.prepare("SELECT 1 FROM concepts WHERE name = ? AND id <> ?");
    clash.bind(1, n).bind(2, id);
    if (clash.step())
        throw UserError(QStringLiteral("%1: the taxonomy already has a concept named '%2'")
                            .arg(m_db.path(), n));
    auto st = m_db.prepare("UPDATE concepts SET name = ? WHERE id = ?");
    st.bind(1, n).bind(2, id);
    st.run();
    tx.commit();
}

void TaxonomyRepository::setModality(const QString &name, std::optional<core::Modality> modality)
{
    Transaction tx(m_db);
    const qint64 id = idOf(name);
    auto st = m_db.prepare("UPDATE concepts SET modality = ? WHERE id = ?");
    bindModality(st, 1, modality);
    st.bind(2, id);
    st.run();
    tx.commit();
}

void TaxonomyRepository::setRetired(const QString &name, bool retired)
{
    Transaction tx(m_db);
    const qint64 id = idOf(name);
    auto st = m_db.prepare("UPDATE concepts SET retired = ? WHERE id = ?");
    st.bind(1, qint64(retired ? 1 : 0)).bind(2, id);
    st.run();
    tx.commit();
}

QString TaxonomyRepository::setShortcut(const QString &name, const QString &key)
{
    Transaction tx(m_db);
    const qint64 id = idOf(name);
    const QString k = core::ConceptKeyMap::validate(key, Taxonomy::normaliseName(name), load());
    auto st = m_db.prepare("UPDATE concepts SET shortcut = ? WHERE id = ?");
    st.bind(1, k).bind(2, id);
    st.run();
    tx.commit();
    return k;
}

QHash<QString, qint64> TaxonomyRepository::ensureConcepts(const QStringList &names,
                                                          QStringList *added)
{
    QHash<QString, qint64> ids;
    {
        auto st = m_db.prepare("SELECT id, name FROM concepts");
        while (st.step())
            ids.insert(st.text(1), st.int64(0));
    }
    auto insert = m_db.prepare(
        "INSERT INTO concepts(name, modality, description, position) VALUES (?, NULL, "
        "'added by an import: give it a modality', (SELECT coalesce(max(position), -1) + 1 "
        "FROM concepts))");
    for (const QString &raw : names) {
        const QString n = Taxonomy::normaliseName(raw);
        if (n.isEmpty() || ids.contains(n))
            continue;
        insert.bind(1, n);
        insert.run();
        ids.insert(n, m_db.lastInsertId());
        if (added)
            added->append(n);
    }
    return ids;
}

} // namespace ms::db
