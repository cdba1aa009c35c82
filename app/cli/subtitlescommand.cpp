#include "app/cli/commands.h"
#include "core/error.h"
#include "core/mediasubtitlereader.h"
#include "core/subtitleparser.h"
#include "core/subtitlesidecarfinder.h"
#include "database/filmrepository.h"
#include "database/projectdatabase.h"

#include <QFileInfo>

namespace ms::cli {
namespace {

// Prints the cues as the workbench reads them, one per line, so a user can
// check a subtitle file (or a film's subtitle stream) before adding it, and
// scripts can read the result: tabs separate the fields and a cue's inner
// line breaks are written as the two characters "\n". Broken cues are
// warnings on stderr, in the FILE:LINE: form editors can jump to; the exit
// status stays 0 as long as one cue was read.
class SubtitlesCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("subtitles"); }
    QString summary() const override
    {
        return QStringLiteral("print the cues of an SRT/WebVTT file or a film's subtitle stream; "
                              "list and choose a project film's subtitles");
    }
    void addOptions(QCommandLineParser &p) override
    {
        p.addOption({QStringLiteral("print"),
                     QStringLiteral("print start_ms<TAB>end_ms<TAB>text for each cue of FILE"),
                     QStringLiteral("FILE")});
        p.addOption({QStringLiteral("encoding"),
                     QStringLiteral("read FILE in this encoding (utf-8, windows-1252, latin1, "
                                    "...) instead of detecting it"),
                     QStringLiteral("E")});
        p.addOption({QStringLiteral("stream"),
                     QStringLiteral("FILE is a video: read its subtitle stream K (the stream's "
                                    "index in the file, as --streams lists them)"),
                     QStringLiteral("K")});
        p.addOption({QStringLiteral("streams"),
                     QStringLiteral("list the subtitle streams of the video FILE"),
                     QStringLiteral("FILE")});
        p.addOption({QStringLiteral("db"),
                     QStringLiteral("project file: with --movie, list the film's subtitle choices "
                                    "(files beside it, streams inside it; * marks the chosen "
                                    "one) or choose with --use, --use-stream or --use-none"),
                     QStringLiteral("P")});
        p.addOption({QStringLiteral("movie"), QStringLiteral("the film (with --db)"),
                     QStringLiteral("ID")});
        p.addOption({QStringLiteral("use"),
                     QStringLiteral("the film's subtitles become the SRT or WebVTT FILE"),
                     QStringLiteral("FILE")});
        p.addOption({QStringLiteral("use-stream"),
                     QStringLiteral("the film's subtitles become its own text subtitle stream K"),
                     QStringLiteral("K")});
        p.addOption({QStringLiteral("use-none"), QStringLiteral("the film has no subtitles")});
    }
    int execute(const QCommandLineParser &p) override
    {
        if (p.isSet(QStringLiteral("streams")))
            return listStreams(p.value(QStringLiteral("streams")));
        if (p.isSet(QStringLiteral("db")))
            return filmSubtitles(p);
        const QString file = required(p, QStringLiteral("print"));
        const bool fromStream = p.isSet(QStringLiteral("stream"));
        if (fromStream && p.isSet(QStringLiteral("encoding")))
            throw UsageError{QStringLiteral("--encoding applies to SRT and WebVTT files; "
                                            "subtitle streams inside a video are read as UTF-8")};
        const core::SubtitleDocument doc =
            fromStream ? core::MediaSubtitleReader::read(
                             file, intOption(p, QStringLiteral("stream"), -1, 0))
                       : core::SubtitleParser::readFile(file, p.value(QStringLiteral("encoding")));

        if (doc.encodingGuessed)
            err() << file
                  << ": not valid UTF-8, read as windows-1252; if accented letters look wrong, "
                     "give --encoding\n";
        for (const auto &problem : doc.problems) {
            if (problem.line > 0)
                err() << file << ':' << problem.line << ": " << problem.message << '\n';
            else
                err() << file << ": " << problem.message << '\n';
        }
        err().flush();
        for (const auto &cue : doc.cues) {
            QString text = cue.text;
            text.replace(u'\n', QLatin1String("\\n"));
            text.replace(u'\t', u' '); // a tab would shift the columns
            out() << cue.startMs << '\t' << cue.endMs << '\t' << text << '\n';
        }
        out().flush();
        return 0;
    }

private:
    // One line per choice: MARK<TAB>file|stream<TAB>PATH or INDEX<TAB>FORMAT<TAB>LANGUAGE,
    // MARK "*" for the film's current subtitles, then the choice of none.
    int filmSubtitles(const QCommandLineParser &p)
    {
        const QString movieId = required(p, QStringLiteral("movie"));
        const int given = int(p.isSet(QStringLiteral("use"))) +
                          int(p.isSet(QStringLiteral("use-stream"))) +
                          int(p.isSet(QStringLiteral("use-none")));
        if (given > 1)
            throw UsageError{QStringLiteral("give one of --use, --use-stream and --use-none")};
        const core::SubtitleSource wanted =
            p.isSet(QStringLiteral("use"))
                ? core::SubtitleSource{p.value(QStringLiteral("use")), -1}
            : p.isSet(QStringLiteral("use-stream"))
                ? core::SubtitleSource{QString(), intOption(p, QStringLiteral("use-stream"), -1, 0)}
                : core::SubtitleSource{};
        const auto opened = openProject(p, db::ProjectDatabase::Mode::OpenExisting);
        db::FilmRepository films(*opened);
        std::optional<core::Film> film = films.film(movieId);
        if (!film)
            throw core::UserError(
                QStringLiteral("%1: no film '%2' in the project").arg(opened->path(), movieId));
        if (given == 1) {
            // Read before it is stored: a file or stream without a cue is
            // refused here, in the reader's words, and the project stays as it was.
            if (!wanted.isEmpty()) {
                core::SubtitleSource check = wanted;
                if (check.isStream() && !film->mediaPath.isEmpty())
                    check.path = films.resolve(film->mediaPath);
                if (!check.path.isEmpty())
                    check.read();
            }
            film = films.setSubtitleSource(movieId, wanted);
        }
        const core::SubtitleSource current = films.subtitleSource(*film);
        QList<core::SubtitleSidecarFinder::Candidate> choices;
        if (!film->mediaPath.isEmpty()) {
            const QString media = films.resolve(film->mediaPath);
            choices = core::SubtitleSidecarFinder::sidecars(media);
            if (QFileInfo::exists(media))
                choices += core::SubtitleSidecarFinder::streams(media);
        }
        const auto isCurrent = [&current](const QString &path, int stream) {
            return !current.isEmpty() && current.stream == stream &&
                   (stream >= 0 || QFileInfo(current.path) == QFileInfo(path));
        };
        bool listed = current.isEmpty();
        for (const auto &c : choices)
            listed = listed || isCurrent(c.path, c.streamIndex);
        if (!listed)
            out() << "*\tfile\t" << current.path << "\t\t\n";
        for (const auto &c : choices) {
            const bool stream = c.streamIndex >= 0;
            out() << (isCurrent(c.path, c.streamIndex) ? "*" : " ") << '\t'
                  << (stream ? "stream" : "file") << '\t'
                  << (stream ? QString::number(c.streamIndex) : c.path) << '\t' << c.format
                  << '\t' << c.language << '\n';
        }
        out() << (current.isEmpty() ? "*" : " ") << "\tnone\t\t\t\n";
        out().flush();
        return 0;
    }

    int listStreams(const QString &file)
    {
        const auto streams = core::MediaSubtitleReader::subtitleStreams(file);
        if (streams.isEmpty())
            err() << file << ": has no subtitle stream\n";
        for (const auto &s : streams)
            out() << s.index << '\t' << s.codec << '\t' << s.language << '\t'
                  << (s.textBased ? "text" : "image") << '\t' << s.title << '\n';
        out().flush();
        return 0;
    }
};

const CommandRegistration registration(110, [] { return std::make_unique<SubtitlesCommand>(); });

} // namespace
} // namespace ms::cli
