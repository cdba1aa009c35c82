#pragma once

#include "core/level.h"
#include "core/modality.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace ms::core {

// The plan of one generated demo film (DemoCorpusGenerator plans it,
// DemoFilmGenerator renders it). Everything in it is synthetic.

// Something put into the media at a time: a planted event (it carries the
// taxonomy concept that labels its clip) or a distractor (no concept; similar
// to an event of its modality but different).
struct DemoEvent
{
    Modality modality = Modality::Visual;
    bool distractor = false;
    int variant = 0;    // which distractor, or which spoken line
    qint64 startMs = 0; // film time; for a line, its subtitle cue
    qint64 endMs = 0;
    QString conceptName;     // empty for a distractor
    QString text;            // the spoken line (text events and distractors)
    double y = 0.5;          // visual: the path's height, as a share of the frame
    bool leftToRight = true; // visual: the direction of travel
};

struct DemoClip
{
    QString name;
    qint64 startMs = 0;
    qint64 endMs = 0;
    std::optional<Level> level; // none: left for the expert
    QStringList concepts;       // of the planted events in it
    int backdrop = 0;           // its background (a "shot")
};

struct DemoFilm
{
    QString movieId;
    QString title;
    qint64 durationMs = 0;
    QList<DemoClip> clips;
    QList<DemoEvent> events; // planted events and distractors, by start
    QString videoPath;       // set once rendered
    QString subtitlesPath;

    QList<DemoEvent> planted() const
    {
        QList<DemoEvent> out;
        for (const DemoEvent &e : events)
            if (!e.distractor)
                out.append(e);
        return out;
    }
};

} // namespace ms::core
