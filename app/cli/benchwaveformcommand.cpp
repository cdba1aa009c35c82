#include "app/cli/commands.h"
#include "core/audiostreamreader.h"
#include "core/error.h"
#include "core/filefingerprint.h"
#include "core/waveformcache.h"
#include "core/waveformpyramid.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <algorithm>

namespace ms::cli {
namespace {

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v.at(v.size() / 2);
}

class BenchWaveformCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("bench-waveform"); }
    QString summary() const override
    {
        return QStringLiteral("waveform pyramid of a generated 2-hour stereo 48 kHz AAC track against "
                              "`ffmpeg -i FILE -map 0:a:0 -f null -`; reopening from the cache");
    }
    void addOptions(QCommandLineParser &p) override
    {
        p.addOption({QStringLiteral("minutes"), QStringLiteral("track length (default 120)"), QStringLiteral("M")});
        p.addOption({QStringLiteral("repeat"), QStringLiteral("runs of each, alternating (default 3)"),
                     QStringLiteral("R")});
        p.addOption({QStringLiteral("samples-per-bin"), QStringLiteral("base bin size (default 256)"),
                     QStringLiteral("N")});
        p.addOption({QStringLiteral("dir"), QStringLiteral("keep the generated track here for later runs"),
                     QStringLiteral("DIR")});
    }
    int execute(const QCommandLineParser &p) override
    {
        const int minutes = intOption(p, QStringLiteral("minutes"), 120, 1);
        const int repeat = intOption(p, QStringLiteral("repeat"), 3, 1);
        const int n = intOption(p, QStringLiteral("samples-per-bin"), 256, 1);
        QTemporaryDir tmp;
        const QString dir = p.isSet(QStringLiteral("dir")) ? p.value(QStringLiteral("dir")) : tmp.path();
        QDir().mkpath(dir);
        const QString track = QDir(dir).filePath(QStringLiteral("bench-%1min-48k-stereo.m4a").arg(minutes));
        if (!QFileInfo::exists(track)) {
            out() << "bench waveform: generating a " << minutes << "-minute stereo 48 kHz AAC track..." << Qt::endl;
            QProcess ff;
            ff.setProcessChannelMode(QProcess::MergedChannels);
            // Music-like left channel, pink noise right: not silence, not a pure tone.
            ff.start(QStringLiteral("ffmpeg"),
                     {"-loglevel", "error", "-y", "-f", "lavfi", "-i",
                      QStringLiteral("sine=frequency=220:sample_rate=48000:duration=%1").arg(minutes * 60),
                      "-f", "lavfi", "-i",
                      QStringLiteral("anoisesrc=color=pink:sample_rate=48000:amplitude=0.3:duration=%1").arg(minutes * 60),
                      "-filter_complex", "[0:a][1:a]amerge=inputs=2[a]", "-map", "[a]", "-c:a", "aac",
                      "-b:a", "160k", track + QStringLiteral(".part.m4a")});
            if (!ff.waitForFinished(-1) || ff.exitCode() != 0)
                throw core::UserError(QStringLiteral("cannot generate the benchmark track: %1")
                                          .arg(QString::fromLocal8Bit(ff.readAll())));
            QFile::rename(track + QStringLiteral(".part.m4a"), track);
        }
        QList<double> ffmpegMs, oursMs, loadMs;
        core::WaveformPyramid last;
        for (int r = 0; r < repeat; ++r) {
            QElapsedTimer t;
            t.start();
            QProcess ff;
            ff.start(QStringLiteral("ffmpeg"), {"-loglevel", "error", "-i", track, "-map", "0:a:0", "-f", "null", "-"});
            ff.waitForFinished(-1);
            ffmpegMs.append(double(t.nsecsElapsed()) / 1e6);

            t.start();
            core::WaveformPyramid pyramid(n);
            core::AudioStreamReader reader(track, 0, 0);
            reader.run([&](const float *s, qint64 count) { pyramid.append(s, count); });
            pyramid.setSampleRate(reader.info().sampleRate);
            pyramid.finish();
            oursMs.append(double(t.nsecsElapsed()) / 1e6);
            last = std::move(pyramid);
        }
        const core::WaveformCache cache(QDir(dir).filePath(QStringLiteral("cache")));
        const QString fingerprint = core::FileFingerprint::of(track);
        cache.store(fingerprint, 0, last);
        for (int r = 0; r < 5; ++r) {
            QElapsedTimer t;
            t.start();
            const auto loaded = cache.load(fingerprint, 0, n);
            loadMs.append(double(t.nsecsElapsed()) / 1e6);
            if (!loaded || loaded->binCount(0) != last.binCount(0))
                throw core::UserError(QStringLiteral("bench: the cached pyramid did not load back"));
        }
        const double a = median(ffmpegMs), b = median(oursMs);
        out() << "  track: " << track << " (" << last.sampleCount() << " samples, "
              << last.binCount(0) << " base bins of " << n << ", " << last.levelCount() << " levels)\n"
              << "  `ffmpeg -i FILE -map 0:a:0 -f null -`: median " << QString::number(a, 'f', 0) << " ms\n"
              << "  decode + mono mean + pyramid: median " << QString::number(b, 'f', 0) << " ms\n"
              << "  ratio ours / ffmpeg: " << QString::number(b / a, 'f', 2) << " (target <= 1.20)\n"
              << "  reopen from the cache (" << QFileInfo(cache.fileFor(fingerprint, 0, n)).size() / 1024
              << " KiB): median " << QString::number(median(loadMs), 'f', 1) << " ms (target < 50 ms)\n";
        return 0;
    }
};

const CommandRegistration registration(930, [] { return std::make_unique<BenchWaveformCommand>(); });

} // namespace
} // namespace ms::cli
