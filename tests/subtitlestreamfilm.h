#pragma once

#include "tests/testsupport.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace ms::test {

// One subtitle stream of a test film: an SRT file, the codec it is stored
// with in the container (srt, ass, mov_text), its language and title tags.
struct SubtitleStream
{
    QString srtPath;
    QString codec;
    QString language;
    QString title = {};
};

// A small film made with the ffmpeg tool: a black mpeg4 picture (64x48, 10
// fps) of `seconds`, then `streams` as its subtitle streams 1, 2, ... in
// order. False, with ffmpeg's message as a warning, when it fails.
inline bool makeFilmWithSubtitleStreams(const QString &out, const QList<SubtitleStream> &streams,
                                        int seconds = 5)
{
    QStringList args{"-f", "lavfi", "-i", QStringLiteral("color=c=black:s=64x48:d=%1:r=10").arg(seconds)};
    for (const SubtitleStream &s : streams)
        args << "-f" << "srt" << "-i" << s.srtPath;
    args << "-map" << "0:v";
    for (int i = 0; i < streams.size(); ++i)
        args << "-map" << QStringLiteral("%1:s").arg(i + 1);
    args << "-c:v" << "mpeg4";
    for (int i = 0; i < streams.size(); ++i) {
        args << QStringLiteral("-c:s:%1").arg(i) << streams[i].codec;
        args << QStringLiteral("-metadata:s:s:%1").arg(i) << QStringLiteral("language=") + streams[i].language;
        if (!streams[i].title.isEmpty())
            args << QStringLiteral("-metadata:s:s:%1").arg(i) << QStringLiteral("title=") + streams[i].title;
    }
    args << out;
    return ffmpeg(args);
}

} // namespace ms::test
