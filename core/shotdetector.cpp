#include "core/shotdetector.h"

#include "core/error.h"
#include "core/mediaprobe.h"
#include "core/videoframereader.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <set>
#include <vector>

namespace ms::core {

namespace {

constexpr int kBins = 16;
// How many frames either side a cut must stand out of: a flash is two peaks
// (in and out) at most this far apart.
constexpr int kIsolationFrames = 3;

// Soft (triangular) binning: a colour moving smoothly (a fade) moves the
// histogram smoothly too, instead of jumping whole bins every few frames.
void addToHistogram(std::array<float, 3 * kBins> &h, int channel, int value)
{
    const float position = (float(value) + 0.5f) * kBins / 256.0f - 0.5f;
    const int low = int(std::floor(position));
    const float high = position - float(low);
    const int base = channel * kBins;
    if (low >= 0)
        h[base + low] += 1.0f - high;
    else
        h[base] += 1.0f - high;
    if (low + 1 < kBins)
        h[base + low + 1] += high;
    else
        h[base + kBins - 1] += high;
}

double median(std::vector<float> &v)
{
    const auto middle = v.begin() + std::ptrdiff_t(v.size() / 2);
    std::nth_element(v.begin(), middle, v.end());
    return *middle;
}

// The score a frame must pass to stand out of v[from, to): the median plus
// `multiple` robust deviations; 0 when the side is too short to say.
double sideThreshold(const QList<float> &v, qsizetype from, qsizetype to, double multiple,
                     std::vector<float> &window, std::vector<float> &deviations)
{
    if (to - from < 3)
        return 0.0;
    window.assign(v.begin() + from, v.begin() + to);
    const double m = median(window);
    deviations.clear();
    for (float w : window)
        deviations.push_back(float(std::abs(w - m)));
    // 1.4826 makes the MAD a normal distribution's sigma; the small floor
    // keeps a still shot (MAD 0) from turning any flicker into a cut.
    return m + multiple * std::max(1.4826 * median(deviations), 0.005);
}

} // namespace

float ShotDetector::difference(const unsigned char *a, const unsigned char *b, int pixels)
{
    if (pixels <= 0)
        return 0.0f;
    std::array<float, 3 * kBins> ha{}, hb{};
    qint64 absolute = 0;
    for (int i = 0; i < pixels; ++i)
        for (int c = 0; c < 3; ++c) {
            const int va = a[3 * i + c];
            const int vb = b[3 * i + c];
            absolute += std::abs(va - vb);
            addToHistogram(ha, c, va);
            addToHistogram(hb, c, vb);
        }
    double histogram = 0;
    for (size_t k = 0; k < ha.size(); ++k)
        histogram += std::abs(ha[k] - hb[k]);
    histogram /= 2.0 * 3.0 * pixels;
    const double meanAbsolute = double(absolute) / (255.0 * 3.0 * pixels);
    return float(std::clamp((histogram + meanAbsolute) / 2.0, 0.0, 1.0));
}

ShotDetector::Scores ShotDetector::score(const QString &path, const Progress &progress,
                                         const std::atomic<bool> *cancel, int threads)
{
    const MediaInfo media = MediaProbe::probe(path);
    if (media.streamsOf(QStringLiteral("video")).isEmpty())
        throw UserError(QStringLiteral("%1: no video stream; shots are found in the pictures, so "
                                       "segment it by fixed length or by subtitles instead")
                            .arg(path));
    Scores s;
    s.path = path;
    constexpr int pixels = kThumbWidth * kThumbHeight;
    std::vector<unsigned char> previous(size_t(pixels) * 3);
    bool havePrevious = false;
    VideoFrameReader reader(path, kThumbWidth, kThumbHeight, threads);
    const VideoFrameReader::Info info = reader.run(
        [&](const VideoFrameReader::Frame &f) {
            s.ptsMs.append(f.ptsMs);
            s.values.append(havePrevious ? difference(previous.data(), f.rgb, pixels) : 0.0f);
            std::memcpy(previous.data(), f.rgb, previous.size());
            havePrevious = true;
            if (progress)
                progress(f.ptsMs, media.durationMs);
        },
        cancel);
    s.frameRate = info.frameRate;
    s.truncated = info.truncated;
    const qint64 lastFrameEnd =
        s.ptsMs.isEmpty() ? 0 : s.ptsMs.last() + qint64(std::llround(1000.0 / s.frameRate));
    s.durationMs = std::max({info.durationMs, media.durationMs, lastFrameEnd});
    return s;
}

QList<qint64> ShotDetector::cuts(const Scores &scores, double sensitivity, qint64 minLengthMs)
{
    const double t = std::clamp(sensitivity, 0.0, 1.0);
    // Each criterion loosens as the sensitivity grows, so candidates only get added.
    const double madMultiple = 12.0 - 9.0 * t; // 12 .. 3
    const double floor = 0.25 - 0.22 * t;      // 0.25 .. 0.03
    const double isolation = 3.0 - 1.7 * t;    // 3.0 .. 1.3

    const QList<float> &v = scores.values;
    const qsizetype n = std::min(v.size(), scores.ptsMs.size());
    const qsizetype half = std::max<qsizetype>(
        5, qsizetype(std::lround(scores.frameRate > 0 ? scores.frameRate : 25)));

    struct Candidate
    {
        qsizetype frame;
        float value;
    };
    std::vector<Candidate> candidates;
    std::vector<float> window, deviations;
    for (qsizetype i = 1; i < n; ++i) {
        const float value = v[i];
        if (value < floor)
            continue;
        float neighbour = 0;
        for (qsizetype j = std::max<qsizetype>(1, i - kIsolationFrames);
             j <= std::min(n - 1, i + kIsolationFrames); ++j)
            if (j != i)
                neighbour = std::max(neighbour, v[j]);
        if (value < isolation * neighbour)
            continue;
        // Each side on its own: the frames before a cut belong to one shot
        // and those after to another, and a window mixing a still shot with
        // a busy one has a spread neither of them has.
        const double before =
            sideThreshold(v, std::max<qsizetype>(1, i - half), i, madMultiple, window, deviations);
        const double after =
            sideThreshold(v, i + 1, std::min(n, i + 1 + half), madMultiple, window, deviations);
        if (value <= std::max(before, after))
            continue;
        candidates.push_back({i, value});
    }

    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const Candidate &a, const Candidate &b) { return a.value > b.value; });
    std::set<qint64> kept;
    for (const Candidate &c : candidates) {
        const qint64 at = scores.ptsMs[c.frame];
        if (minLengthMs > 0) {
            if (at < minLengthMs || scores.durationMs - at < minLengthMs)
                continue;
            const auto next = kept.lower_bound(at);
            if (next != kept.end() && *next - at < minLengthMs)
                continue;
            if (next != kept.begin() && at - *std::prev(next) < minLengthMs)
                continue;
        }
        kept.insert(at);
    }
    return QList<qint64>(kept.begin(), kept.end());
}

} // namespace ms::core
