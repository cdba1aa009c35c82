#pragma once

#include "core/waveformpyramid.h"

#include <QString>
#include <optional>

namespace ms::core {

// Finished waveform pyramids on disk, one file per (media fingerprint,
// audio stream, bin size), so a reopened project draws its waveform at once
// instead of decoding the film again. A changed file has another fingerprint
// and so never meets a stale pyramid.
class WaveformCache
{
public:
    // `dir` empty: QStandardPaths::CacheLocation/waveforms.
    explicit WaveformCache(QString dir = {});

    QString fileFor(const QString &fingerprint, int stream, int samplesPerBin) const;
    std::optional<WaveformPyramid> load(const QString &fingerprint, int stream, int samplesPerBin) const;
    // Best effort: a cache that cannot be written costs time, not data.
    bool store(const QString &fingerprint, int stream, const WaveformPyramid &p) const;
    const QString &dir() const { return m_dir; }

private:
    QString m_dir;
};

} // namespace ms::core
