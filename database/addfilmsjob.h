#pragma once

#include "core/jobs/job.h"
#include "database/projectlocation.h"

#include <QList>
#include <QMetaType>
#include <QStringList>

namespace ms::db {

// Adding films to a project in the background (File > Add Films, films
// dropped on the window): each file probed and added through FilmAdder, one
// after the other, with progress per file and Cancel between files.
//
// Design: a file FFmpeg cannot open is refused with its reason and the others
// are still added, because a user who drops ten films wants the nine good
// ones rather than none; each film is its own transaction, so a cancel keeps
// the films added so far. The job opens its own connection (one per thread).
class AddFilmsJob final : public core::Job
{
public:
    struct Refusal
    {
        QString path;
        QString reason;
    };
    // The outcome's result (also when cancelled: what was added so far).
    struct Report
    {
        QStringList added; // movie ids, in the order added
        QList<Refusal> refused;
        int withSubtitles = 0; // added films that brought a subtitle file
        // For people: "2 films added (1 with subtitles); 1 refused: x.mp4: ..."
        QString summary() const;
    };

    AddFilmsJob(ProjectLocation location, QStringList paths);

    QString kind() const override { return QStringLiteral("add-films"); }
    QString title() const override;
    core::JobOutcome run(core::JobContext &context) override;

private:
    ProjectLocation m_location;
    QStringList m_paths;
};

} // namespace ms::db

Q_DECLARE_METATYPE(ms::db::AddFilmsJob::Report)
