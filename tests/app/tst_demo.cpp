#include "../testsupport.h"
#include "database/annotationrepository.h"
#include "database/featurestore.h"
#include "database/filmrepository.h"
#include "database/plantedeventrepository.h"
#include "database/projectdatabase.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace ms;

class TestDemo : public QObject
{
    Q_OBJECT

private slots:
    void buildsACorpusLabelledFromItsPlantedEvents()
    {
        for (const char *tool : {"ffmpeg", "ffprobe", "espeak-ng"})
            if (QStandardPaths::findExecutable(tool).isEmpty())
                QSKIP(qPrintable(
                    QString("the %1 tool is not installed: demo test skipped").arg(tool)));
        QTemporaryDir dir;
        // six short films: enough for the default five folds
        const auto r =
            test::runCli({"demo", "--out", dir.path(), "--seconds", "20", "--seed", "3"}, 300000);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.contains("6 synthetic films"));

        db::ProjectDatabase p(dir.filePath("demo.msproj"), db::ProjectDatabase::Mode::OpenExisting);
        db::AnnotationRepository repo(p.sql());
        const auto films = repo.films();
        QCOMPARE(films.size(), 6);
        for (const auto &f : films) {
            QVERIFY(f.title.contains("synthetic"));
            QCOMPARE(db::FilmRepository(p).mediaStatus(f).state, db::MediaStatus::State::Ok);
        }
        QCOMPARE(films[0].mediaPath, QString("media/film1.mp4")); // relative: the folder can move
        QCOMPARE(films[0].media.streamsOf("video").value(0).codec, QString("h264"));
        QCOMPARE(films[0].media.streamsOf("audio").value(0).codec, QString("aac"));

        // Ground truth: events of the three modalities, each in one clip.
        const auto events = db::PlantedEventRepository(p.sql()).events();
        int perModality[3] = {0, 0, 0};
        for (const auto &e : events)
            ++perModality[size_t(e.modality)];
        for (int m = 0; m < 3; ++m)
            QVERIFY(perModality[m] >= 6); // at least one per film
        // Labels follow the events: a clip holding events is S or HN with
        // their concepts, any other labelled clip is EN.
        const auto clips = repo.clips();
        QHash<QString, core::Annotation> labels;
        for (const auto &a : repo.effectiveAnnotations()) {
            QCOMPARE(a.annotator, QString("demo (synthetic labels)"));
            labels.insert(a.clipName, a);
        }
        QVERIFY(labels.size() >= clips.size() / 2);
        int positives = 0;
        for (const auto &c : clips) {
            QStringList held;
            for (const auto &e : events)
                if (e.movieId == c.movieId && e.startMs >= *c.startMs && e.endMs <= *c.endMs)
                    held.append(e.conceptName);
            if (!labels.contains(c.name))
                continue;
            QStringList given = labels[c.name].concepts;
            given.sort();
            held.sort();
            QCOMPARE(given, held);
            QCOMPARE(labels[c.name].level == core::Level::EasyNegative, held.isEmpty());
            positives += !held.isEmpty();
        }
        QVERIFY(positives > 0);

        // Built-in features for every clip, and the planted spans in their
        // token indices.
        db::FeatureStore store(p.sql());
        int extractors = 0;
        for (const auto &e : store.extractors()) {
            QVERIFY(!e.info.synthetic);
            QCOMPARE(e.clips, int(clips.size()));
            const auto spans = store.plantedSpans(e.id);
            QVERIFY2(spans.size() >= perModality[size_t(e.info.modality)] * 9 / 10,
                     qPrintable(e.info.name));
            for (const auto &s : spans)
                QVERIFY(s.tokenEnd > s.tokenStart && s.tokenStart >= 0);
            ++extractors;
        }
        QCOMPARE(extractors, 3);

        // Building it again into the same folder is refused, not overwritten.
        const auto again = test::runCli({"demo", "--out", dir.path()});
        QCOMPARE(again.exitCode, 1);
        QVERIFY(again.err.contains("already exists"));
    }
};

QTEST_GUILESS_MAIN(TestDemo)
#include "tst_demo.moc"
