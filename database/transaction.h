#pragma once

namespace ms::db {

class SqliteDatabase;

// BEGIN IMMEDIATE on construction; rolls back on destruction unless
// committed, so an exception anywhere leaves the project as it was.
class Transaction
{
public:
    explicit Transaction(SqliteDatabase &db);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;
    void commit();

private:
    SqliteDatabase &m_db;
    bool m_done = false;
};

} // namespace ms::db
