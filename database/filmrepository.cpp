#include "database/filmrepository.h"

#include "core/error.h"
#include "core/filefingerprint.h"
#include "core/mediaprobe.h"
#include "database/projectdatabase.h"
#include "database/sqlitestatement.h"
#include "database/transaction.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

using ms::core::UserError;

namespace ms::db {

QString MediaStatus::describe() const
{
    switch (state) {
    case State::None:
        return QStringLiteral("no media");
    case State::Ok:
        return QStringLiteral("ok");
    case State::Missing:
        return QStringLiteral("MISSING (%1): relink it").arg(absolutePath);
    case State::Changed:
        return QStringLiteral("CHANGED since it was attached (%1)").arg(absolutePath);
    }
    return {};
}

QString FilmRepository::resolve(const QString &stored) const
{
    if (stored.isEmpty() || QDir::isAbsolutePath(stored))
        return stored;
    return QDir::cleanPath(QFileInfo(m_project.path()).absoluteDir().filePath(stored));
}

QString FilmRepository::toStored(const QString &path) const
{
    const QString abs = QFileInfo(path).absoluteFilePath();
    const QDir projectDir = QFileInfo(m_project.path()).absoluteDir();
    const QString rel = projectDir.relativeFilePath(abs);
    return rel.startsWith(QStringLiteral("..")) ? abs : rel;
}

const char *FilmRepository::columns()
{
    return "id, movie_id, title, media_path, media_fingerprint, media_probe, subtitles_path";
}

core::Film FilmRepository::fromRow(const SqliteStatement &row)
{
    core::Film f;
    f.id = row.int64(0);
    f.movieId = row.text(1);
    f.title = row.text(2);
    f.mediaPath = row.text(3);
    f.mediaFingerprint = row.text(4);
    if (const QString probe = row.text(5); !probe.isEmpty())
        f.media = core::MediaInfo::fromJson(QJsonDocument::fromJson(probe.toUtf8()).object());
    f.subtitlesPath = row.text(6);
    return f;
}

std::optional<core::Film> FilmRepository::film(const QString &movieId)
{
    auto st = m_project.sql().prepare(
        (QByteArray("SELECT ") + columns() + " FROM films WHERE movie_id = ?").constData());
    st.bind(1, movieId);
    if (!st.step())
        return std::nullopt;
    return fromRow(st);
}

core::Film FilmRepository::attachMedia(const QString &movieId, const QString &mediaPath,
                                       const QString &subtitlesPath, const QString &title)
{
    if (movieId.trimmed().isEmpty())
        throw UserError(QStringLiteral("a film needs an id (--movie)"));
    const core::MediaInfo info = core::MediaProbe::probe(mediaPath);
    const QString fingerprint = core::FileFingerprint::of(mediaPath);
    if (!subtitlesPath.isEmpty() && !QFileInfo(subtitlesPath).isFile())
        throw UserError(QStringLiteral("%1: no such subtitle file").arg(subtitlesPath));
    auto &db = m_project.sql();
    Transaction tx(db);
    auto st = db.prepare(
        "INSERT INTO films(movie_id, title, media_path, media_fingerprint, media_probe, "
        "subtitles_path) VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(movie_id) DO UPDATE SET "
        "title = CASE WHEN ?2 = '' THEN title ELSE ?2 END, media_path = ?3, "
        "media_fingerprint = ?4, media_probe = ?5, subtitles_path = ?6");
    st.bind(1, movieId.trimmed()).bind(2, title).bind(3, toStored(mediaPath)).bind(4, fingerprint);
    st.bind(5, QString::fromUtf8(QJsonDocument(info.toJson()).toJson(QJsonDocument::Compact)));
    st.bind(6, subtitlesPath.isEmpty() ? QString() : toStored(subtitlesPath));
    st.run();
    tx.commit();
    return *film(movieId.trimmed());
}

MediaStatus FilmRepository::mediaStatus(const core::Film &f)
{
    MediaStatus s;
    if (f.mediaPath.isEmpty())
        return s;
    s.absolutePath = resolve(f.mediaPath);
    if (!QFileInfo::exists(s.absolutePath)) {
        s.state = MediaStatus::State::Missing;
        return s;
    }
    // Size first: a cheap way to notice most replacements without reading.
    const QStringList parts = f.mediaFingerprint.split(u':');
    if (parts.size() == 3 && parts[1].toLongLong() != QFileInfo(s.absolutePath).size()) {
        s.state = MediaStatus::State::Changed;
        return s;
    }
    s.state = core::FileFingerprint::of(s.absolutePath) == f.mediaFingerprint
                  ? MediaStatus::State::Ok
                  : MediaStatus::State::Changed;
    return s;
}

core::Film FilmRepository::setSubtitles(const QString &movieId, const QString &path)
{
    if (!film(movieId))
        throw UserError(
            QStringLiteral("%1: no film '%2' in the project").arg(m_project.path(), movieId));
    if (!path.isEmpty() && !QFileInfo(path).isFile())
        throw UserError(QStringLiteral("%1: no such subtitle file").arg(path));
    auto &db = m_project.sql();
    Transaction tx(db);
    auto st = db.prepare("UPDATE films SET subtitles_path = ? WHERE movie_id = ?");
    st.bind(1, path.isEmpty() ? QString() : toStored(path)).bind(2, movieId);
    st.run();
    tx.commit();
    return *film(movieId);
}

core::Film FilmRepository::relink(const QString &movieId, const QString &newPath, bool force)
{
    const auto f = film(movieId);
    if (!f)
        throw UserError(QStringLiteral("%1: no film '%2' in the project").arg(m_project.path(), movieId));
    if (!force && !f->mediaFingerprint.isEmpty() &&
        core::FileFingerprint::of(newPath) != f->mediaFingerprint)
        throw UserError(QStringLiteral("%1 is not the file that was attached to '%2' (its content "
                                       "differs); use --force if it is the same film re-encoded")
                            .arg(newPath, movieId));
    return attachMedia(movieId, newPath, f->subtitlesPath.isEmpty() ? QString() : resolve(f->subtitlesPath),
                       f->title);
}

} // namespace ms::db
