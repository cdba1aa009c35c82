#pragma once

#include "core/film.h"
#include "core/subtitlesource.h"

#include <QString>
#include <optional>

namespace ms::db {

class ProjectDatabase;
class SqliteStatement;

// A film's media as the project sees it now.
struct MediaStatus
{
    enum class State { None, Ok, Missing, Changed };
    State state = State::None;
    QString absolutePath;
    QString describe() const;
};

// Films and their media files. Paths inside the project's folder are stored
// relative to it, so a project folder can be moved or shared whole; a file
// outside stays absolute. Each attached file's fingerprint is kept, so a
// moved file is found again (relink) and a changed one is noticed.
class FilmRepository
{
public:
    explicit FilmRepository(ProjectDatabase &project) : m_project(project) {}

    std::optional<core::Film> film(const QString &movieId);
    // Probes `mediaPath` (refused with FFmpeg's reason if it cannot be read),
    // creates the film if needed, stores path, fingerprint and probe. One
    // transaction. The subtitles are the file `subtitlesPath` or, with
    // `subtitlesStream` >= 0, that text subtitle stream of the media
    // (refused when the media has no such text stream).
    core::Film attachMedia(const QString &movieId, const QString &mediaPath,
                           const QString &subtitlesPath = {}, const QString &title = {},
                           int subtitlesStream = -1);
    MediaStatus mediaStatus(const core::Film &film);
    // Points the film at a moved file. Refused when the file's fingerprint
    // differs from the attached one, unless `force` (the file was re-encoded).
    core::Film relink(const QString &movieId, const QString &newPath, bool force);
    // The film's subtitle file becomes `path` (empty: none), stored relative
    // when inside the project's folder. UserError for an unknown film or a
    // file that is not there; one transaction.
    core::Film setSubtitles(const QString &movieId, const QString &path);
    // The same for a source that may be a stream of the film's own media
    // (`source.path` is then ignored: the stream is the attached media's).
    // UserError for a film without media or a stream that is not a text
    // subtitle stream of it.
    core::Film setSubtitleSource(const QString &movieId, const core::SubtitleSource &source);
    // Where the film's subtitles are read from now (absolute paths); empty
    // when it has none.
    core::SubtitleSource subtitleSource(const core::Film &film) const;

    // The columns a film is read from (select them first, in this order) and
    // the film of such a row: the stored probe is parsed here, once.
    static const char *columns();
    static core::Film fromRow(const SqliteStatement &row);

    // UserError naming `media` unless `stream` is one of its text subtitle
    // streams (it names the ones there are).
    static void requireTextStream(const QString &media, int stream);

    QString resolve(const QString &stored) const; // stored path -> absolute
    QString toStored(const QString &path) const;  // absolute -> relative when inside

private:
    ProjectDatabase &m_project;
};

} // namespace ms::db
