#pragma once

#include <QString>
#include <atomic>
#include <functional>

namespace ms::core {

// Decodes a file's video stream with FFmpeg and hands every frame, scaled
// down to a small RGB24 picture, to a callback. The decoder uses `threads`
// threads (0: FFmpeg's choice), so its speed can be compared with the ffmpeg
// tool at the same thread count. Errors a user can cause (no video stream, a
// file FFmpeg cannot open) are UserErrors naming the file; a file broken part
// way delivers the frames before the damage.
class VideoFrameReader
{
public:
    struct Frame
    {
        qint64 index = 0;  // 0-based decoded frame number
        qint64 ptsMs = 0;  // presentation time
        int width = 0, height = 0;
        const unsigned char *rgb = nullptr; // width * height * 3 bytes, tightly packed
    };
    struct Info
    {
        double frameRate = 0;
        qint64 durationMs = 0;
        int sourceWidth = 0, sourceHeight = 0;
        qint64 framesDecoded = 0;
        bool truncated = false; // decoding stopped at damaged data
    };
    using Callback = std::function<void(const Frame &)>;

    VideoFrameReader(QString path, int outWidth, int outHeight, int threads = 0);
    // Decodes the whole stream; returns what it learnt. `cancel` is polled
    // between packets.
    Info run(const Callback &onFrame, const std::atomic<bool> *cancel = nullptr);

private:
    QString m_path;
    int m_width, m_height, m_threads;
};

} // namespace ms::core
