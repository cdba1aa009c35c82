#include "app/cli/commands.h"
#include "app/cli/jobprinter.h"
#include "core/clipnamepattern.h"
#include "core/error.h"
#include "core/mediaprobe.h"
#include "core/mediasubtitlereader.h"
#include "core/segmentationjob.h"
#include "core/segmenter.h"
#include "core/shotdetector.h"
#include "core/subtitleparser.h"
#include "core/subtitlesidecarfinder.h"
#include "database/annotationrepository.h"
#include "database/filmrepository.h"
#include "database/importservice.h"
#include "database/projectdatabase.h"

#include <QSet>

namespace ms::cli {
namespace {

// Proposes clips for a film (shots, fixed lengths, subtitle cues) and, unless
// --dry-run, creates them. Clips are created only in a film that has none, so
// no existing clip's times are ever overwritten and no two clips overlap.
class SegmentCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("segment"); }
    QString summary() const override
    {
        return QStringLiteral("propose clips for a film (shots, fixed length or subtitles) and "
                              "create them");
    }
    void addOptions(QCommandLineParser &p) override
    {
        p.addOption({QStringLiteral("db"), QStringLiteral("project file"), QStringLiteral("P")});
        p.addOption(
            {QStringLiteral("film"), QStringLiteral("the film's id"), QStringLiteral("ID")});
        p.addOption({QStringLiteral("method"),
                     QStringLiteral("shots (cuts in the pictures), fixed (clips of --length) or "
                                    "cues (one clip per subtitle cue or group of cues; also "
                                    "'subtitles')"),
                     QStringLiteral("M")});
        p.addOption({QStringLiteral("sensitivity"),
                     QStringLiteral("shots: 0 (only clear cuts) to 1 (every candidate)"),
                     QStringLiteral("S"), QStringLiteral("0.5")});
        p.addOption({QStringLiteral("min-length"),
                     QStringLiteral("shots: the shortest clip, in ms"), QStringLiteral("MS"),
                     QStringLiteral("1000")});
        p.addOption({QStringLiteral("length"),
                     QStringLiteral("fixed: the clips' length in ms; a last piece under half of "
                                    "it joins the one before"),
                     QStringLiteral("MS"), QStringLiteral("60000")});
        p.addOption({QStringLiteral("gap"),
                     QStringLiteral("cues: cues closer than this (ms) share a clip; 0: one clip "
                                    "per cue"),
                     QStringLiteral("MS"), QStringLiteral("0")});
        p.addOption({QStringLiteral("names"),
                     QStringLiteral("how new clips are named: <film> is the film's id, a run of # "
                                    "the clip's number"),
                     QStringLiteral("PATTERN"), core::ClipNamePattern::defaultPattern()});
        p.addOption({QStringLiteral("dry-run"),
                     QStringLiteral("print the proposal (start_ms<TAB>end_ms) without creating "
                                    "clips")});
    }
    int execute(const QCommandLineParser &p) override
    {
        const QString method = required(p, QStringLiteral("method")).toLower();
        if (method != u"shots" && method != u"fixed" && method != u"cues" && method != u"subtitles")
            throw UsageError{
                QStringLiteral("--method must be shots, fixed or cues, not '%1'").arg(method)};
        const QString movieId = required(p, QStringLiteral("film"));
        bool ok = false;
        const double sensitivity = p.value(QStringLiteral("sensitivity")).toDouble(&ok);
        if (!ok || sensitivity < 0 || sensitivity > 1)
            throw UsageError{QStringLiteral("--sensitivity must be a number from 0 to 1, not '%1'")
                                 .arg(p.value(QStringLiteral("sensitivity")))};
        const qint64 minLength = msOption(p, QStringLiteral("min-length"), 0);
        const qint64 length = msOption(p, QStringLiteral("length"), 1);
        const qint64 gap = msOption(p, QStringLiteral("gap"), 0);
        const core::ClipNamePattern pattern(p.value(QStringLiteral("names")));

        const auto opened = openProject(p, db::ProjectDatabase::Mode::OpenExisting);
        db::ProjectDatabase &project = *opened;
        db::FilmRepository films(project);
        const std::optional<core::Film> film = films.film(movieId);
        if (!film)
            throw core::UserError(
                QStringLiteral("%1: no film '%2' in this project; add it with add-film")
                    .arg(project.path(), movieId));
        const QString media =
            film->mediaPath.isEmpty() ? QString() : films.resolve(film->mediaPath);

        QList<core::TimeRange> proposal;
        if (method == u"shots") {
            core::SegmentationJob job(requireMedia(media, movieId), film->title);
            const core::JobOutcome outcome =
                JobPrinter(err(), JobPrinter::Progress::Percent, QStringLiteral("segment"))
                    .run(job);
            if (!outcome.isDone())
                throw core::UserError(QStringLiteral("shot detection was cancelled"));
            const auto scores = outcome.result.value<core::ShotDetector::Scores>();
            proposal = core::Segmenter::fromCuts(
                core::ShotDetector::cuts(scores, sensitivity, minLength), scores.durationMs);
        } else if (method == u"fixed") {
            proposal =
                core::Segmenter::fixedLength(durationOf(*film, media, movieId), length, length / 2);
        } else {
            const qint64 duration = media.isEmpty() ? 0 : durationOf(*film, media, movieId);
            proposal = core::Segmenter::byCues(cuesOf(*film, films, media, movieId), gap, duration);
        }

        for (const core::TimeRange &r : proposal)
            out() << r.startMs << '\t' << r.endMs << '\n';
        if (p.isSet(QStringLiteral("dry-run")))
            return 0;

        db::AnnotationRepository annotations(project.sql());
        if (const int existing = annotations.clipsPerFilm().value(movieId); existing > 0)
            throw core::UserError(
                QStringLiteral("film '%1' already has %2 clips; segmenting it again would "
                               "overlap them: use --dry-run to see the proposal")
                    .arg(movieId)
                    .arg(existing));
        QList<core::ImportRecord> clips;
        QSet<QString> taken;
        for (const core::Clip &c : annotations.clips())
            taken.insert(c.name);
        const QStringList names = pattern.freeNames(movieId, int(proposal.size()), taken);
        for (qsizetype i = 0; i < proposal.size(); ++i) {
            core::ImportRecord c;
            c.clipId = names[i];
            c.movieId = movieId;
            c.hasTimes = true;
            c.startMs = proposal[i].startMs;
            c.endMs = proposal[i].endMs;
            clips.append(c);
        }
        // No annotator: films and clips with their times only, in one transaction.
        const db::ImportReport report = db::ImportService(project).apply(
            clips, QString(), QStringLiteral("segment:%1").arg(method));
        err() << movieId << ": " << report.clipsAdded << " clips created (" << method << ")\n";
        return 0;
    }

private:
    static qint64 msOption(const QCommandLineParser &p, const QString &option, qint64 min)
    {
        bool ok = false;
        const qint64 v = p.value(option).toLongLong(&ok);
        if (!ok || v < min)
            throw UsageError{QStringLiteral("--%1 must be a whole number of milliseconds of at "
                                            "least %2, not '%3'")
                                 .arg(option)
                                 .arg(min)
                                 .arg(p.value(option))};
        return v;
    }

    static QString requireMedia(const QString &media, const QString &movieId)
    {
        if (media.isEmpty())
            throw core::UserError(QStringLiteral("film '%1' has no media file; attach it with "
                                                 "add-film --media")
                                      .arg(movieId));
        return media;
    }

    static qint64 durationOf(const core::Film &film, const QString &media, const QString &movieId)
    {
        qint64 duration = film.media.durationMs; // as probed when attached
        if (duration <= 0)
            duration = core::MediaProbe::probe(requireMedia(media, movieId)).durationMs;
        if (duration <= 0)
            throw core::UserError(QStringLiteral("%1: FFmpeg gives no duration for it").arg(media));
        return duration;
    }

    // The film's own subtitle file when it has one, else the first the
    // finder offers (a sidecar, then a text stream inside the film).
    static QList<core::SubtitleCue> cuesOf(const core::Film &film, db::FilmRepository &films,
                                           const QString &media, const QString &movieId)
    {
        if (const core::SubtitleSource chosen = films.subtitleSource(film); !chosen.isEmpty())
            return chosen.read().cues;
        const auto found = core::SubtitleSidecarFinder::find(requireMedia(media, movieId));
        if (found.isEmpty())
            throw core::UserError(QStringLiteral("film '%1' has no subtitles: none attached, no "
                                                 "SRT or WebVTT file beside %2 and no text "
                                                 "subtitle stream in it")
                                      .arg(movieId, media));
        const auto &first = found.first();
        err() << "subtitles: " << first.label() << "\n";
        if (first.kind == core::SubtitleSidecarFinder::Candidate::Kind::Stream)
            return core::MediaSubtitleReader::read(first.path, first.streamIndex).cues;
        return core::SubtitleParser::readFile(first.path).cues;
    }
};

const CommandRegistration registration(112, [] { return std::make_unique<SegmentCommand>(); });

} // namespace
} // namespace ms::cli
