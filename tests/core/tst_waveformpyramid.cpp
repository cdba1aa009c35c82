#include "core/waveformcache.h"
#include "core/waveformpyramid.h"
#include "../testsupport.h"

#include <QTemporaryDir>
#include <QTest>
#include <cmath>

using namespace ms::core;

class TestWaveformPyramid : public QObject
{
    Q_OBJECT

    static std::vector<float> ramp(int n)
    {
        std::vector<float> v(static_cast<size_t>(n));
        for (int i = 0; i < n; ++i)
            v[size_t(i)] = float(std::sin(i * 0.37) * (1 + i % 7));
        return v;
    }

private slots:
    void exactAtTheBaseLevel()
    {
        const auto s = ramp(1000);
        WaveformPyramid p(64, 8000);
        p.append(s.data(), qint64(s.size()));
        p.finish();
        QCOMPARE(p.binCount(0), 16); // 15 whole bins and a partial one of 40 samples
        for (qint64 b = 0; b < 16; ++b) {
            const auto first = s.begin() + b * 64;
            const auto last = s.begin() + std::min<qint64>(1000, (b + 1) * 64);
            QCOMPARE(p.mins(0)[b], *std::min_element(first, last));
            QCOMPARE(p.maxs(0)[b], *std::max_element(first, last));
        }
    }

    void levelsHalve()
    {
        const auto s = ramp(1000);
        WaveformPyramid p(64);
        p.append(s.data(), qint64(s.size()));
        p.finish();
        QCOMPARE(p.levelCount(), 5); // 16, 8, 4, 2, 1 bins
        for (int l = 1; l < p.levelCount(); ++l) {
            QCOMPARE(p.binCount(l), (p.binCount(l - 1) + 1) / 2);
            for (qint64 b = 0; b < p.binCount(l); ++b) {
                const qint64 a = 2 * b, c = std::min(2 * b + 1, p.binCount(l - 1) - 1);
                QCOMPARE(p.mins(l)[b], std::min(p.mins(l - 1)[a], p.mins(l - 1)[c]));
                QCOMPARE(p.maxs(l)[b], std::max(p.maxs(l - 1)[a], p.maxs(l - 1)[c]));
            }
        }
        QCOMPARE(p.mins(4)[0], *std::min_element(s.begin(), s.end()));
        QCOMPARE(p.maxs(4)[0], *std::max_element(s.begin(), s.end()));
        // An odd count: 5 bins make 3, 2, 1.
        WaveformPyramid q(10);
        q.append(s.data(), 45);
        q.finish();
        QCOMPARE(q.binCount(0), 5);
        QCOMPARE(q.binCount(1), 3);
        QCOMPARE(q.binCount(2), 2);
        QCOMPARE(q.binCount(3), 1);
    }

    void incrementalEqualsOneShot()
    {
        const auto s = ramp(100000);
        WaveformPyramid a(256), b(256);
        a.append(s.data(), qint64(s.size()));
        for (size_t off = 0; off < s.size(); off += 333)
            b.append(s.data() + off, qint64(std::min<size_t>(333, s.size() - off)));
        // Before finish, the whole bins already agree (partial results).
        QCOMPARE(b.binCount(0), a.binCount(0));
        QVERIFY(b.levelCount() > 5);
        a.finish();
        b.finish();
        QCOMPARE(a.levelCount(), b.levelCount());
        for (int l = 0; l < a.levelCount(); ++l)
            QVERIFY(std::equal(a.mins(l), a.mins(l) + a.binCount(l), b.mins(l)));
    }

    void rangeQueries()
    {
        const auto s = ramp(5000);
        WaveformPyramid p(16);
        p.append(s.data(), qint64(s.size()));
        p.finish();
        const auto [lo, hi] = p.range(0, 5000);
        QCOMPARE(lo, *std::min_element(s.begin(), s.end()));
        QCOMPARE(hi, *std::max_element(s.begin(), s.end()));
        QCOMPARE(p.levelFor(16), 0);
        QCOMPARE(p.levelFor(64), 2);
        QCOMPARE(p.range(10, 10), (std::pair<float, float>{0.f, 0.f}));
    }

    void serialiseRoundTripAndCache()
    {
        const auto s = ramp(20000);
        WaveformPyramid p(128, 44100);
        p.append(s.data(), qint64(s.size()));
        p.finish();
        WaveformPyramid q;
        QString id;
        QVERIFY(WaveformPyramid::deserialize(p.serialize("v1:abc"), &q, &id));
        QCOMPARE(id, QString("v1:abc"));
        QCOMPARE(q.sampleRate(), 44100);
        QCOMPARE(q.sampleCount(), 20000);
        QCOMPARE(q.levelCount(), p.levelCount());
        QVERIFY(std::equal(p.maxs(0), p.maxs(0) + p.binCount(0), q.maxs(0)));
        QVERIFY(!WaveformPyramid::deserialize(QByteArray("garbage"), &q, &id));
        QVERIFY(!WaveformPyramid::deserialize(p.serialize("x").left(100), &q, &id));

        QTemporaryDir dir;
        const WaveformCache cache(dir.path());
        QVERIFY(!cache.load("fp1", 0, 128));
        QVERIFY(cache.store("fp1", 0, p));
        QVERIFY(cache.load("fp1", 0, 128));
        QVERIFY(!cache.load("fp2", 0, 128)); // another file
        QVERIFY(!cache.load("fp1", 1, 128)); // another stream
        QVERIFY(!cache.load("fp1", 0, 64));  // another bin size
    }
};

QTEST_GUILESS_MAIN(TestWaveformPyramid)
#include "tst_waveformpyramid.moc"
