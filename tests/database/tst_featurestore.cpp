#include "core/error.h"
#include "database/annotationrepository.h"
#include "database/featurestore.h"
#include "database/importservice.h"
#include "database/projectdatabase.h"
#include "database/transaction.h"

#include <QTemporaryDir>
#include <QTest>

using namespace ms;

class TestFeatureStore : public QObject
{
    Q_OBJECT

private slots:
    void roundTripAndIdentity()
    {
        QTemporaryDir dir;
        db::ProjectDatabase p(dir.filePath("f.msproj"), db::ProjectDatabase::Mode::OpenOrCreate);
        core::ImportRecord r;
        r.clipId = "c1";
        r.movieId = "f1";
        db::ImportService(p).apply({r}, "x", "test");
        const qint64 clip = db::AnnotationRepository(p.sql()).clipByName("c1")->id;

        db::FeatureStore store(p.sql());
        core::ExtractorInfo info{"npy:test", "1", "{\"a\":1}", core::Modality::Audio, false};
        const qint64 id = store.ensureExtractor(info);
        QCOMPARE(store.ensureExtractor(info), id);
        info.params = "{\"a\":2}";
        QVERIFY(store.ensureExtractor(info) != id); // other parameters: another extractor

        core::FeatureMatrix m;
        m.tokens = 3;
        m.dim = 2;
        m.data = {1.f, 2.f, 3.f, 4.f, 5.f, -6.5f};
        m.spans = {{0, 2000}, {2000, 4000}, {4000, 5500}};
        store.put(clip, id, m, "hash1");
        const auto back = store.get(clip, id);
        QVERIFY(back);
        QCOMPARE(back->tokens, 3);
        QCOMPARE(back->dim, 2);
        QCOMPARE(back->data, m.data);
        QCOMPARE(back->spans, m.spans);
        QCOMPARE(store.inputHash(clip, id), std::optional<QString>("hash1"));
        QCOMPARE(store.loadAll(id).value("c1").data, m.data);
        const auto ex = store.extractor(id);
        QCOMPARE(ex->clips, 1);
        QCOMPARE(ex->dim, 2);
        QCOMPARE(ex->info.modality, core::Modality::Audio);

        store.addPlantedSpan(clip, id, "Voice", 1, 3);
        QCOMPARE(store.plantedSpans(id).size(), 1);
        QCOMPARE(store.plantedSpans(id).first().conceptName, QString("Voice"));

        core::FeatureMatrix bad = m;
        bad.data.pop_back();
        QVERIFY_THROWS_EXCEPTION(core::UserError, store.put(clip, id, bad));
        QCOMPARE(store.get(clip, id)->data, m.data);
        store.clear(id);
        QVERIFY(!store.get(clip, id));
        QVERIFY(store.plantedSpans(id).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestFeatureStore)
#include "tst_featurestore.moc"
