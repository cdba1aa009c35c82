#include "database/addfilmsjob.h"

#include "core/error.h"
#include "database/filmadder.h"
#include "database/projectdatabase.h"

#include <QFileInfo>

namespace ms::db {

QString AddFilmsJob::Report::summary() const
{
    QString text = added.size() == 1 ? QStringLiteral("1 film added")
                                     : QStringLiteral("%1 films added").arg(added.size());
    if (withSubtitles > 0)
        text += QStringLiteral(" (%1 with subtitles)").arg(withSubtitles);
    if (!refused.isEmpty()) {
        QStringList reasons;
        for (const Refusal &r : refused)
            reasons << r.reason;
        text += QStringLiteral("; %1 refused: %2")
                    .arg(refused.size())
                    .arg(reasons.join(QStringLiteral("; ")));
    }
    return text;
}

AddFilmsJob::AddFilmsJob(ProjectLocation location, QStringList paths)
    : m_location(std::move(location)), m_paths(std::move(paths))
{
}

QString AddFilmsJob::title() const
{
    return m_paths.size() == 1
               ? QStringLiteral("Adding %1").arg(QFileInfo(m_paths.first()).fileName())
               : QStringLiteral("Adding %1 films").arg(m_paths.size());
}

core::JobOutcome AddFilmsJob::run(core::JobContext &context)
{
    const auto project = ProjectDatabase::open(m_location, ProjectDatabase::Mode::OpenExisting);
    FilmAdder adder(*project);
    Report report;
    const qint64 total = m_paths.size();
    for (qint64 i = 0; i < total; ++i) {
        if (context.isCancelled()) {
            return core::JobOutcome::cancelled(QStringLiteral("cancelled after %1 of %2 files: %3")
                                                   .arg(i)
                                                   .arg(total)
                                                   .arg(report.summary()),
                                               QVariant::fromValue(report));
        }
        const QString &path = m_paths[i];
        context.progress(i, total, QStringLiteral("Adding %1").arg(QFileInfo(path).fileName()));
        try {
            const core::Film film = adder.add({path, {}, {}, {}});
            report.added << film.movieId;
            if (!film.subtitlesPath.isEmpty() || film.subtitlesStream >= 0)
                ++report.withSubtitles;
        } catch (const core::UserError &e) {
            // UserError already names the file and what is wrong with it.
            report.refused << Refusal{path, e.message()};
        }
    }
    context.progress(total, total, report.summary());
    return core::JobOutcome::done(QVariant::fromValue(report), report.summary());
}

} // namespace ms::db
