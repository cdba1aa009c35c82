#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

namespace ms::core {

// What FFmpeg says about a media file: container, duration, and each
// stream's codec and properties. Stored with a film (as JSON) so the
// workbench knows the film's frame rate and streams without reopening it.
struct MediaInfo
{
    struct Stream
    {
        int index = 0;          // index in the container
        QString type;           // "video", "audio", "subtitle"
        QString codec;          // "h264", "aac", "subrip", ...
        QString language;       // from the stream's metadata, may be empty
        int width = 0, height = 0;
        double frameRate = 0;   // video
        int sampleRate = 0, channels = 0; // audio
    };

    QString path;
    QString format;
    qint64 durationMs = 0;
    QList<Stream> streams;

    QList<Stream> streamsOf(const QString &type) const;
    QJsonObject toJson() const;
    static MediaInfo fromJson(const QJsonObject &o);
    QString describe() const; // one line for people
};

// Probes a file with libavformat; throws UserError naming the file and
// FFmpeg's reason when it cannot be opened or holds no audio/video stream.
class MediaProbe
{
public:
    static MediaInfo probe(const QString &path);
};

} // namespace ms::core
