#include "core/demofilmgenerator.h"

#include "core/atomicfile.h"
#include "core/error.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QtEndian>
#include <algorithm>
#include <cmath>
#include <vector>

namespace ms::core {

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr qint64 kPulsePeriodMs = 250;
constexpr qint64 kPulseOnMs = 130;

void requireTool(const QString &tool)
{
    if (QStandardPaths::findExecutable(tool).isEmpty())
        throw UserError(QStringLiteral("the demo needs the '%1' tool; install it with "
                                       "scripts/install-deps.sh")
                            .arg(tool));
}

void runTool(const QString &tool, const QStringList &args, const QString &what)
{
    requireTool(tool);
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(tool, args);
    if (!p.waitForFinished(-1) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        throw UserError(QStringLiteral("%1 failed while %2: %3")
                            .arg(tool, what, QString::fromLocal8Bit(p.readAll()).right(600)));
}

QString srtTime(qint64 ms)
{
    return QStringLiteral("%1:%2:%3,%4")
        .arg(ms / 3600000, 2, 10, QLatin1Char('0'))
        .arg(ms / 60000 % 60, 2, 10, QLatin1Char('0'))
        .arg(ms / 1000 % 60, 2, 10, QLatin1Char('0'))
        .arg(ms % 1000, 3, 10, QLatin1Char('0'));
}

// The 16-bit PCM samples of a WAV file espeak-ng wrote, resampled (linear)
// to `rate`.
std::vector<float> readWav(const QString &path, int rate)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        throw UserError(QStringLiteral("%1: cannot read the spoken line").arg(path));
    const QByteArray b = f.readAll();
    auto u32 = [&](qsizetype at) { return qFromLittleEndian<quint32>(b.constData() + at); };
    auto u16 = [&](qsizetype at) { return qFromLittleEndian<quint16>(b.constData() + at); };
    if (b.size() < 12 || !b.startsWith("RIFF") || b.mid(8, 4) != "WAVE")
        throw UserError(QStringLiteral("%1: espeak-ng did not write a WAV file").arg(path));
    int srcRate = 0, bits = 0, channels = 0;
    qsizetype dataAt = -1, dataLen = 0;
    for (qsizetype at = 12; at + 8 <= b.size();) {
        const QByteArray id = b.mid(at, 4);
        qsizetype len = u32(at + 4);
        if (id == "fmt " && at + 24 <= b.size()) {
            channels = u16(at + 10);
            srcRate = int(u32(at + 12));
            bits = u16(at + 22);
        } else if (id == "data") {
            dataAt = at + 8;
            // espeak-ng may leave the length open when it streams
            dataLen = std::min<qsizetype>(len, b.size() - dataAt);
            break;
        }
        at += 8 + len + (len & 1);
    }
    if (dataAt < 0 || bits != 16 || channels < 1 || srcRate <= 0)
        throw UserError(QStringLiteral("%1: not 16-bit PCM audio").arg(path));
    const qsizetype frames = dataLen / (2 * channels);
    std::vector<float> src(static_cast<size_t>(frames));
    for (qsizetype i = 0; i < frames; ++i)
        src[size_t(i)] = qint16(u16(dataAt + i * 2 * channels)) / 32768.0f;
    if (srcRate == rate)
        return src;
    const size_t n = size_t(double(frames) * rate / srcRate);
    std::vector<float> out(n);
    for (size_t i = 0; i < n; ++i) {
        const double x = double(i) * srcRate / rate;
        const size_t k = size_t(x);
        const double w = x - double(k);
        const float a = src[std::min(k, src.size() - 1)], c = src[std::min(k + 1, src.size() - 1)];
        out[i] = float(a * (1 - w) + c * w);
    }
    return out;
}

QByteArray wavBytes(const std::vector<float> &samples, int rate)
{
    QByteArray b(44 + qsizetype(samples.size()) * 2, '\0');
    char *p = b.data();
    auto put32 = [&](int at, quint32 v) { qToLittleEndian(v, p + at); };
    auto put16 = [&](int at, quint16 v) { qToLittleEndian(v, p + at); };
    memcpy(p, "RIFF", 4);
    put32(4, quint32(b.size() - 8));
    memcpy(p + 8, "WAVEfmt ", 8);
    put32(16, 16);
    put16(20, 1);
    put16(22, 1);
    put32(24, quint32(rate));
    put32(28, quint32(rate * 2));
    put16(32, 2);
    put16(34, 16);
    memcpy(p + 36, "data", 4);
    put32(40, quint32(samples.size() * 2));
    for (size_t i = 0; i < samples.size(); ++i)
        put16(44 + int(i) * 2,
              quint16(qint16(std::lround(std::clamp(samples[i], -1.0f, 1.0f) * 32000.0f))));
    return b;
}

// Grey-ish, a little tinted: none of them falls into the figures' colour
// bins of the built-in histogram.
constexpr unsigned char kBackdrops[6][3] = {{96, 104, 112},  {122, 112, 98}, {84, 98, 96},
                                            {110, 110, 126}, {104, 92, 102}, {90, 102, 86}};

void drawBackground(unsigned char *rgb, int w, int h, int backdrop, qint64 ms)
{
    const unsigned char *base = kBackdrops[backdrop % 6];
    const int drift = int(ms / 20); // 50 px/s
    for (int y = 0; y < h; ++y) {
        const int grad = 30 - 60 * y / h;
        for (int x = 0; x < w; ++x) {
            const int band = ((x + 2 * y + drift) % 96) < 20 ? 18 : 0;
            unsigned char *px = rgb + (size_t(y) * w + x) * 3;
            for (int c = 0; c < 3; ++c)
                px[c] = (unsigned char)std::clamp(base[c] + grad + band, 0, 255);
        }
    }
}

void drawFigure(unsigned char *rgb, int w, int h, const DemoEvent &e, qint64 ms)
{
    const QPointF c = DemoFilmGenerator::figureCentre(e, ms, w, h);
    const int r = DemoFilmGenerator::figureRadius(h);
    const auto colour = DemoFilmGenerator::figureColour(e);
    const bool square = DemoFilmGenerator::figureIsSquare(e);
    for (int y = std::max(0, int(c.y()) - r - 1); y <= std::min(h - 1, int(c.y()) + r + 1); ++y)
        for (int x = std::max(0, int(c.x()) - r - 1); x <= std::min(w - 1, int(c.x()) + r + 1);
             ++x) {
            const double dx = x + 0.5 - c.x(), dy = y + 0.5 - c.y();
            const bool inside = square ? (std::abs(dx) <= r && std::abs(dy) <= r)
                                       : dx * dx + dy * dy <= double(r) * r;
            if (inside)
                std::copy(colour.begin(), colour.end(), rgb + (size_t(y) * w + x) * 3);
        }
}

double ramp(qint64 sinceStartMs, qint64 untilEndMs, double fadeMs)
{
    return std::clamp(std::min(double(sinceStartMs), double(untilEndMs)) / fadeMs, 0.0, 1.0);
}

} // namespace

int DemoFilmGenerator::figureRadius(int height)
{
    return std::max(3, int(std::lround(height * 0.33)));
}

bool DemoFilmGenerator::figureIsSquare(const DemoEvent &e)
{
    return e.distractor && e.variant == 1;
}

std::array<unsigned char, 3> DemoFilmGenerator::figureColour(const DemoEvent &e)
{
    if (!e.distractor)
        return {200, 20, 30}; // a dark red disc
    // lighter than the backgrounds, where the red disc is darker: the
    // histogram and the grey thumbnail can both tell them apart
    return e.variant == 1 ? std::array<unsigned char, 3>{235, 215, 70}  // yellow square
                          : std::array<unsigned char, 3>{90, 150, 250}; // light blue disc
}

QPointF DemoFilmGenerator::figureCentre(const DemoEvent &e, qint64 ms, int width, int height)
{
    const int r = figureRadius(height);
    const double f = std::clamp(
        double(ms - e.startMs) / double(std::max<qint64>(1, e.endMs - e.startMs)), 0.0, 1.0);
    const double from = r + 4, to = width - r - 4;
    const double x = e.leftToRight ? from + f * (to - from) : to - f * (to - from);
    return {x, e.y * height};
}

double DemoFilmGenerator::toneHz(const DemoEvent &e, qint64 ms)
{
    if (!e.distractor)
        return 4000;
    if (e.variant == 0)
        return 700;
    const double f = std::clamp(
        double(ms - e.startMs) / double(std::max<qint64>(1, e.endMs - e.startMs)), 0.0, 1.0);
    return 1200 + 800 * f; // chirp
}

bool DemoFilmGenerator::toneOn(const DemoEvent &e, qint64 ms)
{
    if (ms < e.startMs || ms >= e.endMs)
        return false;
    if (e.distractor && e.variant == 1)
        return true; // the chirp is continuous
    return (ms - e.startMs) % kPulsePeriodMs < kPulseOnMs;
}

void DemoFilmGenerator::render(DemoFilm &film, const QString &dir, const QString &baseName,
                               const Options &o, const std::atomic<bool> *cancel)
{
    requireTool(QStringLiteral("ffmpeg"));
    requireTool(QStringLiteral("espeak-ng"));
    const QDir d(dir);
    auto cancelled = [&] { return cancel && cancel->load(); };
    auto clipAt = [&](qint64 ms) -> const DemoClip & {
        for (const DemoClip &c : film.clips)
            if (ms >= c.startMs && ms < c.endMs)
                return c;
        return film.clips.last();
    };

    // The soundtrack: a quiet chord, the tone patterns, the spoken lines.
    const int rate = o.sampleRate;
    const size_t total = size_t(film.durationMs * rate / 1000);
    std::vector<float> audio(total);
    for (size_t i = 0; i < total; ++i) {
        const double t = double(i) / rate;
        audio[i] =
            float(0.03 * std::sin(2 * kPi * 220 * t) * (1 + 0.4 * std::sin(2 * kPi * 0.5 * t)) +
                  0.025 * std::sin(2 * kPi * 277.2 * t) + 0.02 * std::sin(2 * kPi * 329.6 * t) +
                  0.02 * std::sin(2 * kPi * 110 * t) * (0.5 + 0.5 * std::sin(2 * kPi * 2 * t)));
    }
    int lineNo = 0;
    for (DemoEvent &e : film.events) {
        if (cancelled())
            throw UserError(QStringLiteral("the demo was cancelled"));
        if (e.modality == Modality::Audio) {
            double phase = 0;
            for (size_t i = size_t(e.startMs * rate / 1000);
                 i < size_t(e.endMs * rate / 1000) && i < total; ++i) {
                const qint64 ms = qint64(i) * 1000 / rate;
                phase += 2 * kPi * toneHz(e, ms) / rate;
                if (!toneOn(e, ms))
                    continue;
                const qint64 inPulse = (e.distractor && e.variant == 1)
                                           ? ms - e.startMs
                                           : (ms - e.startMs) % kPulsePeriodMs;
                const qint64 pulseLeft =
                    (e.distractor && e.variant == 1) ? e.endMs - ms : kPulseOnMs - inPulse;
                const double amp = (e.distractor && e.variant == 1) ? 0.2 : 0.25;
                audio[i] += float(amp * ramp(inPulse, pulseLeft, 8) * std::sin(phase));
            }
        } else if (e.modality == Modality::Text) {
            const QString wav =
                d.filePath(QStringLiteral("%1-line%2.wav").arg(baseName).arg(lineNo));
            runTool(QStringLiteral("espeak-ng"),
                    {"-v", lineNo % 2 ? "en+f3" : "en+m3", "-s", "160", "-w", wav, e.text},
                    QStringLiteral("speaking a line"));
            ++lineNo;
            std::vector<float> speech = readWav(wav, rate);
            QFile::remove(wav);
            const qint64 limit = clipAt(e.startMs).endMs - 100;
            e.endMs = std::min(e.startMs + qint64(speech.size()) * 1000 / rate, limit);
            const size_t from = size_t(e.startMs * rate / 1000);
            const size_t n = std::min(speech.size(), size_t((e.endMs - e.startMs) * rate / 1000));
            for (size_t i = 0; i < n && from + i < total; ++i)
                audio[from + i] += 0.9f * speech[i];
        }
    }
    const QString wavPath = d.filePath(baseName + QStringLiteral("-soundtrack.wav"));
    writeFileAtomically(wavPath, wavBytes(audio, rate));
    audio = {};

    // The pictures, piped to ffmpeg.
    const QString mp4 = d.filePath(baseName + QStringLiteral(".mp4"));
    const QStringList args = {"-loglevel",
                              "error",
                              "-y",
                              "-f",
                              "rawvideo",
                              "-pix_fmt",
                              "rgb24",
                              "-s",
                              QStringLiteral("%1x%2").arg(o.width).arg(o.height),
                              "-r",
                              QString::number(o.fps),
                              "-i",
                              "pipe:0",
                              "-i",
                              wavPath,
                              "-map",
                              "0:v",
                              "-map",
                              "1:a",
                              "-c:v",
                              "libx264",
                              "-preset",
                              "veryfast",
                              "-crf",
                              "20",
                              "-g",
                              QString::number(o.fps * 2),
                              "-pix_fmt",
                              "yuv420p",
                              "-c:a",
                              "aac",
                              "-b:a",
                              "96k",
                              "-ar",
                              "44100",
                              "-movflags",
                              "+faststart",
                              "-t",
                              QString::number(film.durationMs / 1000.0, 'f', 3),
                              mp4};
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral("ffmpeg"), args);
    if (!p.waitForStarted(-1)) {
        QFile::remove(wavPath);
        throw UserError(QStringLiteral("ffmpeg could not be started: %1").arg(p.errorString()));
    }
    const qint64 frames = film.durationMs * o.fps / 1000;
    QByteArray frame(qsizetype(o.width) * o.height * 3, '\0');
    auto *rgb = reinterpret_cast<unsigned char *>(frame.data());
    bool failed = false;
    for (qint64 i = 0; i < frames && !failed; ++i) {
        if (cancelled()) {
            p.kill();
            p.waitForFinished(-1);
            QFile::remove(wavPath);
            QFile::remove(mp4);
            throw UserError(QStringLiteral("the demo was cancelled"));
        }
        const qint64 ms = i * 1000 / o.fps;
        drawBackground(rgb, o.width, o.height, clipAt(ms).backdrop, ms);
        for (const DemoEvent &e : film.events)
            if (e.modality == Modality::Visual && ms >= e.startMs && ms < e.endMs)
                drawFigure(rgb, o.width, o.height, e, ms);
        if (p.write(frame) != frame.size())
            failed = true;
        while (!failed && p.bytesToWrite() > 4 * frame.size())
            if (!p.waitForBytesWritten(-1))
                failed = p.state() != QProcess::Running;
    }
    p.closeWriteChannel();
    p.waitForFinished(-1);
    QFile::remove(wavPath);
    if (failed || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        throw UserError(QStringLiteral("ffmpeg failed while encoding %1: %2")
                            .arg(mp4, QString::fromLocal8Bit(p.readAll()).right(600)));

    QString srt;
    int cue = 0;
    for (const DemoEvent &e : film.events)
        if (e.modality == Modality::Text)
            srt += QStringLiteral("%1\n%2 --> %3\n%4\n\n")
                       .arg(++cue)
                       .arg(srtTime(e.startMs), srtTime(e.endMs), e.text);
    const QString srtPath = d.filePath(baseName + QStringLiteral(".srt"));
    writeFileAtomically(srtPath, srt.toUtf8());
    film.videoPath = mp4;
    film.subtitlesPath = srtPath;
}

} // namespace ms::core
