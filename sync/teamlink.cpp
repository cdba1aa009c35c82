#include "sync/teamlink.h"

#include "database/projectmeta.h"
#include "database/sqlitedatabase.h"

namespace ms::sync {

TeamLink TeamLink::read(db::SqliteDatabase &db)
{
    TeamLink l;
    db::ProjectMeta meta(db);
    l.server = meta.value(QString::fromLatin1(keyServer));
    l.linked = !l.server.isEmpty();
    if (!l.linked)
        return l;
    l.member = meta.value(QString::fromLatin1(keyMember));
    l.coordinator = meta.value(QString::fromLatin1(keyCoordinator)) == u"1";
    l.origin = meta.value(QString::fromLatin1(keyOrigin));
    l.pulledSeq = meta.value(QString::fromLatin1(keyPulledSeq), QStringLiteral("0")).toLongLong();
    l.lastSync =
        QDateTime::fromString(meta.value(QString::fromLatin1(keyLastSync)), Qt::ISODateWithMs);
    l.lastError = meta.value(QString::fromLatin1(keyLastError));
    l.waiting = db.scalar("SELECT count(*) FROM team_outbox");
    return l;
}

QString TeamLink::shortStatus(bool offline) const
{
    if (!linked)
        return {};
    const QString waitingText =
        waiting == 0 ? QString() : QStringLiteral("%1 waiting").arg(waiting);
    if (offline)
        return waitingText.isEmpty() ? QStringLiteral("offline")
                                     : QStringLiteral("offline · ") + waitingText;
    return waitingText.isEmpty() ? QStringLiteral("synced") : waitingText;
}

} // namespace ms::sync
