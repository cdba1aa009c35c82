#pragma once

// Shared by the team-server tests: a throwaway cluster, a coordinator role
// that is not a superuser (superusers bypass row-level security), and small
// project helpers. Header-only, like tests/testsupport.h.

#include "core/importrecord.h"
#include "database/annotationrepository.h"
#include "database/importservice.h"
#include "database/projectdatabase.h"
#include "sync/localcluster.h"
#include "sync/pgconnection.h"
#include "sync/teamserver.h"
#include "sync/teamsync.h"

#include <QString>
#include <memory>

namespace ms::test {

struct TeamFixture
{
    std::unique_ptr<sync::LocalCluster> cluster;
    QString skipReason;

    // Starts the cluster and creates the coordinator role "coord" (CREATEROLE,
    // owner of database "team"). false with skipReason when PostgreSQL is
    // missing; qFatal when it is there but does not start.
    bool start()
    {
        if (sync::LocalCluster::binDir().isEmpty()) {
            skipReason = QStringLiteral("PostgreSQL server binaries (initdb, pg_ctl) are not "
                                        "installed: run scripts/install-deps.sh");
            return false;
        }
        cluster = std::make_unique<sync::LocalCluster>();
        QString error;
        if (!cluster->start(&error))
            qFatal("cannot start the throwaway PostgreSQL cluster: %s", qPrintable(error));
        sync::PgConnection admin(cluster->connectionString());
        admin.exec("CREATE ROLE coord LOGIN CREATEROLE");
        admin.exec("CREATE DATABASE team OWNER coord");
        return true;
    }

    QString server(const QString &user) const
    {
        return cluster->connectionString(user, QStringLiteral("team"));
    }

    // A project of `films` x `clipsPerFilm` clips with times; the first half
    // of the clips annotated by the non-member "obygaze".
    static void fillProject(db::ProjectDatabase &project, int films, int clipsPerFilm)
    {
        QList<core::ImportRecord> rows;
        for (int f = 0; f < films; ++f)
            for (int c = 0; c < clipsPerFilm; ++c) {
                core::ImportRecord r;
                r.clipId = QStringLiteral("tt%1-%2")
                               .arg(f, 4, 10, QLatin1Char('0'))
                               .arg(c, 3, 10, QLatin1Char('0'));
                r.movieId = QStringLiteral("tt%1").arg(f, 4, 10, QLatin1Char('0'));
                r.hasTimes = true;
                r.startMs = c * 10000;
                r.endMs = c * 10000 + 8000;
                if (c < clipsPerFilm / 2) {
                    r.level = c % 2 ? core::Level::Sure : core::Level::HardNegative;
                    r.concepts = {QStringLiteral("Body")};
                }
                rows.append(r);
            }
        db::ImportService(project).apply(rows, QStringLiteral("obygaze"), QStringLiteral("test"));
    }

    // Sets `annotator`'s annotation of clip number `i` (of all clips) to a
    // value that depends on `k`, so successive calls change it.
    static void edit(db::ProjectDatabase &project, const QString &annotator, int i, int k)
    {
        db::AnnotationRepository repo(project.sql());
        const auto clips = repo.clips();
        db::AnnotationState s;
        const core::Level levels[] = {core::Level::EasyNegative, core::Level::HardNegative,
                                      core::Level::Sure};
        s.level = levels[k % 3];
        if (k % 3)
            s.concepts = k % 2 ? QStringList{QStringLiteral("Body"), QStringLiteral("Voice")}
                               : QStringList{QStringLiteral("Voice")};
        s.note = QStringLiteral("%1 edit %2").arg(annotator).arg(k);
        repo.setAnnotation(clips.at(i % clips.size()).id, annotator, s, QStringLiteral("test"));
    }

    // Changes authored by `member` on the server, and how many distinct ones.
    qint64 serverChanges(const QString &member,
                         const QString &kind = QStringLiteral("annotation")) const
    {
        sync::PgConnection c(server(QStringLiteral("coord")));
        return c
            .exec("SELECT count(*) FROM modalscope.changes WHERE author = $1 AND kind = $2",
                  {member, kind})
            .int64(0, 0);
    }
    QString serverHash() const
    {
        sync::PgConnection c(server(QStringLiteral("coord")));
        return sync::TeamSync::serverStateHash(c);
    }
};

// Edits `annotator` committed in a project (not those a pull wrote).
inline qint64 localEdits(db::ProjectDatabase &project, const QString &annotator)
{
    auto st = project.sql().prepare("SELECT count(*) FROM annotation_history WHERE annotator = ? "
                                    "AND source NOT LIKE 'team:%'");
    st.bind(1, annotator);
    st.step();
    return st.int64(0);
}

} // namespace ms::test
