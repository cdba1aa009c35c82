#pragma once

#include <QString>
#include <atomic>
#include <functional>

namespace ms::core {

// Decodes one audio stream of a media file with FFmpeg (libavformat,
// libavcodec, libswresample) into mono float samples: the arithmetic mean of
// the channels, at the stream's own rate or resampled to `targetRate`.
// Blocks of samples go to a callback as they are decoded. A file without
// audio, or a stream index out of range, is a UserError naming the file and
// its audio streams; a file damaged part way delivers what came before.
class AudioStreamReader
{
public:
    struct Info
    {
        int sampleRate = 0;   // of the delivered samples
        int sourceRate = 0;   // of the stream
        int channels = 0;     // of the stream
        qint64 samples = 0;   // delivered
        qint64 durationMs = 0; // of the stream, when the container says
        bool truncated = false;
    };
    using Callback = std::function<void(const float *samples, qint64 count)>;

    // `stream`: index among the file's audio streams (0 = the first).
    AudioStreamReader(QString path, int stream = 0, int targetRate = 0);
    Info run(const Callback &onSamples, const std::atomic<bool> *cancel = nullptr);
    // Filled in before the first callback (rates, channels, stream duration).
    const Info &info() const { return m_info; }

private:
    Info m_info;
    QString m_path;
    int m_stream;
    int m_targetRate;
};

} // namespace ms::core
