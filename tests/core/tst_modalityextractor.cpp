#include "../testsupport.h"
#include "core/audiofeatureextractor.h"
#include "core/media/modalityextractor.h"
#include "core/media/tokenslice.h"
#include "core/textfeatureextractor.h"
#include "core/tokenencoder.h"
#include "core/visualfeatureextractor.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>

using namespace ms::core;

namespace {

// Says what it was given, so the test can see how frames and log-mel frames
// were grouped into tokens.
class CountingEncoder final : public TokenEncoder
{
public:
    explicit CountingEncoder(Modality m) : m_modality(m) {}
    Modality modality() const override { return m_modality; }
    QString name() const override { return QStringLiteral("counting"); }
    QString version() const override { return QStringLiteral("7"); }
    QString params() const override { return QStringLiteral("{\"counts\":true}"); }
    int frameWidth() const override { return 8; }
    int frameHeight() const override { return 6; }
    std::vector<float> encodeFrames(const std::vector<const unsigned char *> &frames, int width,
                                    int height) override
    {
        // Distinct frames in the window: a short last window repeats its last one.
        std::vector<const unsigned char *> distinct = frames;
        std::sort(distinct.begin(), distinct.end());
        distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
        return {float(frames.size()), float(distinct.size()), float(width * height)};
    }
    std::vector<float> encodeLogMel(const float *, int count, int bins) override
    {
        return {float(count), float(bins)};
    }

private:
    Modality m_modality;
};

FeatureMatrix matrix(const QList<TokenSpan> &spans)
{
    FeatureMatrix m;
    m.dim = 1;
    for (const TokenSpan &s : spans) {
        m.data.push_back(float(m.tokens++));
        m.spans.push_back(s);
    }
    return m;
}

} // namespace

// The per-modality decoding of feature extraction, on media the test makes.
class TestModalityExtractor : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    bool m_haveMedia = false;
    QString path(const QString &n) { return m_dir.filePath(n); }

private slots:
    void initTestCase()
    {
        // Six seconds at 25 fps: 150 frames, nine whole 16-frame windows and
        // a short one of 6; three 2-second audio chunks.
        if (QStandardPaths::findExecutable(QStringLiteral("ffmpeg")).isEmpty())
            return;
        QVERIFY(ms::test::ffmpeg({"-f", "lavfi", "-i", "testsrc2=size=160x90:rate=25:duration=6",
                                  "-f", "lavfi", "-i", "sine=frequency=500:duration=6", "-c:v",
                                  "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest",
                                  path("film.mp4")}));
        QVERIFY(
            ms::test::ffmpeg({"-f", "lavfi", "-i", "testsrc2=size=160x90:rate=25:duration=2", "-an",
                              "-c:v", "libx264", "-pix_fmt", "yuv420p", path("silent.mp4")}));
        m_haveMedia = true;
    }

    void sliceTakesOverlapOrNearest()
    {
        const FeatureMatrix film = matrix({{0, 1000}, {1000, 2000}, {2000, 3000}});
        FeatureMatrix s = sliceTokens(film, 500, 2000);
        QCOMPARE(s.tokens, 2);
        QCOMPARE(s.data, (std::vector<float>{0, 1}));
        QCOMPARE(s.spans.back(), (TokenSpan{1000, 2000}));
        // Past the end of a damaged film: the last token stands in.
        s = sliceTokens(film, 9000, 9500);
        QCOMPARE(s.tokens, 1);
        QCOMPARE(s.data, std::vector<float>{2});
        QVERIFY(s.isValid());
        s = sliceTokens(FeatureMatrix{}, 0, 1000);
        QCOMPARE(s.tokens, 0);
    }

    void factoryPicksBuiltInOrEncoder()
    {
        CountingEncoder visual(Modality::Visual), audio(Modality::Audio);
        for (Modality m : kAllModalities) {
            const auto builtin = ModalityExtractor::create(m, nullptr, 0);
            QCOMPARE(builtin->modality(), m);
            QCOMPARE(builtin->info().modality, m);
            QVERIFY(builtin->info().name.startsWith(QStringLiteral("builtin-")));
            QCOMPARE(builtin->readsSubtitles(), m == Modality::Text);
            QCOMPARE(builtin->drivesProgress(), m == Modality::Visual);
        }
        const auto v = ModalityExtractor::create(Modality::Visual, &visual, 0);
        QCOMPARE(v->info().name, QStringLiteral("counting"));
        QCOMPARE(v->info().version, QStringLiteral("7"));
        QCOMPARE(v->info().params, visual.params());
        QCOMPARE(v->info().modality, Modality::Visual);
        QCOMPARE(ModalityExtractor::create(Modality::Audio, &audio, 0)->info().modality,
                 Modality::Audio);
        // The built-in parameters are part of every stored clip's input hash:
        // changing them re-extracts every project.
        QCOMPARE(ModalityExtractor::create(Modality::Visual, nullptr, 0)->info().params,
                 QStringLiteral("{\"frame\":\"64x36\",\"window\":16,\"dim\":225}"));
    }

    void visualBuiltIn()
    {
        if (!m_haveMedia)
            QSKIP("the ffmpeg tool is not installed: decoding tests skipped");
        const auto x = ModalityExtractor::create(Modality::Visual, nullptr, 1);
        QList<qint64> positions;
        const FilmTokens film =
            x->read(path("film.mp4"), nullptr, [&](qint64 ms) { positions.append(ms); });
        QVERIFY(film.usable);
        QVERIFY2(film.warnings.isEmpty(), qPrintable(film.warnings.join('\n')));
        QCOMPARE(film.framesDecoded, 150);
        QCOMPARE(film.tokens.dim, VisualFeatureExtractor::kDim);
        QCOMPARE(film.tokens.tokens, 10);
        QVERIFY(film.tokens.isValid());
        QCOMPARE(film.tokens.spans.front(), (TokenSpan{0, 640}));
        QCOMPARE(film.tokens.spans.back().endMs, 6000);
        QVERIFY(!positions.isEmpty());
        QCOMPARE(positions.front(), 0);
        // c2 of the database test: 2-5 s overlaps windows 3..7.
        const FeatureMatrix clip = x->clipTokens(film.tokens, 2000, 5000);
        QCOMPARE(clip.tokens, 5);
        QCOMPARE(clip.spans.front().startMs, 1920);
        // Decoding is deterministic: a second read gives the same numbers.
        QCOMPARE(x->read(path("film.mp4"), nullptr, {}).tokens.data, film.tokens.data);
    }

    void visualEncoderGetsWindows()
    {
        if (!m_haveMedia)
            QSKIP("the ffmpeg tool is not installed: decoding tests skipped");
        CountingEncoder encoder(Modality::Visual);
        const FilmTokens film = ModalityExtractor::create(Modality::Visual, &encoder, 1)
                                    ->read(path("film.mp4"), nullptr, {});
        QCOMPARE(film.tokens.tokens, 10);
        QCOMPARE(film.tokens.dim, 3);
        for (int t = 0; t < 9; ++t) {
            QCOMPARE(film.tokens.row(t)[0], 16.f);
            QCOMPARE(film.tokens.row(t)[1], 16.f);
            QCOMPARE(film.tokens.row(t)[2], 48.f); // 8 x 6 frames, the encoder's size
            QCOMPARE(film.tokens.spans[size_t(t)], (TokenSpan{t * 640, (t + 1) * 640}));
        }
        QCOMPARE(film.tokens.row(9)[0], 16.f); // padded to a whole window...
        QCOMPARE(film.tokens.row(9)[1], 6.f);  // ...with its six frames
        QCOMPARE(film.tokens.spans.back(), (TokenSpan{5760, 6000}));
    }

    void visualCancelled()
    {
        if (!m_haveMedia)
            QSKIP("the ffmpeg tool is not installed: decoding tests skipped");
        // Cancelled once the first frame is in: the reader stops at the next
        // packet and what it read so far comes back.
        std::atomic<bool> cancel{false};
        const FilmTokens film =
            ModalityExtractor::create(Modality::Visual, nullptr, 1)
                ->read(path("film.mp4"), &cancel, [&](qint64) { cancel = true; });
        QVERIFY(film.framesDecoded >= 1);
        QVERIFY2(film.framesDecoded < 150, qPrintable(QString::number(film.framesDecoded)));
        QVERIFY(film.tokens.tokens >= 1);
    }

    void audioBuiltInAndEncoder()
    {
        if (!m_haveMedia)
            QSKIP("the ffmpeg tool is not installed: decoding tests skipped");
        const auto builtin = ModalityExtractor::create(Modality::Audio, nullptr, 0);
        const FilmTokens film = builtin->read(path("film.mp4"), nullptr, {});
        QVERIFY(film.usable);
        QVERIFY2(film.warnings.isEmpty(), qPrintable(film.warnings.join('\n')));
        QCOMPARE(film.framesDecoded, 0);
        QCOMPARE(film.tokens.dim, AudioFeatureExtractor::kDim);
        QCOMPARE(film.tokens.tokens, 3);
        // c2 of the database test: 2-5 s overlaps chunks 1 and 2.
        QCOMPARE(builtin->clipTokens(film.tokens, 2000, 5000).tokens, 2);

        CountingEncoder encoder(Modality::Audio);
        const FilmTokens encoded = ModalityExtractor::create(Modality::Audio, &encoder, 0)
                                       ->read(path("film.mp4"), nullptr, {});
        QCOMPARE(encoded.tokens.tokens, 3);
        QCOMPARE(encoded.tokens.dim, 2);
        // 2-second chunks of 10 ms log-mel frames, 128 bins each.
        QCOMPARE(encoded.tokens.row(0)[0], 200.f);
        QCOMPARE(encoded.tokens.row(0)[1], 128.f);
        QCOMPARE(encoded.tokens.spans.front(), (TokenSpan{0, 2015}));
        QCOMPARE(encoded.tokens.spans.back().startMs, 4000);
    }

    void silentFilmIsNoErrorForAudio()
    {
        if (!m_haveMedia)
            QSKIP("the ffmpeg tool is not installed: decoding tests skipped");
        const FilmTokens film = ModalityExtractor::create(Modality::Audio, nullptr, 0)
                                    ->read(path("silent.mp4"), nullptr, {});
        QVERIFY(!film.usable);
        QCOMPARE(film.warnings.size(), 1);
        QVERIFY2(film.warnings.first().contains(QStringLiteral("silent.mp4")),
                 qPrintable(film.warnings.first()));
        QVERIFY(
            film.warnings.first().endsWith(QStringLiteral(": no audio features for its clips")));
    }

    void textCuesPerClip()
    {
        ms::test::writeFile(path("film.srt"),
                            "1\n00:00:00,500 --> 00:00:10,000\nLong narration.\n\n"
                            "2\n00:00:01,000 --> 00:00:02,000\nHello there.\n\n"
                            "3\n00:00:05,000 --> 00:00:06,000\nLook at her.\n\n"
                            "4\n00:00:09,000 --> 00:00:08,000\nBackwards.\n\n");
        const auto x = ModalityExtractor::create(Modality::Text, nullptr, 0);
        QVERIFY(x->readsOnEveryRun());
        const FilmTokens film = x->read(path("film.srt"), nullptr, {});
        QVERIFY(film.usable);
        QCOMPARE(film.tokens.tokens, 3);
        QCOMPARE(film.warnings.size(), 1);
        QVERIFY2(film.warnings.first().startsWith(path("film.srt") + ':'),
                 qPrintable(film.warnings.first()));
        QVERIFY(film.warnings.first().contains(QStringLiteral("ends before it starts")));

        // The cues a clip overlaps, each on its own: cue 2 lies between the
        // two that 5-6 s overlaps and is left out.
        const FeatureMatrix clip = x->clipTokens(film.tokens, 5000, 6000);
        const FeatureMatrix want = TextFeatureExtractor::extract(
            {{500, 10000, "Long narration."}, {5000, 6000, "Look at her."}});
        QCOMPARE(clip.tokens, 2);
        QCOMPARE(clip.dim, TextFeatureExtractor::kDim);
        QCOMPARE(clip.data, want.data);
        QCOMPARE(clip.spans, want.spans);

        // Nothing said: one zero token over the clip, not the nearest cue.
        const FeatureMatrix quiet = x->clipTokens(film.tokens, 20000, 21000);
        QCOMPARE(quiet.tokens, 1);
        QCOMPARE(quiet.spans.front(), (TokenSpan{20000, 21000}));
        QVERIFY(
            std::all_of(quiet.data.begin(), quiet.data.end(), [](float v) { return v == 0.f; }));
        QVERIFY(quiet.isValid());
    }
};

QTEST_GUILESS_MAIN(TestModalityExtractor)
#include "tst_modalityextractor.moc"
