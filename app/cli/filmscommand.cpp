#include "app/cli/commands.h"
#include "database/annotationrepository.h"
#include "database/filmrepository.h"
#include "database/projectdatabase.h"

namespace ms::cli {
namespace {

class FilmsCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("films"); }
    QString summary() const override
    {
        return QStringLiteral("list films with their clips and media status; relink a moved file");
    }
    void addOptions(QCommandLineParser &p) override
    {
        p.addOption({QStringLiteral("db"), QStringLiteral("project file"), QStringLiteral("P")});
        p.addOption({QStringLiteral("relink"), QStringLiteral("film id whose media moved"), QStringLiteral("ID")});
        p.addOption({QStringLiteral("video"), QStringLiteral("the film's new location (with --relink)"),
                     QStringLiteral("FILE")});
        p.addOption({QStringLiteral("force"),
                     QStringLiteral("accept a file whose content differs (re-encoded film)")});
    }
    int execute(const QCommandLineParser &p) override
    {
        const auto opened = openProject(p, db::ProjectDatabase::Mode::OpenExisting);
        db::ProjectDatabase &project = *opened;
        db::FilmRepository films(project);
        if (p.isSet(QStringLiteral("relink")))
            films.relink(p.value(QStringLiteral("relink")), required(p, QStringLiteral("video")),
                         p.isSet(QStringLiteral("force")));
        const auto clips = db::AnnotationRepository(project.sql()).clipsPerFilm();
        int problems = 0;
        for (const core::Film &f : db::AnnotationRepository(project.sql()).films()) {
            const db::MediaStatus s = films.mediaStatus(f);
            problems += s.state == db::MediaStatus::State::Missing ||
                        s.state == db::MediaStatus::State::Changed;
            out() << QStringLiteral("%1 %2 clips  %3\n")
                         .arg(f.movieId, -12)
                         .arg(clips.value(f.movieId), 5)
                         .arg(s.state == db::MediaStatus::State::None
                                  ? QStringLiteral("no media")
                                  : f.mediaPath + QStringLiteral(": ") + s.describe());
        }
        if (problems)
            out() << problems << " film(s) need attention: `films --db P --relink ID --video FILE`\n";
        return 0;
    }
};

const CommandRegistration registration(105, [] { return std::make_unique<FilmsCommand>(); });

} // namespace
} // namespace ms::cli
