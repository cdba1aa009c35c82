#include "core/segmentationjob.h"

#include "core/error.h"

#include <QElapsedTimer>
#include <QFileInfo>

namespace ms::core {

SegmentationJob::SegmentationJob(QString mediaPath, QString filmTitle, int threads)
    : m_mediaPath(std::move(mediaPath)), m_filmTitle(std::move(filmTitle)), m_threads(threads)
{
    // The scores cross threads in a queued signal's QVariant.
    qRegisterMetaType<ShotDetector::Scores>();
}

QString SegmentationJob::title() const
{
    return QStringLiteral("Shots of %1")
        .arg(m_filmTitle.isEmpty() ? QFileInfo(m_mediaPath).fileName() : m_filmTitle);
}

JobOutcome SegmentationJob::run(JobContext &context)
{
    const QString text =
        QStringLiteral("Decoding %1 to find its shots").arg(QFileInfo(m_mediaPath).fileName());
    context.progress(0.0, text);
    QElapsedTimer timer;
    timer.start();
    try {
        ShotDetector::Scores scores = ShotDetector::score(
            m_mediaPath,
            [&](qint64 doneMs, qint64 totalMs) { context.progress(doneMs, totalMs, text); },
            context.cancelToken().flag(), m_threads);
        if (context.isCancelled())
            return JobOutcome::cancelled(QStringLiteral("shot detection stopped; no shot kept"));
        // The last frame starts before the film's end: say "all" in so many words.
        context.progress(1.0, text);
        const QString summary =
            QStringLiteral("%1: %2 frames scored in %3 s%4")
                .arg(QFileInfo(m_mediaPath).fileName())
                .arg(scores.values.size())
                .arg(double(timer.elapsed()) / 1000.0, 0, 'f', 1)
                .arg(scores.truncated ? QStringLiteral(" (decoding stopped at damaged data)")
                                      : QString());
        return JobOutcome::done(QVariant::fromValue(std::move(scores)), summary);
    } catch (const UserError &e) {
        // Cancelled before the first frame: the reader finds no frame, which is no failure.
        if (context.isCancelled())
            return JobOutcome::cancelled(QStringLiteral("shot detection stopped; no shot kept"));
        return JobOutcome::failed(e.message());
    }
}

} // namespace ms::core
