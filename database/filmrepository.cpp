#include "database/filmrepository.h"

#include "core/error.h"
#include "core/filefingerprint.h"
#include "core/mediaprobe.h"
#include "core/formats/formatoption.h"
#include "core/mediasubtitlereader.h"
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
    return "id, movie_id, title, media_path, media_fingerprint, media_probe, subtitles_path, "
           "subtitles_stream";
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
    f.subtitlesStream = int(row.int64(7));
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

void FilmRepository::requireTextStream(const QString &media, int stream)
{
    QStringList text;
    for (const auto &s : core::MediaSubtitleReader::subtitleStreams(media)) {
        if (s.index == stream && !s.textBased)
            throw UserError(QStringLiteral("%1: subtitle stream %2 is %3, pictures of text; "
                                           "Modalscope reads text subtitle streams only")
                                .arg(media)
                                .arg(stream)
                                .arg(s.codec));
        if (s.index == stream)
            return;
        if (s.textBased)
            text.append(QString::number(s.index));
    }
    throw UserError(
        text.isEmpty()
            ? QStringLiteral("%1: has no text subtitle stream (asked for stream %2)")
                  .arg(media)
                  .arg(stream)
            : QStringLiteral("%1: stream %2 is not a text subtitle stream; its text subtitle "
                             "streams are %3")
                  .arg(media)
                  .arg(stream)
                  .arg(core::listInWords(text)));
}

core::Film FilmRepository::attachMedia(const QString &movieId, const QString &mediaPath,
                                       const QString &subtitlesPath, const QString &title,
                                       int subtitlesStream)
{
    if (movieId.trimmed().isEmpty())
        throw UserError(QStringLiteral("a film needs an id (--movie)"));
    const core::MediaInfo info = core::MediaProbe::probe(mediaPath);
    const QString fingerprint = core::FileFingerprint::of(mediaPath);
    if (!subtitlesPath.isEmpty() && subtitlesStream >= 0)
        throw UserError(QStringLiteral("%1: give a subtitle file or one of its subtitle streams, "
                                       "not both")
                            .arg(mediaPath));
    if (!subtitlesPath.isEmpty() && !QFileInfo(subtitlesPath).isFile())
        throw UserError(QStringLiteral("%1: no such subtitle file").arg(subtitlesPath));
    if (subtitlesStream >= 0)
        requireTextStream(mediaPath, subtitlesStream);
    auto &db = m_project.sql();
    Transaction tx(db);
    auto st = db.prepare(
        "INSERT INTO films(movie_id, title, media_path, media_fingerprint, media_probe, "
        "subtitles_path, subtitles_stream) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
        "ON CONFLICT(movie_id) DO UPDATE SET "
        "title = CASE WHEN ?2 = '' THEN title ELSE ?2 END, media_path = ?3, "
        "media_fingerprint = ?4, media_probe = ?5, subtitles_path = ?6, subtitles_stream = ?7");
    st.bind(1, movieId.trimmed()).bind(2, title).bind(3, toStored(mediaPath)).bind(4, fingerprint);
    st.bind(5, QString::fromUtf8(QJsonDocument(info.toJson()).toJson(QJsonDocument::Compact)));
    st.bind(6, subtitlesPath.isEmpty() ? QString() : toStored(subtitlesPath));
    st.bind(7, qint64(std::max(-1, subtitlesStream)));
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
    return setSubtitleSource(movieId, {path, -1});
}

core::Film FilmRepository::setSubtitleSource(const QString &movieId,
                                             const core::SubtitleSource &source)
{
    const auto f = film(movieId);
    if (!f)
        throw UserError(
            QStringLiteral("%1: no film '%2' in the project").arg(m_project.path(), movieId));
    const QString &path = source.path;
    QString stored;
    if (source.isStream()) {
        if (f->mediaPath.isEmpty())
            throw UserError(QStringLiteral("film '%1' has no media file, so no subtitle stream; "
                                           "attach its media first")
                                .arg(movieId));
        const QString media = resolve(f->mediaPath);
        if (!QFileInfo::exists(media))
            throw UserError(QStringLiteral("%1: the media file of '%2' is missing; relink it "
                                           "before choosing one of its subtitle streams")
                                .arg(media, movieId));
        requireTextStream(media, source.stream);
    } else if (!path.isEmpty()) {
        if (!QFileInfo(path).isFile())
            throw UserError(QStringLiteral("%1: no such subtitle file").arg(path));
        stored = toStored(path);
    }
    auto &db = m_project.sql();
    Transaction tx(db);
    auto st = db.prepare(
        "UPDATE films SET subtitles_path = ?, subtitles_stream = ? WHERE movie_id = ?");
    st.bind(1, stored).bind(2, qint64(source.isStream() ? source.stream : -1)).bind(3, movieId);
    st.run();
    tx.commit();
    return *film(movieId);
}

core::SubtitleSource FilmRepository::subtitleSource(const core::Film &f) const
{
    if (f.subtitlesStream >= 0 && !f.mediaPath.isEmpty())
        return {resolve(f.mediaPath), f.subtitlesStream};
    if (!f.subtitlesPath.isEmpty())
        return {resolve(f.subtitlesPath), -1};
    return {};
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
    // A re-encoded file may have lost the chosen subtitle stream: then the
    // film keeps its media and loses only that choice.
    int stream = f->subtitlesStream;
    if (stream >= 0) {
        try {
            requireTextStream(newPath, stream);
        } catch (const UserError &) {
            stream = -1;
        }
    }
    return attachMedia(movieId, newPath, f->subtitlesPath.isEmpty() ? QString() : resolve(f->subtitlesPath),
                       f->title, stream);
}

} // namespace ms::db
