#pragma once

#include "core/demoplan.h"

#include <QPointF>
#include <QString>
#include <array>
#include <atomic>

namespace ms::core {

// Renders one planned demo film (DemoFilm) offline: the pictures are drawn
// here and piped to the ffmpeg tool (H.264), the soundtrack is synthesised
// here with the spoken lines of espeak-ng mixed in (AAC), and the lines'
// cues are written as an SRT. Each clip has its own background (a grey-ish
// gradient with drifting stripes, so every shot moves); visual events and
// distractors are figures crossing the frame; audio ones are tone patterns
// over a quiet low chord. Qt Multimedia plays the MP4 here. The geometry,
// colours and tones are public so the tests can find them in the media.
class DemoFilmGenerator
{
public:
    struct Options
    {
        int width = 320;
        int height = 180;
        int fps = 25;
        int sampleRate = 22050; // espeak-ng's own rate
    };

    // Writes DIR/BASE.mp4 and DIR/BASE.srt and sets the film's paths; sets
    // each line's end to its spoken length (within its clip). Throws
    // UserError when a tool is missing or fails (its output quoted), or on
    // cancel.
    static void render(DemoFilm &film, const QString &dir, const QString &baseName,
                       const Options &options, const std::atomic<bool> *cancel = nullptr);

    // Where a visual event's figure is at `ms` (inside the event), and its
    // size: a disc of this radius, or a square of twice it on a side.
    static QPointF figureCentre(const DemoEvent &e, qint64 ms, int width, int height);
    static int figureRadius(int height);
    static bool figureIsSquare(const DemoEvent &e);
    static std::array<unsigned char, 3> figureColour(const DemoEvent &e);
    // An audio event's tone at `ms`: its frequency (Hz) and whether a
    // pulse is sounding.
    static double toneHz(const DemoEvent &e, qint64 ms);
    static bool toneOn(const DemoEvent &e, qint64 ms);
};

} // namespace ms::core
