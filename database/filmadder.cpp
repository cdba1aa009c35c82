#include "database/filmadder.h"

#include "core/error.h"
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
    int stream = request.subtitlesStream;
    if (subtitles.isEmpty() && stream < 0) {
        // A sidecar is the user's own choice for this film; a stream inside
        // it is what the film came with.
        const auto sidecars = core::SubtitleSidecarFinder::sidecars(request.videoPath);
        if (!sidecars.isEmpty()) {
            subtitles = sidecars.first().path;
        } else {
            try {
                const auto streams = core::SubtitleSidecarFinder::streams(request.videoPath);
                if (!streams.isEmpty())
                    stream = streams.first().streamIndex;
            } catch (const core::UserError &) {
                // attachMedia's probe says what is wrong with the file.
            }
        }
    }
    return FilmRepository(m_project).attachMedia(movieId, request.videoPath, subtitles,
                                                 request.title, stream);
}

} // namespace ms::db
