#include "database/annotationrepository.h"
#include "database/featurestore.h"
#include "database/filmrepository.h"
#include "database/projectdatabase.h"
#include "../testsupport.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace ms;

class TestDemo : public QObject
{
    Q_OBJECT

private slots:
    void buildsAPlayableAnnotatedProject()
    {
        for (const char *tool : {"ffmpeg", "ffprobe", "espeak-ng"})
            if (QStandardPaths::findExecutable(tool).isEmpty())
                QSKIP(qPrintable(QString("the %1 tool is not installed: demo test skipped").arg(tool)));
        QTemporaryDir dir;
        const auto r = test::runCli({"demo", "--out", dir.path(), "--seconds", "60"}, 300000);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.contains("40 clips"));

        db::ProjectDatabase p(dir.filePath("demo.msproj"), db::ProjectDatabase::Mode::OpenExisting);
        db::AnnotationRepository repo(p.sql());
        const auto films = repo.films();
        QCOMPARE(films.size(), 1);
        QVERIFY(films[0].title.contains("synthetic"));
        QCOMPARE(films[0].mediaPath, QString("media/demo.mp4")); // relative: the folder can move
        QCOMPARE(db::FilmRepository(p).mediaStatus(films[0]).state, db::MediaStatus::State::Ok);
        QCOMPARE(films[0].media.streamsOf("video").value(0).codec, QString("h264"));
        QCOMPARE(films[0].media.streamsOf("audio").value(0).codec, QString("aac"));
        QVERIFY(films[0].media.durationMs > 0);
        const auto clips = repo.clips();
        QCOMPARE(clips.size(), 40);
        QCOMPARE(*clips.last().endMs, 60000);
        const auto anns = repo.effectiveAnnotations();
        QVERIFY(anns.size() >= 30 && anns.size() < 40); // a few left for the expert
        int sure = 0;
        for (const auto &a : anns) {
            QCOMPARE(a.annotator, QString("demo (synthetic labels)"));
            sure += a.level == core::Level::Sure;
        }
        QVERIFY(sure >= 3);
        const QString srt = QString::fromUtf8(test::readFile(dir.filePath("media/demo.srt")));
        QVERIFY(srt.startsWith("1\n00:00:02,000 --> "));
        QCOMPARE(srt.count(" --> "), 19);
        int visual = 0, text = 0, audio = 0;
        for (const auto &e : db::FeatureStore(p.sql()).extractors()) {
            if (e.info.modality == core::Modality::Visual)
                visual = e.clips;
            if (e.info.modality == core::Modality::Text)
                text = e.clips;
            if (e.info.modality == core::Modality::Audio)
                audio = e.clips;
        }
        QCOMPARE(visual, 40);
        QCOMPARE(text, 40);
        QCOMPARE(audio, 40);
        // Building it again into the same folder is refused, not overwritten.
        const auto again = test::runCli({"demo", "--out", dir.path()});
        QCOMPARE(again.exitCode, 1);
        QVERIFY(again.err.contains("already exists"));
    }
};

QTEST_GUILESS_MAIN(TestDemo)
#include "tst_demo.moc"
