#include "../testsupport.h"
#include "core/error.h"
#include "database/annotationrepository.h"
#include "database/featurestore.h"
#include "database/importservice.h"
#include "database/plantedeventrepository.h"
#include "database/projectdatabase.h"

#include <QTemporaryDir>
#include <QTest>

using namespace ms;

class TestPlantedEventRepository : public QObject
{
    Q_OBJECT

private slots:
    void storesEventsAndDerivesTokenSpans()
    {
        QTemporaryDir dir;
        db::ProjectDatabase p(dir.filePath("p.msproj"), db::ProjectDatabase::Mode::OpenOrCreate);
        db::ImportService(p).apply(
            {test::timedRecord("c1", "f1", 0, 5000), test::timedRecord("c2", "f1", 5000, 5000)},
            "x", "test");
        db::AnnotationRepository annotations(p.sql());
        const qint64 c1 = annotations.clipByName("c1")->id, c2 = annotations.clipByName("c2")->id;

        db::PlantedEventRepository events(p.sql());
        // an audio event in c1 from 1.2 s to 3.9 s, a visual one in c2
        events.add({"f1", 1200, 3900, core::Modality::Audio, "Soundtrack", "tone"});
        events.add({"f1", 6000, 7000, core::Modality::Visual, "Body", "disc"});
        QCOMPARE(events.events().size(), 2);
        QCOMPARE(events.events("f1").first().conceptName, QString("Soundtrack"));
        QCOMPARE(events.events("f1").first().modality, core::Modality::Audio);
        QVERIFY(events.events("nope").isEmpty());

        db::FeatureStore store(p.sql());
        const qint64 audio =
            store.ensureExtractor({"builtin-audio", "1", "{}", core::Modality::Audio, false});
        const qint64 visual =
            store.ensureExtractor({"builtin-visual", "1", "{}", core::Modality::Visual, false});
        auto matrix = [](std::vector<core::TokenSpan> spans) {
            core::FeatureMatrix m;
            m.tokens = int(spans.size());
            m.dim = 1;
            m.data.assign(spans.size(), 0.f);
            m.spans = std::move(spans);
            return m;
        };
        // 2 s audio chunks: c1 has [0,2) [2,4) [4,6); the event covers 0.8 s
        // of the first (in), all of the second (in), none of the third.
        store.put(c1, audio, matrix({{0, 2000}, {2000, 4000}, {4000, 6000}}));
        // c2 shares the chunk [4,6) and has no audio event of its own.
        store.put(c2, audio, matrix({{4000, 6000}, {6000, 8000}, {8000, 10000}}));
        // 1 s visual windows: the event [6,7) is the second of c2's.
        store.put(c2, visual, matrix({{5000, 6000}, {6000, 7000}, {7000, 8000}}));
        store.put(c1, visual, matrix({{0, 5000}}));
        store.addPlantedSpan(c1, visual, "stale", 0, 1); // replaced

        QCOMPARE(events.writeTokenSpans(), 2);
        const auto a = store.plantedSpans(audio);
        QCOMPARE(a.size(), 1);
        QCOMPARE(a[0].clipName, QString("c1"));
        QCOMPARE(a[0].tokenStart, 0);
        QCOMPARE(a[0].tokenEnd, 2);
        QCOMPARE(a[0].conceptName, QString("Soundtrack"));
        const auto v = store.plantedSpans(visual);
        QCOMPARE(v.size(), 1);
        QCOMPARE(v[0].clipName, QString("c2"));
        QCOMPARE(v[0].tokenStart, 1);
        QCOMPARE(v[0].tokenEnd, 2);
        // again: the same spans, not twice as many
        QCOMPARE(events.writeTokenSpans(), 2);
        QCOMPARE(store.plantedSpans(audio).size(), 1);
    }

    void badEventsAreRefused()
    {
        QTemporaryDir dir;
        db::ProjectDatabase p(dir.filePath("p.msproj"), db::ProjectDatabase::Mode::OpenOrCreate);
        db::ImportService(p).apply({test::timedRecord("c1", "f1", 0, 5000)}, "x", "test");
        db::PlantedEventRepository events(p.sql());
        QVERIFY_THROWS_EXCEPTION(core::UserError,
                                 events.add({"f2", 0, 1000, core::Modality::Audio, "Voice", ""}));
        QVERIFY_THROWS_EXCEPTION(
            core::UserError, events.add({"f1", 1000, 1000, core::Modality::Audio, "Voice", ""}));
        QVERIFY(events.events().isEmpty());
        QCOMPARE(events.writeTokenSpans(), 0);
    }
};

QTEST_GUILESS_MAIN(TestPlantedEventRepository)
#include "tst_plantedeventrepository.moc"
