#pragma once

#include <QList>
#include <QMetaType>
#include <QString>
#include <atomic>
#include <functional>

namespace ms::core {

// Shot boundaries of a film, in two steps kept apart on purpose: scoring
// decodes every frame once (slow, a job), picking cuts from the scores is
// pure and fast, so it runs again each time the user moves the sensitivity
// slider.
//
// The score of frame i is how different it looks from frame i-1, both
// scaled down to 64x36 RGB thumbnails: the mean of (a) the L1 distance
// between their 16-bin-per-channel colour histograms, which ignores motion
// inside a shot, and (b) the mean absolute pixel difference, which sees a
// cut between two shots of the same colours. Both lie in [0, 1].
//
// A cut is a frame whose score (1) stands out of its neighbourhood: above
// the median of the scores on each side (about a second, taken apart since
// they belong to different shots) plus k times their median absolute
// deviation, so a shot full of motion needs a larger jump; (2) passes an
// absolute floor; and (3) is isolated: clearly larger
// than the scores of the two frames either side. Fades and dissolves spread
// their change over many frames (no isolated peak); a flash makes two equal
// peaks one or two frames apart (neither isolated). The sensitivity (0..1)
// lowers k, the floor and the isolation ratio together, so a higher
// sensitivity gives a superset of candidates. Last, candidates are taken
// strongest first and kept only at least the minimum clip length away from
// the kept ones and from the film's start and end.
class ShotDetector
{
public:
    struct Scores
    {
        QString path;
        double frameRate = 0;
        qint64 durationMs = 0;
        QList<qint64> ptsMs;    // every decoded frame's presentation time
        QList<float> values;    // each frame's difference to the one before; 0 for the first
        bool truncated = false; // decoding stopped at damaged data
    };
    // Called with (ms decoded, film duration in ms) while scoring.
    using Progress = std::function<void(qint64 doneMs, qint64 totalMs)>;

    static constexpr int kThumbWidth = 64;
    static constexpr int kThumbHeight = 36;

    // Decodes `path`'s video and scores every frame. UserError naming the
    // file when it has no video or cannot be decoded. When `cancel` becomes
    // true it stops and returns the scores so far.
    static Scores score(const QString &path, const Progress &progress = {},
                        const std::atomic<bool> *cancel = nullptr, int threads = 0);

    // The difference of two RGB24 pictures of `pixels` pixels each, in [0, 1].
    static float difference(const unsigned char *a, const unsigned char *b, int pixels);

    // Cut times (ms, the first frame of each new shot), ascending.
    // `sensitivity` is clamped to [0, 1]; `minLengthMs` <= 0 means no minimum.
    static QList<qint64> cuts(const Scores &scores, double sensitivity, qint64 minLengthMs);
};

} // namespace ms::core

Q_DECLARE_METATYPE(ms::core::ShotDetector::Scores)
