#include "models/extractionworker.h"

#include "core/error.h"
#include "database/featureextractionservice.h"
#include "database/projectdatabase.h"
#include "models/registeredencoders.h"

#include <QElapsedTimer>
#include <QMetaObject>

namespace ms::models {

ExtractionWorker::ExtractionWorker(QObject *parent) : QObject(parent) {}

void ExtractionWorker::start(const QString &projectPath, const QString &movieId,
                             core::ModalitySet modalities)
{
    m_cancel.store(false);
    m_running.store(true);
    QMetaObject::invokeMethod(
        this, [this, projectPath, movieId, modalities] { run(projectPath, movieId, modalities); },
        Qt::QueuedConnection);
}

void ExtractionWorker::run(const QString &projectPath, const QString &movieId,
                           core::ModalitySet modalities)
{
    try {
        db::ProjectDatabase project(projectPath, db::ProjectDatabase::Mode::OpenExisting);
        const auto registered = RegisteredEncoders::load(project, modalities);
        QElapsedTimer clock;
        clock.start();
        const auto report = db::FeatureExtractionService(project).extract(
            movieId, modalities,
            [&](double fraction, const QString &what) {
                if (fraction >= 1.0 || clock.elapsed() > 250) {
                    Q_EMIT progress(fraction, what);
                    clock.restart();
                }
            },
            &m_cancel, 0, registered.encoders);
        m_running.store(false);
        Q_EMIT finished(report.summary(), m_cancel.load());
    } catch (const std::exception &e) {
        m_running.store(false);
        Q_EMIT failed(core::messageOf(e));
    }
}

} // namespace ms::models
