#pragma once

#include <QList>
#include <QString>
#include <functional>

namespace ms::core {

// Generates the demo film offline with the ffmpeg and espeak-ng tools: moving
// test pictures whose colours drift, a music-like bed of slowly beating
// tones, and spoken lines (espeak-ng) with a matching SRT. H.264/AAC in MP4,
// which Qt Multimedia plays here. Everything in it is synthetic, and it is
// labelled so wherever the demo project shows it.
class DemoFilmGenerator
{
public:
    struct Line
    {
        qint64 startMs = 0;
        qint64 endMs = 0;
        QString text;
    };
    struct Result
    {
        QString videoPath;
        QString subtitlesPath;
        QList<Line> lines;
        qint64 durationMs = 0;
    };
    using Progress = std::function<void(const QString &step)>;

    // Writes demo.mp4 and demo.srt into `dir`; throws UserError when a tool
    // is missing or fails (its output quoted).
    static Result generate(const QString &dir, int seconds = 180, const Progress &progress = {});
    static const QStringList &script();
};

} // namespace ms::core
