#pragma once

#include <vector>

namespace ms::core {

// Kaldi-compatible log-mel filterbank, the input of the AST audio encoder
// (Kaldi's compute-fbank-feats and torchaudio.compliance.kaldi.fbank with
// their defaults): 16 kHz mono, 25 ms frames every 10 ms ("snip edges": only
// whole frames), DC offset removed, pre-emphasis 0.97, Povey window, zero
// padding to a power of two, power spectrum, triangular mel filters on the
// 1127 ln(1 + f/700) scale from 20 Hz to the Nyquist frequency, natural log
// floored at float epsilon. No dither, so the output is deterministic.
class KaldiFbank
{
public:
    struct Options
    {
        int sampleRate = 16000;
        int melBins = 128;
        double frameLengthMs = 25.0;
        double frameShiftMs = 10.0;
        double preemphasis = 0.97;
        double lowFreq = 20.0;
        double highFreq = 0.0; // <= 0: Nyquist + highFreq, as in Kaldi
    };

    KaldiFbank() : KaldiFbank(Options()) {}
    explicit KaldiFbank(Options o);

    int frameLength() const { return m_frameLength; }
    int frameShift() const { return m_frameShift; }
    int melBins() const { return m_options.melBins; }
    // Frames that fit whole in `samples` samples.
    int frameCount(long long samples) const;
    // frameCount(n) x melBins log energies, row-major.
    std::vector<float> compute(const float *samples, long long n) const;
    // One frame's log-mel energies into `out` (melBins values).
    void computeFrame(const float *frame, float *out) const;

private:
    Options m_options;
    int m_frameLength;
    int m_frameShift;
    int m_fftSize;
    std::vector<double> m_window;
    // Sparse mel filters: first FFT bin and weights per mel bin.
    std::vector<int> m_firstBin;
    std::vector<std::vector<float>> m_weights;
};

} // namespace ms::core
