#pragma once

#include <QString>

namespace ms::db {

class SqliteDatabase;

// Small key/value facts about the project (the Not Sure rule of the last
// ObyGaze import, ...). set() runs inside the caller's transaction if any.
class ProjectMeta
{
public:
    explicit ProjectMeta(SqliteDatabase &db) : m_db(db) {}
    QString value(const QString &key, const QString &fallback = {});
    // Returns true when the stored value changed.
    bool set(const QString &key, const QString &value);

private:
    SqliteDatabase &m_db;
};

} // namespace ms::db
