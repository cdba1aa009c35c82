#include "models/extractionjob.h"

#include "database/projectdatabase.h"
#include "models/registeredencoders.h"

namespace ms::models {

ExtractionJob::ExtractionJob(db::ProjectLocation location, QString movieId,
                             core::ModalitySet modalities, int threads)
    : m_location(std::move(location)), m_movieId(std::move(movieId)), m_modalities(modalities),
      m_threads(threads)
{
}

QString ExtractionJob::title() const
{
    return m_movieId.isEmpty() ? QStringLiteral("Extracting features")
                               : QStringLiteral("Extracting features of %1").arg(m_movieId);
}

core::JobOutcome ExtractionJob::run(core::JobContext &context)
{
    const auto opened =
        db::ProjectDatabase::open(m_location, db::ProjectDatabase::Mode::OpenExisting);
    db::ProjectDatabase &project = *opened;
    // Registered TorchScript encoders replace the built-in features.
    const auto registered = RegisteredEncoders::load(project, m_modalities);
    for (const QString &line : registered.descriptions)
        context.log(line);
    m_report = db::FeatureExtractionService(project).extract(
        m_movieId, m_modalities,
        [&](double fraction, const QString &what) { context.progress(fraction, what); },
        context.cancelToken().flag(), m_threads, registered.encoders);
    const QString summary = m_report.summary();
    if (context.isCancelled())
        return core::JobOutcome::cancelled(summary, summary);
    return core::JobOutcome::done(summary, summary);
}

} // namespace ms::models
