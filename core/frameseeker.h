#pragma once

#include <QString>
#include <memory>
#include <vector>

namespace ms::core {

// Random access to a film's pictures with FFmpeg: the player's source of
// frames when GStreamer cannot play the film (plugins missing, a codec it
// lacks), so stepping, scrubbing and the clip loop still work, without sound.
//
// frameAt(ms) gives the picture on screen at `ms` (the last frame whose
// presentation time is at or before it). Asking for a time just after the
// previous one decodes forward from where the decoder stands, so playback
// costs one decode per frame; a jump back or far ahead seeks to the key
// frame before the time and decodes up to it. Pictures are RGB24, scaled to
// at most `maxWidth` pixels wide. QtCore only: the player makes the QImage.
class FrameSeeker
{
public:
    struct Picture
    {
        qint64 ptsMs = -1; // -1: no picture
        int width = 0, height = 0;
        std::vector<unsigned char> rgb; // width * height * 3, tightly packed
        bool isNull() const { return ptsMs < 0; }
    };

    // Throws UserError naming the file when FFmpeg cannot open it or it has
    // no video stream.
    explicit FrameSeeker(const QString &path, int maxWidth = 1280);
    ~FrameSeeker();
    FrameSeeker(const FrameSeeker &) = delete;
    FrameSeeker &operator=(const FrameSeeker &) = delete;

    double frameRate() const;
    qint64 durationMs() const;
    // A null picture when nothing could be decoded there (damaged data).
    const Picture &frameAt(qint64 ms);
    // Decoder seeks done so far (tests check that playback does not seek).
    int seekCount() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace ms::core
