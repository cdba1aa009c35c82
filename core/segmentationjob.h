#pragma once

#include "core/jobs/job.h"
#include "core/shotdetector.h"

namespace ms::core {

// Shot detection's slow half as a job: decodes a film and scores its frames
// (ShotDetector::score), with progress and Cancel. The result is the
// ShotDetector::Scores (in the QVariant); the window and the CLI pick cuts
// from them with ShotDetector::cuts as often as the user changes the
// sensitivity, without decoding again. Opens no database: what becomes of
// the proposal is the caller's business.
class SegmentationJob final : public Job
{
public:
    explicit SegmentationJob(QString mediaPath, QString filmTitle = {}, int threads = 0);

    QString kind() const override { return QStringLiteral("segmentation"); }
    QString title() const override;
    JobOutcome run(JobContext &context) override;

private:
    QString m_mediaPath;
    QString m_filmTitle;
    int m_threads;
};

} // namespace ms::core
