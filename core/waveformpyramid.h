#pragma once

#include <QByteArray>
#include <QIODevice>
#include <QString>
#include <utility>
#include <vector>

namespace ms::core {

// Min/max summary of an audio track for drawing: level 0 holds, for every
// `samplesPerBin` consecutive samples, their exact minimum and maximum (the
// last bin may be partial); each level above halves the bins (min of mins,
// max of maxes) until one bin is left. Built incrementally from blocks of
// samples, so a partly built pyramid can be drawn while decoding goes on.
class WaveformPyramid
{
public:
    explicit WaveformPyramid(int samplesPerBin = 256, int sampleRate = 0);

    void append(const float *samples, qint64 n);
    // Closes the partial last bin and the odd tails of the upper levels.
    void finish();

    int samplesPerBin() const { return m_samplesPerBin; }
    int sampleRate() const { return m_sampleRate; }
    void setSampleRate(int rate) { m_sampleRate = rate; }
    qint64 sampleCount() const { return m_samples; }
    bool isFinished() const { return m_finished; }
    int levelCount() const { return int(m_levels.size()); }
    qint64 binCount(int level) const { return qint64(m_levels[size_t(level)].min.size()); }
    const float *mins(int level) const { return m_levels[size_t(level)].min.data(); }
    const float *maxs(int level) const { return m_levels[size_t(level)].max.data(); }
    qint64 samplesPerBinAt(int level) const { return qint64(m_samplesPerBin) << level; }

    // The coarsest level whose bins are no wider than `samplesPerPixel`.
    int levelFor(double samplesPerPixel) const;
    // Min and max of the samples in [from, to), read from the coarsest level
    // whose bins fit; (0, 0) for an empty range.
    std::pair<float, float> range(qint64 from, qint64 to) const;

    // Compact binary form for the cache: header (magic, version, rate, bin
    // size, sample count, source id, bin count) then the base level's raw
    // floats; the levels above are rebuilt on reading (a few ms for two
    // hours), which halves what is read from disk.
    QByteArray serialize(const QString &sourceId) const;
    void write(QIODevice *device, const QString &sourceId) const;
    // Returns false on a malformed or foreign blob.
    static bool deserialize(const QByteArray &bytes, WaveformPyramid *out, QString *sourceId);
    static bool read(QIODevice *device, WaveformPyramid *out, QString *sourceId);

private:
    struct Level
    {
        std::vector<float> min, max;
    };
    void propagate();
    void rebuildUpperLevels();

    int m_samplesPerBin;
    int m_sampleRate;
    qint64 m_samples = 0;
    bool m_finished = false;
    std::vector<Level> m_levels;
    // the open base bin
    int m_open = 0;
    float m_openMin = 0, m_openMax = 0;
};

} // namespace ms::core
