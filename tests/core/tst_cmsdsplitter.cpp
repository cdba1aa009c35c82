#include "core/cmsdsplitter.h"
#include "core/error.h"
#include "core/splitexporter.h"
#include "core/taxonomy.h"
#include "../testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace ms::core;

class TestCmsdSplitter : public QObject
{
    Q_OBJECT

private:
    static Annotation ann(const QString &clip, const QString &movie, Level l,
                          const QStringList &concepts = {})
    {
        Annotation a;
        a.clipName = clip;
        a.movieId = movie;
        a.level = l;
        a.concepts = concepts;
        return a;
    }

private slots:
    void datasetNames()
    {
        QStringList names;
        for (const CmsdDataset &d : cmsd::datasets())
            names.append(d.name);
        QCOMPARE(names, (QStringList{"CMAD", "V-CMSD", "A-CMSD", "T-CMSD", "AV-CMSD", "AT-CMSD",
                                     "VT-CMSD", "AVT-CMSD"}));
        QVERIFY(cmsd::datasetByName("vt-cmsd"));
        QVERIFY(!cmsd::datasetByName("X-CMSD"));
    }

    void target_data()
    {
        QTest::addColumn<QString>("dataset");
        QTest::addColumn<QString>("level");
        QTest::addColumn<QString>("modalities"); // letters of the clip's concepts, "" for none
        QTest::addColumn<int>("expected");

        // CMAD ignores concepts: HN and S positive, EN negative.
        QTest::newRow("CMAD EN") << "CMAD" << "EN" << "" << 0;
        QTest::newRow("CMAD HN no concept") << "CMAD" << "HN" << "" << 1;
        QTest::newRow("CMAD S visual") << "CMAD" << "S" << "V" << 1;
        // EN is negative everywhere, even with a concept ticked.
        QTest::newRow("V EN with visual concept") << "V-CMSD" << "EN" << "V" << 0;
        QTest::newRow("AVT EN with all") << "AVT-CMSD" << "EN" << "AVT" << 0;
        // HN/S without any concept: negative in every CMSD.
        for (const char *ds : {"V-CMSD", "A-CMSD", "T-CMSD", "AV-CMSD", "AT-CMSD", "VT-CMSD",
                               "AVT-CMSD"}) {
            QTest::newRow(qPrintable(QString("%1 HN without concepts").arg(ds)))
                << ds << "HN" << "" << 0;
            QTest::newRow(qPrintable(QString("%1 S without concepts").arg(ds)))
                << ds << "S" << "" << 0;
        }
        // Every modality set against every single-modality clip.
        const struct
        {
            const char *ds;
            int v, a, t; // target for a clip whose concepts are only V / only A / only T
        } table[] = {{"V-CMSD", 1, 0, 0},  {"A-CMSD", 0, 1, 0},  {"T-CMSD", 0, 0, 1},
                     {"AV-CMSD", 1, 1, 0}, {"AT-CMSD", 0, 1, 1}, {"VT-CMSD", 1, 0, 1},
                     {"AVT-CMSD", 1, 1, 1}};
        for (const auto &row : table) {
            for (const char *lvl : {"HN", "S"}) {
                QTest::newRow(qPrintable(QString("%1 %2 V").arg(row.ds, lvl)))
                    << row.ds << lvl << "V" << row.v;
                QTest::newRow(qPrintable(QString("%1 %2 A").arg(row.ds, lvl)))
                    << row.ds << lvl << "A" << row.a;
                QTest::newRow(qPrintable(QString("%1 %2 T").arg(row.ds, lvl)))
                    << row.ds << lvl << "T" << row.t;
            }
        }
        // Mixed concepts: positive as soon as one modality is in the set.
        QTest::newRow("A-CMSD HN VT") << "A-CMSD" << "HN" << "VT" << 0;
        QTest::newRow("A-CMSD HN AT") << "A-CMSD" << "HN" << "AT" << 1;
        QTest::newRow("VT-CMSD S A") << "VT-CMSD" << "S" << "A" << 0;
        QTest::newRow("V-CMSD S AVT") << "V-CMSD" << "S" << "AVT" << 1;
    }

    void target()
    {
        QFETCH(QString, dataset);
        QFETCH(QString, level);
        QFETCH(QString, modalities);
        QFETCH(int, expected);
        const CmsdDataset *ds = cmsd::datasetByName(dataset);
        QVERIFY(ds);
        const ModalitySet mods =
            modalities.isEmpty() ? ModalitySet{} : *ModalitySet::parseLetters(modalities);
        QCOMPARE(cmsd::target(*ds, *parseLevel(level), mods), expected);
    }

    void conceptWhoseModalityChanged()
    {
        Taxonomy tax({Concept{1, "Body", Modality::Visual, {}, false, {}},
                      Concept{2, "Voice", Modality::Audio, {}, false, {}}});
        const QList<Annotation> anns = {ann("c1", "f1", Level::HardNegative, {"Body"}),
                                        ann("c2", "f2", Level::Sure, {"Voice"}),
                                        ann("c3", "f3", Level::EasyNegative)};
        auto targets = [&](const Taxonomy &t, const QString &ds) {
            SplitExporter ex(anns, t, {2, 0, "hn", {}});
            for (const auto &table : ex.tables())
                if (table.dataset.name == ds) {
                    QList<int> out;
                    for (const auto &r : table.rows)
                        out.append(r.target);
                    return out;
                }
            return QList<int>{};
        };
        QCOMPARE(targets(tax, "V-CMSD"), (QList<int>{1, 0, 0}));
        QCOMPARE(targets(tax, "A-CMSD"), (QList<int>{0, 1, 0}));
        tax.concepts()[0].modality = Modality::Audio; // the project re-files "Body" as audio
        QCOMPARE(targets(tax, "V-CMSD"), (QList<int>{0, 0, 0}));
        QCOMPARE(targets(tax, "A-CMSD"), (QList<int>{1, 1, 0}));
        tax.concepts()[0].modality = std::nullopt; // a concept without modality counts nowhere
        QCOMPARE(targets(tax, "AVT-CMSD"), (QList<int>{0, 1, 0}));
        QCOMPARE(targets(tax, "CMAD"), (QList<int>{1, 1, 0}));
    }

    void foldInvariants_data()
    {
        QTest::addColumn<int>("k");
        QTest::addColumn<quint64>("seed");
        for (int k : {2, 3, 5, 12})
            for (quint64 seed : {0ull, 1ull, 42ull, 123456789ull})
                QTest::newRow(qPrintable(QString("K=%1 seed=%2").arg(k).arg(seed))) << k << seed;
    }

    void foldInvariants()
    {
        QFETCH(int, k);
        QFETCH(quint64, seed);
        // The clip counts of the twelve ObyGaze12 films.
        const QList<int> sizes = {110, 132, 192, 169, 148, 120, 169, 135, 223, 182, 112, 222};
        QMap<QString, int> films;
        for (int i = 0; i < sizes.size(); ++i)
            films.insert(QString("tt%1").arg(i, 7, 10, QChar('0')), sizes[i]);
        const FoldAssignment fa = cmsd::assignFolds(films, k, seed);
        QCOMPARE(fa.k, k);
        QCOMPARE(fa.filmsPerFold.size(), k);
        QSet<QString> seen;
        int total = 0;
        for (int f = 0; f < k; ++f) {
            QVERIFY2(!fa.filmsPerFold[f].isEmpty(), "every fold holds a film");
            int clips = 0;
            for (const QString &film : fa.filmsPerFold[f]) {
                QVERIFY2(!seen.contains(film), "a film is in exactly one fold");
                seen.insert(film);
                QCOMPARE(fa.foldOfFilm.value(film), f);
                clips += films.value(film);
            }
            QCOMPARE(fa.clipsPerFold[f], clips);
            total += clips;
        }
        QCOMPARE(seen.size(), films.size());
        QCOMPARE(total, 1914);
        // Balanced: greedy largest-first keeps the spread within one film.
        const auto [mn, mx] = std::minmax_element(fa.clipsPerFold.begin(), fa.clipsPerFold.end());
        QVERIFY2(*mx - *mn <= 223, qPrintable(QString("spread %1").arg(*mx - *mn)));
        if (k == 5)
            QVERIFY2(*mx - *mn <= 30, qPrintable(QString("5 folds spread %1").arg(*mx - *mn)));
        // Roles: test = k, validation = k+1 mod K, the rest training.
        for (int f = 0; f < k; ++f)
            for (auto it = fa.foldOfFilm.cbegin(); it != fa.foldOfFilm.cend(); ++it) {
                const auto role = fa.role(it.key(), f);
                if (it.value() == f)
                    QCOMPARE(role, FoldAssignment::Role::Test);
                else if (it.value() == (f + 1) % k)
                    QCOMPARE(role, FoldAssignment::Role::Validation);
                else
                    QCOMPARE(role, FoldAssignment::Role::Train);
            }
        // Deterministic for a seed.
        const FoldAssignment again = cmsd::assignFolds(films, k, seed);
        QCOMPARE(again.foldOfFilm, fa.foldOfFilm);
    }

    void seedsChangeTheFolds()
    {
        QMap<QString, int> films;
        for (int i = 0; i < 12; ++i)
            films.insert(QString("f%1").arg(i, 2, 10, QChar('0')), 100 + (i % 3));
        QSet<QString> distinct;
        for (quint64 seed = 0; seed < 8; ++seed) {
            const auto fa = cmsd::assignFolds(films, 5, seed);
            QString key;
            for (const auto &fold : fa.filmsPerFold)
                key += fold.join(',') + ';';
            distinct.insert(key);
        }
        QVERIFY2(distinct.size() > 1, "different seeds give different fold assignments");
    }

    void tooFewFilms()
    {
        QMap<QString, int> films{{"a", 3}, {"b", 4}};
        QVERIFY_THROWS_EXCEPTION(UserError, cmsd::assignFolds(films, 5, 0));
        QVERIFY_THROWS_EXCEPTION(UserError, cmsd::assignFolds(films, 1, 0));
    }

    void exportFilesAndManifest()
    {
        QList<Annotation> anns;
        for (int f = 0; f < 6; ++f)
            for (int c = 0; c < 5 + f; ++c) {
                const Level l = Level(c % 3);
                QStringList concepts;
                if (l != Level::EasyNegative)
                    concepts = c % 2 ? QStringList{"Body", "Speech"} : QStringList{"Voice"};
                if (c == 4)
                    concepts.clear(); // a HN clip without concepts
                anns.append(ann(QString("m%1-%2").arg(f).arg(c), QString("m%1").arg(f), l,
                                concepts));
            }
        const Taxonomy tax = Taxonomy::defaultTaxonomy();
        SplitExporter ex(anns, tax, {3, 7, "hn", {}});
        QTemporaryDir dir;
        ex.write(dir.path());
        const QJsonObject manifest =
            QJsonDocument::fromJson(ms::test::readFile(dir.filePath("manifest.json"))).object();
        QCOMPARE(manifest.value("folds").toInt(), 3);
        QCOMPARE(manifest.value("seed").toString(), QString("7"));
        QCOMPARE(manifest.value("not_sure_rule").toString(), QString("hn"));
        QCOMPARE(manifest.value("annotations_sha256").toString().size(), 64);
        QCOMPARE(manifest.value("taxonomy").toArray().size(), 12);
        QCOMPARE(manifest.value("films_per_fold").toArray().size(), 3);
        QVERIFY(manifest.value("software").toString().startsWith("Modalscope "));
        const QJsonObject datasets = manifest.value("datasets").toObject();
        QCOMPARE(datasets.size(), 8);
        for (const CmsdDataset &d : cmsd::datasets()) {
            const QString text =
                QString::fromUtf8(ms::test::readFile(dir.filePath(d.name + ".csv")));
            QStringList lines = text.split('\n', Qt::SkipEmptyParts);
            QCOMPARE(lines.takeFirst(), QString("clip_id,movie,level,concepts,target,fold"));
            QCOMPARE(lines.size(), anns.size());
            QList<int> pos(3, 0), neg(3, 0);
            for (const QString &line : lines) {
                const QStringList f = line.split(',');
                QCOMPARE(f.size(), 6);
                const int fold = f[5].toInt();
                ++(f[4] == "1" ? pos : neg)[fold];
                QVERIFY(f[4] == "1" || f[4] == "0");
                QVERIFY(QStringList({"EN", "HN", "S"}).contains(f[2]));
            }
            const QJsonArray perFold = datasets.value(d.name).toObject().value("per_fold").toArray();
            for (int k = 0; k < 3; ++k) {
                QCOMPARE(perFold[k].toObject().value("positives").toInt(), pos[k]);
                QCOMPARE(perFold[k].toObject().value("negatives").toInt(), neg[k]);
            }
        }
        // Concepts are written '|'-separated.
        QVERIFY(ms::test::readFile(dir.filePath("CMAD.csv")).contains(",Body|Speech,"));
    }

    void hashIgnoresOrderAndAnnotator()
    {
        QList<Annotation> a = {ann("c1", "f", Level::Sure, {"Body", "Look"}),
                               ann("c2", "f", Level::EasyNegative)};
        QList<Annotation> b = {ann("c2", "f", Level::EasyNegative),
                               ann("c1", "f", Level::Sure, {"Look", "Body"})};
        b[0].annotator = "someone else";
        QCOMPARE(SplitExporter::annotationsHash(a), SplitExporter::annotationsHash(b));
        b[1].level = Level::HardNegative;
        QVERIFY(SplitExporter::annotationsHash(a) != SplitExporter::annotationsHash(b));
    }
};

QTEST_GUILESS_MAIN(TestCmsdSplitter)
#include "tst_cmsdsplitter.moc"
