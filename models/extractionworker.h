#pragma once

#include "core/modality.h"

#include <QObject>
#include <QString>
#include <atomic>

namespace ms::models {

// Extracts the features of a project's films (db::FeatureExtractionService,
// with the project's registered TorchScript encoders) in the thread it lives
// in, so the window stays responsive: move it to a QThread and call start()
// from anywhere. It opens its own database connection there. Progress comes
// at most every ~250 ms; cancel() is thread-safe and keeps the films already
// written (each film is one transaction).
class ExtractionWorker : public QObject
{
    Q_OBJECT
public:
    explicit ExtractionWorker(QObject *parent = nullptr);

    // `movieId` empty: every film. Returns at once.
    void start(const QString &projectPath, const QString &movieId, core::ModalitySet modalities);
    void cancel() { m_cancel.store(true); }
    bool isRunning() const { return m_running.load(); }

Q_SIGNALS:
    void progress(double fraction, const QString &what);
    // `summary`: the extraction report in words.
    void finished(const QString &summary, bool cancelled);
    void failed(const QString &message);

private:
    void run(const QString &projectPath, const QString &movieId, core::ModalitySet modalities);
    std::atomic<bool> m_cancel{false};
    std::atomic<bool> m_running{false};
};

} // namespace ms::models
