#pragma once

#include "core/taxonomy.h"

#include <QHash>
#include <QStringList>

namespace ms::db {

class SqliteDatabase;

// The project's editable taxonomy: add, rename, retire a concept, change its
// modality. Each edit is one committed transaction; renames and modality
// changes apply to every annotation at once because annotations refer to
// concepts by id.
class TaxonomyRepository
{
public:
    explicit TaxonomyRepository(SqliteDatabase &db) : m_db(db) {}

    core::Taxonomy load();
    qint64 addConcept(const QString &name, std::optional<core::Modality> modality,
                      const QString &description = {});
    void renameConcept(const QString &name, const QString &newName);
    void setModality(const QString &name, std::optional<core::Modality> modality);
    void setRetired(const QString &name, bool retired);
    // The concept's own key (one letter or digit; empty: the default one).
    // Throws UserError when the key is reserved or another concept's; returns
    // the key as stored (upper case).
    QString setShortcut(const QString &name, const QString &key);

    // Inside the caller's transaction: the ids of `names` (normalised), adding
    // the unknown ones as concepts without a modality; `added` gets their names.
    QHash<QString, qint64> ensureConcepts(const QStringList &names, QStringList *added);

private:
    qint64 idOf(const QString &name);
    SqliteDatabase &m_db;
};

} // namespace ms::db
