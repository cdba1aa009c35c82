#include "app/cli/commands.h"
#include "core/error.h"
#include "core/videoframereader.h"
#include "core/visualfeatureextractor.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>
#include <algorithm>

namespace ms::cli {
namespace {

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v.at(v.size() / 2);
}

QString ensureFilm(const QString &dir, int seconds)
{
    const QString path = QDir(dir).filePath(QStringLiteral("bench-720p-%1s.mp4").arg(seconds));
    if (QFileInfo::exists(path))
        return path;
    QProcess ff;
    ff.setProcessChannelMode(QProcess::MergedChannels);
    ff.start(QStringLiteral("ffmpeg"),
             {"-loglevel", "error", "-y", "-f", "lavfi", "-i",
              QStringLiteral("testsrc2=size=1280x720:rate=25:duration=%1").arg(seconds), "-f",
              "lavfi", "-i", QStringLiteral("sine=frequency=220:duration=%1").arg(seconds), "-c:v",
              "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest",
              path + QStringLiteral(".part.mp4")});
    if (!ff.waitForFinished(-1) || ff.exitCode() != 0)
        throw core::UserError(QStringLiteral("cannot generate the benchmark film with ffmpeg: %1")
                                  .arg(QString::fromLocal8Bit(ff.readAll())));
    QFile::rename(path + QStringLiteral(".part.mp4"), path);
    return path;
}

int runBench(const QCommandLineParser &p, const QString &dir)
{
    QTextStream out(stdout);
    const int threads = p.isSet(QStringLiteral("threads")) ? p.value(QStringLiteral("threads")).toInt()
                                                          : QThread::idealThreadCount();
    const int seconds = p.isSet(QStringLiteral("seconds")) ? p.value(QStringLiteral("seconds")).toInt() : 120;
    const int repeat = p.isSet(QStringLiteral("repeat")) ? p.value(QStringLiteral("repeat")).toInt() : 3;
    out << "bench extract: generating a " << seconds << " s 1280x720 25 fps H.264/AAC film..." << Qt::endl;
    const QString film = ensureFilm(dir, seconds);
    QList<double> ffmpegMs, oursMs;
    qint64 frames = 0, tokens = 0;
    for (int r = 0; r < repeat; ++r) {
        // Alternate the two so drift in machine load hits both alike.
        QElapsedTimer t;
        t.start();
        QProcess ff;
        ff.start(QStringLiteral("ffmpeg"), {"-loglevel", "error", "-threads", QString::number(threads),
                                            "-i", film, "-f", "null", "-"});
        ff.waitForFinished(-1);
        ffmpegMs.append(double(t.nsecsElapsed()) / 1e6);

        t.start();
        core::VideoFrameReader reader(film, core::VisualFeatureExtractor::kWidth,
                                      core::VisualFeatureExtractor::kHeight, threads);
        core::VisualFeatureExtractor visual;
        qint64 last = 0;
        const auto info = reader.run([&](const core::VideoFrameReader::Frame &f) {
            visual.addFrame(f.ptsMs, f.rgb);
            last = f.ptsMs;
        });
        const auto m = visual.finish(last + 40);
        oursMs.append(double(t.nsecsElapsed()) / 1e6);
        frames = info.framesDecoded;
        tokens = m.tokens;
    }
    const double a = median(ffmpegMs), b = median(oursMs);
    out << "  film: " << film << " (" << frames << " frames)\n"
        << "  threads: " << threads << " (decoder threads for both)\n"
        << "  `ffmpeg -threads " << threads << " -i FILE -f null -`: median " << QString::number(a, 'f', 0)
        << " ms over " << repeat << " runs (" << QString::number(frames / (a / 1000.0), 'f', 0) << " frames/s)\n"
        << "  built-in visual extraction (decode, scale to 64x36, " << tokens << " tokens of "
        << core::VisualFeatureExtractor::kDim << "): median " << QString::number(b, 'f', 0) << " ms ("
        << QString::number(frames / (b / 1000.0), 'f', 0) << " frames/s)\n"
        << "  speed relative to ffmpeg: " << QString::number(a / b, 'f', 2) << "x (target >= 0.70x)\n";
    return 0;
}

class BenchExtractCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("bench-extract"); }
    QString summary() const override
    {
        return QStringLiteral("built-in visual extraction of a generated 720p film against "
                              "`ffmpeg -i FILE -f null -` decoding it, same thread count");
    }
    void addOptions(QCommandLineParser &p) override
    {
        p.addOption({QStringLiteral("threads"), QStringLiteral("decoder threads for both (default: all)"),
                     QStringLiteral("N")});
        p.addOption({QStringLiteral("seconds"), QStringLiteral("film length (default 120)"), QStringLiteral("S")});
        p.addOption({QStringLiteral("repeat"), QStringLiteral("runs of each, alternating (default 3)"),
                     QStringLiteral("R")});
        p.addOption({QStringLiteral("dir"), QStringLiteral("keep the generated film here for later runs"),
                     QStringLiteral("DIR")});
    }
    int execute(const QCommandLineParser &p) override
    {
        intOption(p, QStringLiteral("threads"), 1, 1);
        intOption(p, QStringLiteral("seconds"), 120, 5);
        intOption(p, QStringLiteral("repeat"), 3, 1);
        if (p.isSet(QStringLiteral("dir"))) {
            QDir().mkpath(p.value(QStringLiteral("dir")));
            return runBench(p, p.value(QStringLiteral("dir")));
        }
        QTemporaryDir tmp;
        if (!tmp.isValid())
            throw core::UserError(QStringLiteral("cannot create a scratch folder: %1").arg(tmp.errorString()));
        return runBench(p, tmp.path());
    }
};

const CommandRegistration registration(920, [] { return std::make_unique<BenchExtractCommand>(); });

} // namespace
} // namespace ms::cli
