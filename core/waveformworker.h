#pragma once

#include "core/waveformpyramid.h"

#include <QObject>
#include <atomic>
#include <memory>

namespace ms::core {

// Builds a film's waveform pyramid off the GUI thread: move it to a QThread
// and call start() through a queued connection (or QMetaObject::invokeMethod).
// It answers from the cache when it can; otherwise it decodes, emits partial
// pyramids at most every 250 ms (so the lane fills in), stores the result in
// the cache and emits finished(). cancel() is honoured between packets.
// Every signal carries the job id it was started with, so a caller drops
// results of a job it no longer wants.
class WaveformWorker : public QObject
{
    Q_OBJECT

public:
    using Pyramid = std::shared_ptr<const WaveformPyramid>;

    explicit WaveformWorker(QString cacheDir = {}, QObject *parent = nullptr);
    // Thread-safe.
    void cancel() { m_cancel.store(true); }

public slots:
    void start(int job, const QString &mediaPath, const QString &fingerprint, int stream,
               int samplesPerBin);

signals:
    void progress(int job, double fraction);
    void partial(int job, ms::core::WaveformWorker::Pyramid pyramid);
    void finished(int job, ms::core::WaveformWorker::Pyramid pyramid, bool fromCache);
    void failed(int job, const QString &message);

private:
    QString m_cacheDir;
    std::atomic<bool> m_cancel{false};
};

} // namespace ms::core
