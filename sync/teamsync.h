#pragma once

#include <QString>
#include <QStringList>
#include <functional>
#include <memory>

namespace ms::db {
class ProjectDatabase;
class SqliteDatabase;
} // namespace ms::db

namespace ms::sync {

class PgConnection;

// The merge between a local project and the team server (docs/team.md).
//
// Push: the local changes the server has not acknowledged (team_outbox,
// filled in the same transaction as each edit, each with its own UUID) go up
// in order, in batches; each batch is one server transaction, and only after
// it committed are its rows removed locally. A push cut off anywhere
// (network, server restart, SIGKILL) is simply sent again: the server keeps a
// change_id once (ON CONFLICT DO NOTHING), so nothing is lost or doubled.
//
// Pull: the changes after the last server sequence number applied here, up
// to the server's last one when the pull began, read in windows; each
// annotation is written once per window, in short local transactions that
// also record how far the pull got, so a pull cut off anywhere resumes there
// and applying a change twice changes nothing. Annotations belong to their
// annotator: two members never write the same row, so changes never
// conflict; films, clips and concepts are the coordinator's (a clip removal
// travels and is applied through db::ClipRepository, which keeps the clip's
// annotations aside). The details are in docs/team.md.
class TeamSync
{
public:
    struct Report
    {
        qint64 pushed = 0;     // changes the server stored
        qint64 duplicates = 0; // sent again after an interruption, already there
        qint64 pulled = 0;     // changes of others applied here
        qint64 skipped = 0;    // pulled changes this project could not apply (named in messages)
        qint64 refused = 0;    // local changes the server refused (named in messages)
        qint64 serverSeq = 0;  // the last sequence number seen
        qint64 waiting = 0;    // still queued locally after the sync
        QStringList messages;
        QString summary() const;
    };
    using Progress = std::function<void(const QString &)>;

    explicit TeamSync(db::ProjectDatabase &project);
    ~TeamSync();

    // Publishes the project as the team's starting point on a new server
    // schema and links it as the coordinator's project. Nothing changes
    // locally unless the server committed.
    static Report init(db::ProjectDatabase &project, const QString &server);
    // A new local project at `path` (refused if it exists) linked to the
    // team and filled from the server.
    static Report join(const QString &path, const QString &server);

    // Push, then pull (and push what was edited meanwhile). The connection
    // is kept for the next sync() of this object. Throws ServerError (offline or refused) or
    // UserError; the outcome is recorded in the project (TeamLink::lastSync/lastError).
    Report sync(const Progress &progress = {}, const std::function<bool()> &cancelled = {});

    // Changes per server transaction (push) and per read (pull); 2000.
    void setBatchSize(int rows) { m_batch = rows; }

    // A SHA-256 (hex) of every annotation (clip, annotator, level, concepts,
    // note, time): equal on two projects and the server when they agree.
    static QString localStateHash(db::SqliteDatabase &db);
    static QString serverStateHash(PgConnection &conn);

private:
    void push(PgConnection &conn, Report &r, const Progress &progress,
              const std::function<bool()> &cancelled);
    void pull(PgConnection &conn, Report &r, const Progress &progress,
              const std::function<bool()> &cancelled);
    void queueCatalogChanges();
    void restoreFromServer(PgConnection &conn, const QString &kind, const QString &key);

    db::ProjectDatabase &m_project;
    // Kept between syncs of this object; dropped when the server went away.
    std::unique_ptr<PgConnection> m_conn;
    int m_batch = 2000;
    bool m_yieldToEdits = true;
};

} // namespace ms::sync
