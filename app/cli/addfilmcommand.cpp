#include "app/cli/commands.h"
#include "core/mediaprobe.h"
#include "database/filmadder.h"
#include "database/filmrepository.h"
#include "database/projectdatabase.h"

namespace ms::cli {
namespace {

class AddFilmCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("add-film"); }
    QString summary() const override
    {
        return QStringLiteral("attach a film's video (probed with FFmpeg) and subtitles");
    }
    void addOptions(QCommandLineParser &p) override
    {
        p.addOption({QStringLiteral("db"), QStringLiteral("project file (created if missing)"),
                     QStringLiteral("P")});
        p.addOption({QStringLiteral("video"), QStringLiteral("the film's media file"),
                     QStringLiteral("FILE")});
        p.addOption(
            {QStringLiteral("subtitles"),
             QStringLiteral("an SRT or WebVTT file (default: one beside the video with its name)"),
             QStringLiteral("FILE")});
        p.addOption({QStringLiteral("subtitle-stream"),
                     QStringLiteral("use the video's own text subtitle stream K (its index in "
                                    "the file, as `subtitles --streams` lists them) instead of a "
                                    "file; default: a file beside the video, else its first text "
                                    "subtitle stream"),
                     QStringLiteral("K")});
        p.addOption({QStringLiteral("movie"),
                     QStringLiteral("film id, IMDb style (default: the video's file name)"),
                     QStringLiteral("ID")});
        p.addOption(
            {QStringLiteral("title"), QStringLiteral("the film's title"), QStringLiteral("T")});
    }
    int execute(const QCommandLineParser &p) override
    {
        const QString video = required(p, QStringLiteral("video"));
        const bool stream = p.isSet(QStringLiteral("subtitle-stream"));
        if (stream && p.isSet(QStringLiteral("subtitles")))
            throw UsageError{QStringLiteral("give --subtitles or --subtitle-stream, not both")};
        const int streamIndex = stream ? intOption(p, QStringLiteral("subtitle-stream"), -1, 0) : -1;
        // Probe before creating anything: a file FFmpeg cannot open leaves no project behind.
        core::MediaProbe::probe(video);
        if (streamIndex >= 0)
            db::FilmRepository::requireTextStream(video, streamIndex);
        const auto opened = openProject(p, db::ProjectDatabase::Mode::OpenOrCreate);
        db::ProjectDatabase &project = *opened;
        // The window's Add Films adds through the same FilmAdder.
        const core::Film f = db::FilmAdder(project).add(
            {video, p.value(QStringLiteral("movie")), p.value(QStringLiteral("subtitles")),
             p.value(QStringLiteral("title")), streamIndex});
        out() << f.movieId << ": " << f.mediaPath << " (" << f.media.describe() << ")\n";
        if (f.subtitlesStream >= 0)
            out() << "  subtitles: stream " << f.subtitlesStream << " of " << f.mediaPath << "\n";
        else if (!f.subtitlesPath.isEmpty())
            out() << "  subtitles: " << f.subtitlesPath << "\n";
        return 0;
    }
};

const CommandRegistration registration(100, [] { return std::make_unique<AddFilmCommand>(); });

} // namespace
} // namespace ms::cli
