#pragma once

#include "core/audiostreamreader.h"
#include "core/jobs/job.h"
#include "core/waveformpyramid.h"

#include <memory>

namespace ms::core {

// Builds a film's waveform pyramid. It answers from the cache when it can;
// otherwise it decodes, hands out the pyramid so far as partial results (the
// runner throttles them, so the lane fills in), stores the finished pyramid
// in the cache and ends Done with it. The token is honoured between packets;
// a cancelled decode is not cached. An empty fingerprint skips the cache
// (the CLI reads the file it is given, every time).
class WaveformJob final : public Job
{
public:
    using Pyramid = std::shared_ptr<const WaveformPyramid>;

    WaveformJob(QString mediaPath, QString fingerprint, int stream = 0, int samplesPerBin = 256,
                QString cacheDir = {});

    QString kind() const override { return QStringLiteral("waveform"); }
    QString title() const override;
    JobOutcome run(JobContext &context) override;

    // After run(): whether the pyramid came from the cache, and what the
    // decoder said of the stream (empty when cached).
    bool fromCache() const { return m_fromCache; }
    const AudioStreamReader::Info &info() const { return m_info; }

private:
    QString m_mediaPath, m_fingerprint;
    int m_stream, m_samplesPerBin;
    QString m_cacheDir;
    bool m_fromCache = false;
    AudioStreamReader::Info m_info;
};

} // namespace ms::core

Q_DECLARE_METATYPE(ms::core::WaveformJob::Pyramid)
