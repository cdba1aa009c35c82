#pragma once

#include "core/film.h"

#include <QString>

namespace ms::db {

class ProjectDatabase;

// Adds one film to a project: the one path shared by `add-film` and the
// window's Add Films / drop (AddFilmsJob), so both store the same things.
//
// Design: the film id defaults to the file's base name (what a user calls
// the film), and a sidecar subtitle file beside the film (film.srt,
// film.en.vtt; SubtitleSidecarFinder's first choice) is attached when none is
// given, else the film's first text subtitle stream (mov_text in MP4, SubRip
// or ASS in MKV), so dropping a folder's films brings their subtitles along. The probe,
// the fingerprint and the relative path are FilmRepository::attachMedia's.
class FilmAdder
{
public:
    struct Request
    {
        QString videoPath;
        QString movieId;       // empty: the video's base name
        QString subtitlesPath; // empty: the first sidecar found, else the first text stream
        QString title;
        int subtitlesStream = -1; // >= 0: this text subtitle stream of the video instead
    };

    explicit FilmAdder(ProjectDatabase &project) : m_project(project) {}

    // One transaction; throws core::UserError naming the file when FFmpeg
    // cannot open it (nothing is written then).
    core::Film add(const Request &request);

private:
    ProjectDatabase &m_project;
};

} // namespace ms::db
