#include "core/audiofeatureextractor.h"
#include "core/kaldifbank.h"

#include <QTest>
#include <cmath>

using namespace ms::core;

namespace {
std::vector<float> signal(int n)
{
    std::vector<float> x(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i)
        x[size_t(i)] = float(0.5 * std::sin(2 * M_PI * 440 * i / 16000.0) +
                             0.25 * std::sin(2 * M_PI * 3000 * i / 16000.0) +
                             0.1 * (((i * 7919) % 1000) / 1000.0 - 0.5));
    return x;
}
} // namespace

class TestKaldiFbank : public QObject
{
    Q_OBJECT

private slots:
    // Reference values from torchaudio 0.13 (Debian python3-torchaudio):
    // torchaudio.compliance.kaldi.fbank(x, sample_frequency=16000,
    // num_mel_bins=128, dither=0.0, window_type='povey', use_energy=False)
    // on the same one-second signal, in float32.
    void matchesTorchaudio_data()
    {
        QTest::addColumn<int>("frame");
        QTest::addColumn<QList<double>>("expected"); // bins 0, 10, 50, 100, 127
        QTest::newRow("frame 0") << 0 << QList<double>{-10.31249, -8.20813, -2.06861, -0.93315, 0.52216};
        QTest::newRow("frame 5") << 5 << QList<double>{-13.90894, -8.33429, -1.78891, -0.82174, 0.36163};
        QTest::newRow("frame 97") << 97 << QList<double>{-10.05763, -8.35602, -1.87865, -0.85634, 0.41523};
    }

    void matchesTorchaudio()
    {
        QFETCH(int, frame);
        QFETCH(QList<double>, expected);
        const KaldiFbank fb;
        const auto x = signal(16000);
        QCOMPARE(fb.frameCount(16000), 98);
        const auto out = fb.compute(x.data(), 16000);
        const int bins[] = {0, 10, 50, 100, 127};
        for (int i = 0; i < 5; ++i) {
            const double got = out[size_t(frame) * 128 + bins[i]];
            // float32 in torchaudio vs double here: agree to ~1e-3 in log energy.
            QVERIFY2(std::abs(got - expected[i]) < 2e-3,
                     qPrintable(QString("bin %1: %2 vs %3").arg(bins[i]).arg(got).arg(expected[i])));
        }
    }

    void toneLandsInItsBin()
    {
        std::vector<float> x(16000);
        for (int i = 0; i < 16000; ++i)
            x[size_t(i)] = float(0.3 * std::sin(2 * M_PI * 1000 * i / 16000.0));
        const KaldiFbank fb;
        const auto out = fb.compute(x.data(), 16000);
        int best = 0;
        for (int b = 1; b < 128; ++b)
            if (out[size_t(50 * 128 + b)] > out[size_t(50 * 128 + best)])
                best = b;
        // mel(1000 Hz) = 1000.0; bins are (mel(8000) - mel(20)) / 129 = 21.7 mel apart from mel(20).
        const double expectedBin = (1127.0 * std::log(1 + 1000 / 700.0) - 1127.0 * std::log(1 + 20 / 700.0)) /
                                       ((1127.0 * std::log(1 + 8000 / 700.0) - 1127.0 * std::log(1 + 20 / 700.0)) / 129.0) - 1;
        QVERIFY2(std::abs(best - expectedBin) <= 1.0, qPrintable(QString("%1 vs %2").arg(best).arg(expectedBin)));
    }

    void silenceIsFloored()
    {
        std::vector<float> x(4000, 0.f);
        const auto out = KaldiFbank().compute(x.data(), 4000);
        QCOMPARE(out.size(), size_t(KaldiFbank().frameCount(4000)) * 128);
        for (float v : out)
            QCOMPARE(v, float(std::log(std::numeric_limits<float>::epsilon())));
    }

    void audioTokensPerTwoSeconds()
    {
        const auto x = signal(16000 * 5); // 5 s: two whole chunks and a partial one
        AudioFeatureExtractor a, b;
        a.addSamples(x.data(), qint64(x.size()));
        // Pushing in odd-sized blocks gives the same tokens.
        for (size_t off = 0; off < x.size(); off += 777)
            b.addSamples(x.data() + off, qint64(std::min<size_t>(777, x.size() - off)));
        const auto ma = a.finish(), mb = b.finish();
        QCOMPARE(ma.tokens, 3);
        QCOMPARE(ma.dim, 256);
        QCOMPARE(ma.data, mb.data);
        QCOMPARE(ma.spans[0], (TokenSpan{0, 2000}));
        QCOMPARE(ma.spans[1], (TokenSpan{2000, 4000}));
        QCOMPARE(ma.spans[2].startMs, 4000);
        // Means of a stationary signal agree across chunks; stds are small but positive.
        QVERIFY(std::abs(ma.data[50] - ma.data[256 + 50]) < 0.2);
        QVERIFY(ma.data[128 + 50] > 0.f);
    }
};

QTEST_GUILESS_MAIN(TestKaldiFbank)
#include "tst_kaldifbank.moc"
