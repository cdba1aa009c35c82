// LibTorch first: Qt's `slots` macro must not be defined while its headers parse.
#include <torch/script.h>

#include "core/error.h"
#include "database/featurestore.h"
#include "database/projectdatabase.h"
#include "models/torchscriptencoder.h"
#include "../testsupport.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace ms;

// The TorchScript path of feature extraction, with a tiny module the test
// builds itself: it returns the mean colour of the window's frames.
class TestTorchScriptEncoder : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString path(const QString &n) { return m_dir.filePath(n); }

    void saveModule(const QString &file, const std::string &body)
    {
        torch::jit::Module m("Tiny");
        m.define(body);
        m.save(file.toStdString());
    }

private slots:
    void initTestCase()
    {
        saveModule(path("meancolour.pt"), R"(
def forward(self, x):
    return x.mean(dim=[0, 1, 3, 4])
)");
        saveModule(path("badshape.pt"), R"(
def forward(self, x):
    return x
)");
    }

    void encoderOutputs()
    {
        models::TorchScriptEncoder enc(path("meancolour.pt"), core::Modality::Visual, 8);
        QCOMPARE(enc.name(), QString("torchscript:meancolour.pt"));
        std::vector<unsigned char> red(8 * 8 * 3, 0);
        for (size_t i = 0; i < red.size(); i += 3)
            red[i] = 255;
        const std::vector<const unsigned char *> frames(16, red.data());
        const auto v = enc.encodeFrames(frames, 8, 8);
        QCOMPARE(v, (std::vector<float>{1.f, 0.f, 0.f}));

        models::TorchScriptEncoder bad(path("badshape.pt"), core::Modality::Visual, 8);
        try {
            bad.encodeFrames(frames, 8, 8);
            QFAIL("a 5-d output was accepted");
        } catch (const core::UserError &e) {
            QVERIFY2(e.message().contains("badshape.pt: forward() returned shape"), qPrintable(e.message()));
        }
        // An audio encoder gets a chunk of log-mel frames [1, frames, 128].
        saveModule(path("melmean.pt"), R"(
def forward(self, x):
    return x.mean(dim=[0, 1])
)");
        models::TorchScriptEncoder audio(path("melmean.pt"), core::Modality::Audio);
        std::vector<float> mel(200 * 128);
        for (size_t i = 0; i < mel.size(); ++i)
            mel[i] = float(i % 128);
        const auto a = audio.encodeLogMel(mel.data(), 200, 128);
        QCOMPARE(a.size(), size_t(128));
        QCOMPARE(a[5], 5.f);

        test::writeFile(path("notamodule.pt"), "hello");
        QVERIFY_THROWS_EXCEPTION(core::UserError, models::TorchScriptEncoder(path("notamodule.pt"), core::Modality::Visual));
    }

    void extractWithARegisteredEncoder()
    {
        if (QStandardPaths::findExecutable("ffmpeg").isEmpty())
            QSKIP("the ffmpeg tool is not installed: extraction test skipped");
        QProcess ff;
        ff.start("ffmpeg", {"-loglevel", "error", "-y", "-f", "lavfi", "-i",
                            "color=c=0x3366cc:s=96x64:r=25:d=3", "-c:v", "libx264", "-pix_fmt",
                            "yuv444p", "-qp", "0", path("blue.mp4")});
        QVERIFY(ff.waitForFinished(60000) && ff.exitCode() == 0);
        const QString db = path("p.msproj");
        QCOMPARE(test::runCli({"add-film", "--db", db, "--video", path("blue.mp4"), "--movie", "tt1"}).exitCode, 0);
        test::writeFile(path("clips.csv"), "clip_id,movie,start_ms,end_ms\nc1,tt1,0,1000\nc2,tt1,1000,3000\n");
        QCOMPARE(test::runCli({"import-clips", "--db", db, "--csv", path("clips.csv")}).exitCode, 0);
        auto r = test::runCli({"encoders", "--db", db, "--register", path("notamodule.pt"), "--modality", "v"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("not a TorchScript module"));
        r = test::runCli({"encoders", "--db", db, "--register", path("meancolour.pt"), "--modality", "v", "--frame-size", "32"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("visual   torchscript meancolour.pt"), r.out.constData());
        r = test::runCli({"extract", "--db", db, "--modalities", "v"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("2 clips extracted"), r.out.constData());

        db::ProjectDatabase p(db, db::ProjectDatabase::Mode::OpenExisting);
        db::FeatureStore store(p.sql());
        const auto ex = store.extractors();
        QCOMPARE(ex.size(), 1);
        QCOMPARE(ex[0].info.name, QString("torchscript:meancolour.pt"));
        QCOMPARE(ex[0].dim, 3);
        const auto all = store.loadAll(ex[0].id);
        // 3 s at 25 fps = 75 frames = 5 windows (4 whole, 1 short); c2 covers 1..3 s.
        QCOMPARE(all.value("c1").tokens, 2);
        QCOMPARE(all.value("c2").tokens, 4);
        const core::FeatureMatrix c2 = all.value("c2");
        const float *rgb = c2.data.data();
        QVERIFY2(std::abs(rgb[0] - 0x33 / 255.0) < 0.03 && std::abs(rgb[1] - 0x66 / 255.0) < 0.03 &&
                     std::abs(rgb[2] - 0xcc / 255.0) < 0.03,
                 qPrintable(QString("%1 %2 %3").arg(rgb[0]).arg(rgb[1]).arg(rgb[2])));
        // Removing it goes back to the built-in features.
        r = test::runCli({"encoders", "--db", db, "--remove", "v"});
        QVERIFY(r.out.contains("visual   built-in"));
    }
};

QTEST_GUILESS_MAIN(TestTorchScriptEncoder)
#include "tst_torchscriptencoder.moc"
