#include "database/transaction.h"

#include "database/sqlitedatabase.h"

#include <sqlite3.h>

namespace ms::db {

Transaction::Transaction(SqliteDatabase &db) : m_db(db)
{
    m_db.exec("BEGIN IMMEDIATE");
}

Transaction::~Transaction()
{
    if (!m_done && m_db.inTransaction())
        sqlite3_exec(m_db.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit()
{
    m_db.exec("COMMIT");
    m_done = true;
}

} // namespace ms::db
