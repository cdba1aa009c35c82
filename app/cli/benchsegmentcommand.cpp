#include "app/cli/commands.h"
#include "core/error.h"
#include "core/shotdetector.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <algorithm>

namespace ms::cli {
namespace {

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v.at(v.size() / 2);
}

// Shot detection against FFmpeg's own decoding of the same generated film,
// whose cut times are known, so the run also says how many cuts were found.
class BenchSegmentCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("bench-segment"); }
    QString summary() const override
    {
        return QStringLiteral("shot detection (decode + frame scores) on a generated film with "
                              "known cuts against `ffmpeg -i FILE -map 0:v:0 -f null -`; "
                              "precision and recall of the cuts");
    }
    void addOptions(QCommandLineParser &p) override
    {
        p.addOption({QStringLiteral("minutes"), QStringLiteral("film length (default 2)"),
                     QStringLiteral("M")});
        p.addOption({QStringLiteral("size"), QStringLiteral("picture size (default 1280x720)"),
                     QStringLiteral("WxH")});
        p.addOption({QStringLiteral("repeat"),
                     QStringLiteral("runs of each, alternating (default 3)"), QStringLiteral("R")});
        p.addOption({QStringLiteral("dir"),
                     QStringLiteral("keep the generated film here for later runs"),
                     QStringLiteral("DIR")});
    }
    int execute(const QCommandLineParser &p) override
    {
        const int minutes = intOption(p, QStringLiteral("minutes"), 2, 1);
        const int repeat = intOption(p, QStringLiteral("repeat"), 3, 1);
        const QString size = p.isSet(QStringLiteral("size")) ? p.value(QStringLiteral("size"))
                                                             : QStringLiteral("1280x720");
        if (!QRegularExpression(QStringLiteral("^\\d+x\\d+$")).match(size).hasMatch())
            throw UsageError{QStringLiteral("--size must be WIDTHxHEIGHT, not '%1'").arg(size)};
        QTemporaryDir tmp;
        const QString dir =
            p.isSet(QStringLiteral("dir")) ? p.value(QStringLiteral("dir")) : tmp.path();
        QDir().mkpath(dir);
        const QString film =
            QDir(dir).filePath(QStringLiteral("bench-shots-%1min-%2.mp4").arg(minutes).arg(size));

        // Shots of 2 to 6 s cycling through still and moving test sources at
        // 25 fps, so every cut time is a whole frame and known here.
        const QStringList sources = {"testsrc2",         "smptebars",  "mandelbrot",
                                     "color=c=0x336699", "rgbtestsrc", "testsrc",
                                     "color=c=0xcc8800", "smptehdbars"};
        QStringList parts;
        QString inputs;
        QList<qint64> cuts;
        qint64 at = 0;
        for (int i = 0; at < qint64(minutes) * 60000; ++i) {
            const int frames = 50 + (i * 37) % 101; // 2 to 6 s
            const QString &source = sources.at(i % sources.size());
            const QString options = QStringLiteral("s=%1:r=25").arg(size);
            parts.append(QStringLiteral("%1%2%3,trim=end_frame=%4,setpts=PTS-STARTPTS,"
                                        "format=yuv420p[s%5]")
                             .arg(source,
                                  source.contains(u'=') ? QStringLiteral(":") : QStringLiteral("="),
                                  options)
                             .arg(frames)
                             .arg(i));
            inputs += QStringLiteral("[s%1]").arg(i);
            if (at > 0)
                cuts.append(at);
            at += qint64(frames) * 40;
        }
        if (!QFileInfo::exists(film)) {
            out() << "bench segment: generating a " << minutes << "-minute " << size << " film of "
                  << parts.size() << " shots..." << Qt::endl;
            QProcess ff;
            ff.setProcessChannelMode(QProcess::MergedChannels);
            ff.start(QStringLiteral("ffmpeg"),
                     {"-loglevel", "error", "-y", "-filter_complex",
                      parts.join(u';') + u';' + inputs +
                          QStringLiteral("concat=n=%1:v=1:a=0[v]").arg(parts.size()),
                      "-map", "[v]", "-c:v", "libx264", "-preset", "veryfast", "-crf", "23",
                      "-pix_fmt", "yuv420p", film + QStringLiteral(".part.mp4")});
            if (!ff.waitForFinished(-1) || ff.exitCode() != 0)
                throw core::UserError(QStringLiteral("cannot generate the benchmark film: %1")
                                          .arg(QString::fromLocal8Bit(ff.readAll())));
            QFile::rename(film + QStringLiteral(".part.mp4"), film);
        }

        QList<double> ffmpegMs, oursMs;
        core::ShotDetector::Scores scores;
        for (int r = 0; r < repeat; ++r) {
            QElapsedTimer t;
            t.start();
            QProcess ff;
            ff.start(QStringLiteral("ffmpeg"), {"-loglevel", "error", "-threads", "0", "-i", film,
                                                "-map", "0:v:0", "-f", "null", "-"});
            ff.waitForFinished(-1);
            ffmpegMs.append(double(t.nsecsElapsed()) / 1e6);
            t.start();
            scores = core::ShotDetector::score(film);
            oursMs.append(double(t.nsecsElapsed()) / 1e6);
        }
        const double a = median(ffmpegMs), b = median(oursMs);
        out() << "  film: " << film << " (" << scores.values.size() << " frames, " << cuts.size()
              << " cuts)\n"
              << "  `ffmpeg -i FILE -map 0:v:0 -f null -`: median " << QString::number(a, 'f', 0)
              << " ms\n"
              << "  decode + thumbnails + frame scores: median " << QString::number(b, 'f', 0)
              << " ms\n"
              << "  speed ours / ffmpeg: " << QString::number(a / b, 'f', 2)
              << "x (target >= 0.70x)\n";
        for (double sensitivity : {0.3, 0.5, 0.7}) {
            const QList<qint64> found = core::ShotDetector::cuts(scores, sensitivity, 500);
            // A detection within 2 frames of a known cut is a hit; each cut counts once.
            QList<bool> used(cuts.size(), false);
            int hits = 0;
            for (qint64 c : found)
                for (qsizetype i = 0; i < cuts.size(); ++i)
                    if (!used[i] && std::abs(cuts[i] - c) <= 80) {
                        used[i] = true;
                        ++hits;
                        break;
                    }
            out() << "  sensitivity " << sensitivity << ": " << found.size() << " cuts, precision "
                  << QString::number(found.isEmpty() ? 1.0 : double(hits) / found.size(), 'f', 3)
                  << ", recall "
                  << QString::number(cuts.isEmpty() ? 1.0 : double(hits) / cuts.size(), 'f', 3)
                  << " (within 2 frames)\n";
        }
        return 0;
    }
};

const CommandRegistration registration(935, [] { return std::make_unique<BenchSegmentCommand>(); });

} // namespace
} // namespace ms::cli
