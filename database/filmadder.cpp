#include "database/filmadder.h"

#include "core/subtitlesidecarfinder.h"
#include "database/filmrepository.h"

#include <QFileInfo>

namespace ms::db {

core::Film FilmAdder::add(const Request &request)
{
    const QString movieId = request.movieId.isEmpty()
                                ? QFileInfo(request.videoPath).completeBaseName()
                                : request.movieId;
    QString subtitles = request.subtitlesPath;
    if (subtitles.isEmpty()) {
        // Sidecars only: a stream inside the film is read from the film
        // itself, so there is no file to attach for it.
        const auto sidecars = core::SubtitleSidecarFinder::sidecars(request.videoPath);
        if (!sidecars.isEmpty())
            subtitles = sidecars.first().path;
    }
    return FilmRepository(m_project).attachMedia(movieId, request.videoPath, subtitles,
                                                 request.title);
}

} // namespace ms::db
