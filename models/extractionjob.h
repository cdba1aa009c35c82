#pragma once

#include "core/jobs/job.h"
#include "core/modality.h"
#include "database/featureextractionservice.h"
#include "database/projectlocation.h"

namespace ms::models {

// Extracts the features of a project's films (db::FeatureExtractionService,
// with the project's registered TorchScript encoders, each named in a log
// line first). Ends Done with the report in words (result and message), or
// Cancelled keeping the films already written (each film is one
// transaction). It opens its own database connection.
class ExtractionJob final : public core::Job
{
public:
    // `movieId` empty: every film. `threads` 0: FFmpeg's choice.
    ExtractionJob(db::ProjectLocation location, QString movieId, core::ModalitySet modalities,
                  int threads = 0);

    QString kind() const override { return QStringLiteral("extraction"); }
    QString title() const override;
    core::JobOutcome run(core::JobContext &context) override;

    // After run(): what was extracted.
    const db::ExtractionReport &report() const { return m_report; }

private:
    db::ProjectLocation m_location;
    QString m_movieId;
    core::ModalitySet m_modalities;
    int m_threads;
    db::ExtractionReport m_report;
};

} // namespace ms::models
