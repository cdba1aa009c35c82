#include "core/waveformpyramid.h"

#include <QBuffer>
#include <QDataStream>
#include <QIODevice>
#include <algorithm>
#include <cstring>

namespace ms::core {

namespace {
constexpr quint32 kMagic = 0x4D535746; // "MSWF"
constexpr quint32 kVersion = 2;
} // namespace

WaveformPyramid::WaveformPyramid(int samplesPerBin, int sampleRate)
    : m_samplesPerBin(std::max(1, samplesPerBin)), m_sampleRate(sampleRate), m_levels(1)
{
}

void WaveformPyramid::append(const float *samples, qint64 n)
{
    Level &base = m_levels[0];
    qint64 i = 0;
    while (i < n) {
        if (m_open == 0 && n - i >= m_samplesPerBin) {
            // Whole bins straight from the block: the hot path.
            const float *p = samples + i;
            float lo = p[0], hi = p[0];
            for (int k = 1; k < m_samplesPerBin; ++k) {
                lo = std::min(lo, p[k]);
                hi = std::max(hi, p[k]);
            }
            base.min.push_back(lo);
            base.max.push_back(hi);
            i += m_samplesPerBin;
            continue;
        }
        const float v = samples[i++];
        if (m_open == 0) {
            m_openMin = m_openMax = v;
        } else {
            m_openMin = std::min(m_openMin, v);
            m_openMax = std::max(m_openMax, v);
        }
        if (++m_open == m_samplesPerBin) {
            base.min.push_back(m_openMin);
            base.max.push_back(m_openMax);
            m_open = 0;
        }
    }
    m_samples += n;
    propagate();
}

void WaveformPyramid::propagate()
{
    // Every pair of finished bins below makes a bin above, up to the first
    // level with fewer than two bins.
    for (size_t l = 1; m_levels[l - 1].min.size() >= 2; ++l) {
        if (l == m_levels.size())
            m_levels.emplace_back();
        const Level &src = m_levels[l - 1];
        Level &above = m_levels[l];
        while (src.min.size() >= 2 * (above.min.size() + 1)) {
            const size_t j = 2 * above.min.size();
            above.min.push_back(std::min(src.min[j], src.min[j + 1]));
            above.max.push_back(std::max(src.max[j], src.max[j + 1]));
        }
    }
}

void WaveformPyramid::finish()
{
    if (m_finished)
        return;
    if (m_open > 0) {
        m_levels[0].min.push_back(m_openMin);
        m_levels[0].max.push_back(m_openMax);
        m_open = 0;
    }
    rebuildUpperLevels();
    m_finished = true;
}

void WaveformPyramid::rebuildUpperLevels()
{
    // Each level halves the one below; a lone last bin is carried up as is,
    // until one bin is left.
    m_levels.resize(1);
    while (m_levels.back().min.size() > 1) {
        const Level &src = m_levels.back();
        Level up;
        const size_t n = (src.min.size() + 1) / 2;
        up.min.resize(n);
        up.max.resize(n);
        for (size_t j = 0; j < n; ++j) {
            const size_t a = 2 * j, b = std::min(2 * j + 1, src.min.size() - 1);
            up.min[j] = std::min(src.min[a], src.min[b]);
            up.max[j] = std::max(src.max[a], src.max[b]);
        }
        m_levels.push_back(std::move(up));
    }
}

int WaveformPyramid::levelFor(double samplesPerPixel) const
{
    int level = 0;
    while (level + 1 < levelCount() && double(samplesPerBinAt(level + 1)) <= samplesPerPixel &&
           binCount(level + 1) > 0)
        ++level;
    return level;
}

std::pair<float, float> WaveformPyramid::range(qint64 from, qint64 to) const
{
    from = std::max<qint64>(0, from);
    if (to <= from || m_levels[0].min.empty())
        return {0.f, 0.f};
    const int level = levelFor(double(to - from));
    const qint64 width = samplesPerBinAt(level);
    const qint64 first = from / width;
    const qint64 last = std::min((to - 1) / width, binCount(level) - 1);
    if (first > last)
        return {0.f, 0.f};
    float lo = mins(level)[first], hi = maxs(level)[first];
    for (qint64 b = first + 1; b <= last; ++b) {
        lo = std::min(lo, mins(level)[b]);
        hi = std::max(hi, maxs(level)[b]);
    }
    return {lo, hi};
}

QByteArray WaveformPyramid::serialize(const QString &sourceId) const
{
    QByteArray out;
    QBuffer buffer(&out);
    buffer.open(QIODevice::WriteOnly);
    write(&buffer, sourceId);
    return out;
}

void WaveformPyramid::write(QIODevice *device, const QString &sourceId) const
{
    QDataStream s(device);
    s.setByteOrder(QDataStream::LittleEndian);
    const Level &base = m_levels[0];
    s << kMagic << kVersion << qint32(m_sampleRate) << qint32(m_samplesPerBin) << qint64(m_samples)
      << sourceId << qint64(base.min.size());
    s.writeRawData(reinterpret_cast<const char *>(base.min.data()), int(base.min.size() * sizeof(float)));
    s.writeRawData(reinterpret_cast<const char *>(base.max.data()), int(base.max.size() * sizeof(float)));
}

bool WaveformPyramid::deserialize(const QByteArray &bytes, WaveformPyramid *out, QString *sourceId)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    return read(&buffer, out, sourceId);
}

bool WaveformPyramid::read(QIODevice *device, WaveformPyramid *out, QString *sourceId)
{
    QDataStream s(device);
    s.setByteOrder(QDataStream::LittleEndian);
    quint32 magic = 0, version = 0;
    qint32 rate = 0, perBin = 0;
    qint64 samples = 0, bins = 0;
    QString id;
    s >> magic >> version >> rate >> perBin >> samples >> id >> bins;
    if (s.status() != QDataStream::Ok || magic != kMagic || version != kVersion || perBin <= 0 ||
        bins < 0 || bins > samples / perBin + 1)
        return false;
    WaveformPyramid p(perBin, rate);
    p.m_samples = samples;
    Level &base = p.m_levels[0];
    base.min.resize(size_t(bins));
    base.max.resize(size_t(bins));
    // Straight into the vectors: no intermediate copy of tens of megabytes.
    const qint64 bytesEach = bins * qint64(sizeof(float));
    if (s.readRawData(reinterpret_cast<char *>(base.min.data()), int(bytesEach)) != bytesEach ||
        s.readRawData(reinterpret_cast<char *>(base.max.data()), int(bytesEach)) != bytesEach)
        return false;
    p.rebuildUpperLevels();
    p.m_finished = true;
    *out = std::move(p);
    if (sourceId)
        *sourceId = id;
    return true;
}

} // namespace ms::core
