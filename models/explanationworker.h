#pragma once

#include <QObject>
#include <QString>
#include <atomic>

namespace ms::models {

// Explains a stored run (models::RunExplainer) in the thread it lives in, so
// the window stays responsive: move it to a QThread and call start() from
// anywhere. It opens its own database connection there (one connection per
// thread). Progress comes as clips done out of clips; cancel() is
// thread-safe and honoured after the current batch, and then nothing is
// stored. The explanation set is stored in the project when it completes.
class ExplanationWorker : public QObject
{
    Q_OBJECT
public:
    explicit ExplanationWorker(QObject *parent = nullptr);

    // `baseline`: mean, zeros, noise or drop. Returns at once.
    void start(const QString &projectPath, qint64 runId, const QString &baseline);
    void cancel() { m_cancel.store(true); }
    bool isRunning() const { return m_running.load(); }

Q_SIGNALS:
    void progress(int done, int total);
    // `summary`: clips explained, attribution errors, faithfulness when the
    // features are synthetic; for people.
    void finished(qint64 setId, const QString &summary);
    void cancelled();
    void failed(const QString &message);

private:
    void run(const QString &projectPath, qint64 runId, const QString &baseline);
    std::atomic<bool> m_cancel{false};
    std::atomic<bool> m_running{false};
};

} // namespace ms::models
