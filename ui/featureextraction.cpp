#include "ui/featureextraction.h"

#include "models/extractionjob.h"

namespace ms::ui {

FeatureExtraction::FeatureExtraction(core::JobRunner *jobs, QObject *parent)
    : QObject(parent), m_jobs(jobs)
{
    connect(m_jobs, &core::JobRunner::finished, this,
            [this](core::JobRunner::JobId id, const core::JobOutcome &outcome) {
                if (id != m_job)
                    return;
                m_job = 0;
                QString text = outcome.message;
                if (outcome.isCancelled())
                    text = tr("Extraction cancelled: %1").arg(outcome.message);
                else if (outcome.isFailed())
                    text = tr("Cannot extract features: %1").arg(outcome.message);
                if (!outcome.isDone())
                    m_lastError = text;
                emit message(text, 15000);
                emit ended(text, outcome.isDone());
            });
}

bool FeatureExtraction::start(const db::ProjectLocation &project, const QString &movieId,
                              core::ModalitySet modalities)
{
    m_lastError.clear();
    if (isRunning()) {
        m_lastError = tr("Features are being extracted already; wait for it or cancel it.");
        return false;
    }
    emit message(movieId.isEmpty() ? tr("Extracting the features of every film\u2026")
                                   : tr("Extracting the features of %1\u2026").arg(movieId),
                 0);
    m_job = m_jobs->start(std::make_unique<models::ExtractionJob>(project, movieId, modalities));
    return true;
}

void FeatureExtraction::cancel()
{
    if (m_job)
        m_jobs->cancel(m_job);
}

} // namespace ms::ui
