#include "core/waveformjob.h"

#include "core/waveformcache.h"

#include <QElapsedTimer>
#include <QFileInfo>

namespace ms::core {

WaveformJob::WaveformJob(QString mediaPath, QString fingerprint, int stream, int samplesPerBin,
                         QString cacheDir)
    : m_mediaPath(std::move(mediaPath)), m_fingerprint(std::move(fingerprint)), m_stream(stream),
      m_samplesPerBin(samplesPerBin), m_cacheDir(std::move(cacheDir))
{
    qRegisterMetaType<ms::core::WaveformJob::Pyramid>();
}

QString WaveformJob::title() const
{
    return QStringLiteral("Waveform of %1").arg(QFileInfo(m_mediaPath).fileName());
}

JobOutcome WaveformJob::run(JobContext &context)
{
    const WaveformCache cache(m_cacheDir);
    if (!m_fingerprint.isEmpty())
        if (auto cached = cache.load(m_fingerprint, m_stream, m_samplesPerBin)) {
            m_fromCache = true;
            return JobOutcome::done(
                QVariant::fromValue(
                    Pyramid(std::make_shared<const WaveformPyramid>(std::move(*cached)))),
                QStringLiteral("waveform from the cache"));
        }
    WaveformPyramid pyramid(m_samplesPerBin);
    AudioStreamReader reader(m_mediaPath, m_stream, 0);
    // Copying the pyramid so far is what costs on a long film, so copies are
    // made at most as often as the runner passes partials on (250 ms);
    // a copy made more often would be dropped by its throttle.
    QElapsedTimer sinceCopy;
    m_info = reader.run(
        [&](const float *s, qint64 n) {
            if (pyramid.sampleRate() == 0)
                pyramid.setSampleRate(reader.info().sampleRate);
            pyramid.append(s, n);
            const qint64 expected = reader.info().durationMs * pyramid.sampleRate() / 1000;
            context.progress(expected > 0
                                 ? std::min(0.999, double(pyramid.sampleCount()) / double(expected))
                                 : -1.0);
            if (!sinceCopy.isValid() || sinceCopy.elapsed() >= 250) {
                sinceCopy.start();
                context.partial(
                    QVariant::fromValue(Pyramid(std::make_shared<const WaveformPyramid>(pyramid))));
            }
        },
        context.cancelToken().flag());
    if (context.isCancelled())
        return JobOutcome::cancelled();
    pyramid.finish();
    if (!m_fingerprint.isEmpty())
        cache.store(m_fingerprint, m_stream, pyramid);
    context.progress(1.0);
    return JobOutcome::done(
        QVariant::fromValue(Pyramid(std::make_shared<const WaveformPyramid>(std::move(pyramid)))),
        QStringLiteral("%1 samples at %2 Hz").arg(m_info.samples).arg(m_info.sampleRate));
}

} // namespace ms::core
