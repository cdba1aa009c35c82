#include "app/cli/commands.h"
#include "core/mediasubtitlereader.h"
#include "core/subtitleparser.h"

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
        return QStringLiteral("print the cues of an SRT/WebVTT file or a film's subtitle stream");
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
    }
    int execute(const QCommandLineParser &p) override
    {
        if (p.isSet(QStringLiteral("streams")))
            return listStreams(p.value(QStringLiteral("streams")));
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
