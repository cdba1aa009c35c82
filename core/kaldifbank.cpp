#include "core/kaldifbank.h"

#include <cmath>
#include <complex>
#include <limits>

namespace ms::core {

namespace {

double melScale(double f)
{
    return 1127.0 * std::log(1.0 + f / 700.0);
}

// In-place iterative radix-2 FFT; n is a power of two.
void fft(std::vector<std::complex<double>> &a)
{
    const size_t n = a.size();
    for (size_t i = 1, j = 0; i < n; ++i) {
        size_t bit = n >> 1;
        for (; j & bit; bit >>= 1)
            j ^= bit;
        j ^= bit;
        if (i < j)
            std::swap(a[i], a[j]);
    }
    for (size_t len = 2; len <= n; len <<= 1) {
        const double ang = -2.0 * M_PI / double(len);
        const std::complex<double> wl(std::cos(ang), std::sin(ang));
        for (size_t i = 0; i < n; i += len) {
            std::complex<double> w(1.0);
            for (size_t k = 0; k < len / 2; ++k) {
                const auto u = a[i + k], v = a[i + k + len / 2] * w;
                a[i + k] = u + v;
                a[i + k + len / 2] = u - v;
                w *= wl;
            }
        }
    }
}

} // namespace

KaldiFbank::KaldiFbank(Options o) : m_options(o)
{
    m_frameLength = int(std::lround(o.sampleRate * o.frameLengthMs / 1000.0));
    m_frameShift = int(std::lround(o.sampleRate * o.frameShiftMs / 1000.0));
    m_fftSize = 1;
    while (m_fftSize < m_frameLength)
        m_fftSize <<= 1;
    m_window.resize(size_t(m_frameLength));
    for (int i = 0; i < m_frameLength; ++i)
        m_window[size_t(i)] =
            std::pow(0.5 - 0.5 * std::cos(2.0 * M_PI * i / double(m_frameLength - 1)), 0.85);

    // Kaldi's MelBanks: bins equally spaced in mel, triangles in the mel
    // domain, over the FFT bins 0 .. fftSize/2 - 1.
    const double nyquist = 0.5 * o.sampleRate;
    const double high = o.highFreq > 0 ? o.highFreq : nyquist + o.highFreq;
    const double melLow = melScale(o.lowFreq), melHigh = melScale(high);
    const double delta = (melHigh - melLow) / (o.melBins + 1);
    const int fftBins = m_fftSize / 2;
    const double binHz = double(o.sampleRate) / m_fftSize;
    m_firstBin.assign(size_t(o.melBins), 0);
    m_weights.assign(size_t(o.melBins), {});
    for (int b = 0; b < o.melBins; ++b) {
        const double left = melLow + b * delta, center = left + delta, right = center + delta;
        int first = -1;
        std::vector<float> w;
        for (int i = 0; i < fftBins; ++i) {
            const double mel = melScale(binHz * i);
            if (mel > left && mel < right) {
                const double weight = mel <= center ? (mel - left) / (center - left)
                                                    : (right - mel) / (right - center);
                if (first < 0)
                    first = i;
                w.resize(size_t(i - first + 1), 0.f);
                w[size_t(i - first)] = float(weight);
            }
        }
        m_firstBin[size_t(b)] = std::max(first, 0);
        m_weights[size_t(b)] = std::move(w);
    }
}

int KaldiFbank::frameCount(long long samples) const
{
    if (samples < m_frameLength)
        return 0;
    return int(1 + (samples - m_frameLength) / m_frameShift);
}

void KaldiFbank::computeFrame(const float *frame, float *out) const
{
    std::vector<double> x(frame, frame + m_frameLength);
    double mean = 0;
    for (double v : x)
        mean += v;
    mean /= m_frameLength;
    for (double &v : x)
        v -= mean;
    for (int i = m_frameLength - 1; i > 0; --i)
        x[size_t(i)] -= m_options.preemphasis * x[size_t(i - 1)];
    x[0] -= m_options.preemphasis * x[0];
    std::vector<std::complex<double>> spec(static_cast<size_t>(m_fftSize));
    for (int i = 0; i < m_frameLength; ++i)
        spec[size_t(i)] = x[size_t(i)] * m_window[size_t(i)];
    fft(spec);
    std::vector<double> power(static_cast<size_t>(m_fftSize / 2));
    for (size_t i = 0; i < power.size(); ++i)
        power[i] = std::norm(spec[i]);
    const double floor = std::numeric_limits<float>::epsilon();
    for (int b = 0; b < m_options.melBins; ++b) {
        double e = 0;
        const auto &w = m_weights[size_t(b)];
        for (size_t k = 0; k < w.size(); ++k)
            e += w[k] * power[size_t(m_firstBin[size_t(b)]) + k];
        out[b] = float(std::log(std::max(e, floor)));
    }
}

std::vector<float> KaldiFbank::compute(const float *samples, long long n) const
{
    const int frames = frameCount(n);
    std::vector<float> out(size_t(frames) * m_options.melBins);
    for (int f = 0; f < frames; ++f)
        computeFrame(samples + (long long)f * m_frameShift, out.data() + size_t(f) * m_options.melBins);
    return out;
}

} // namespace ms::core
