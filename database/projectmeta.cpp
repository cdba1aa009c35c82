#include "database/projectmeta.h"

#include "database/sqlitedatabase.h"

namespace ms::db {

QString ProjectMeta::value(const QString &key, const QString &fallback)
{
    auto st = m_db.prepare("SELECT value FROM project_meta WHERE key = ?");
    st.bind(1, key);
    return st.step() ? st.text(0) : fallback;
}

bool ProjectMeta::set(const QString &key, const QString &value)
{
    auto st = m_db.prepare("INSERT INTO project_meta(key, value) VALUES (?1, ?2) "
                           "ON CONFLICT(key) DO UPDATE SET value = ?2 WHERE value <> ?2");
    st.bind(1, key).bind(2, value);
    st.run();
    return m_db.changes() > 0;
}

} // namespace ms::db
