#include "core/waveformworker.h"

#include "core/audiostreamreader.h"
#include "core/error.h"
#include "core/waveformcache.h"

#include <QElapsedTimer>

namespace ms::core {

WaveformWorker::WaveformWorker(QString cacheDir, QObject *parent)
    : QObject(parent), m_cacheDir(std::move(cacheDir))
{
    qRegisterMetaType<ms::core::WaveformWorker::Pyramid>();
}

void WaveformWorker::start(int job, const QString &mediaPath, const QString &fingerprint, int stream,
                           int samplesPerBin)
{
    m_cancel.store(false);
    const WaveformCache cache(m_cacheDir);
    if (auto cached = cache.load(fingerprint, stream, samplesPerBin)) {
        Q_EMIT finished(job, std::make_shared<const WaveformPyramid>(std::move(*cached)), true);
        return;
    }
    try {
        WaveformPyramid pyramid(samplesPerBin);
        QElapsedTimer sinceEmit;
        sinceEmit.start();
        AudioStreamReader reader(mediaPath, stream, 0);
        reader.run(
            [&](const float *s, qint64 n) {
                if (pyramid.sampleRate() == 0)
                    pyramid.setSampleRate(reader.info().sampleRate);
                pyramid.append(s, n);
                if (sinceEmit.elapsed() >= 250) {
                    sinceEmit.restart();
                    Q_EMIT partial(job, std::make_shared<const WaveformPyramid>(pyramid));
                    const qint64 expected = reader.info().durationMs * pyramid.sampleRate() / 1000;
                    if (expected > 0)
                        Q_EMIT progress(job, std::min(1.0, double(pyramid.sampleCount()) / double(expected)));
                }
            },
            &m_cancel);
        if (m_cancel.load()) {
            Q_EMIT failed(job, QStringLiteral("cancelled"));
            return;
        }
        pyramid.finish();
        cache.store(fingerprint, stream, pyramid);
        Q_EMIT progress(job, 1.0);
        Q_EMIT finished(job, std::make_shared<const WaveformPyramid>(std::move(pyramid)), false);
    } catch (const UserError &e) {
        Q_EMIT failed(job, e.message());
    }
}

} // namespace ms::core
