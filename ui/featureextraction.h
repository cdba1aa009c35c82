#pragma once

#include "core/jobs/jobrunner.h"
#include "core/modality.h"
#include "database/projectlocation.h"

#include <QObject>

namespace ms::ui {

// Extracting the features of a project's films in the background: one
// extraction at a time, as a models::ExtractionJob on the window's runner
// (with its own database connection), ending in words.
//
// Design: the runner and the status bar's job view do the threads, progress
// and Cancel; what is left here is the rule "one at a time" and the words
// for each way an extraction ends, so the window only forwards.
class FeatureExtraction : public QObject
{
    Q_OBJECT
public:
    // `jobs` must outlive this object.
    explicit FeatureExtraction(core::JobRunner *jobs, QObject *parent = nullptr);

    // `movieId` empty: every film. False (and lastError()) while one runs.
    bool start(const db::ProjectLocation &project, const QString &movieId,
               core::ModalitySet modalities);
    bool isRunning() const { return m_job != 0; }
    void cancel();
    QString lastError() const { return m_lastError; }

signals:
    // The report in words, or why it failed or what a cancel kept; `ok`
    // only when it completed.
    void ended(const QString &text, bool ok);
    // For the status bar.
    void message(const QString &text, int timeoutMs);

private:
    core::JobRunner *m_jobs;
    core::JobRunner::JobId m_job = 0; // 0: none running
    QString m_lastError;
};

} // namespace ms::ui
