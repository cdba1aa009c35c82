#include "core/error.h"
#include "core/modalscopecsv.h"
#include "core/obygazereader.h"
#include "database/annotationrepository.h"
#include "database/importservice.h"
#include "database/projectdatabase.h"
#include "database/projectmeta.h"
#include "database/taxonomyrepository.h"
#include "projectdump.h"
#include "../testsupport.h"

#include <QTemporaryDir>
#include <QTest>

using namespace ms;
using core::Level;

namespace {

const QByteArray kTable =
    "idx;util;clip;label;overlap_ratio;concepts;id;movie;srt_name;video_name;graph_number\r\n"
    ";;;;;;;;;;\r\n"
    "0;1;tt1scene-001;Easy Neg;1.00;[''];tt1-001;tt1;a.srt;a.avi;0\r\n"
    "1;1;tt1scene-002;Hard Neg;1.00;['Speech', ' Exp of  emotion'];tt1-002;tt1;b.srt;;-1\r\n"
    "2;0;tt1scene-003;Not Sure;0.50;[' Voice'];tt1-003;tt1;c.srt;;-1\r\n"
    "3;1;tt2scene-001;Sure;1.00;['Body', ' Gaze of camera'];tt2-001;tt2;d.srt;;-1\r\n"
    "4;1;tt2scene-002;Sure;1.00;[' Gaze of camera'];tt2-002;tt2;e.srt;;-1\r\n";

} // namespace

class TestImportService : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_n = 0;

    QString path(const QString &name) { return m_dir.filePath(name); }
    std::unique_ptr<db::ProjectDatabase> newProject()
    {
        return std::make_unique<db::ProjectDatabase>(path(QString("p%1.msproj").arg(++m_n)),
                                                     db::ProjectDatabase::Mode::OpenOrCreate);
    }
    db::ImportReport importTable(db::ProjectDatabase &p, const QByteArray &bytes,
                                 core::NotSureRule rule = core::NotSureRule::HardNegative)
    {
        const QString f = path("table.csv");
        test::writeFile(f, bytes);
        return db::ImportService(p).apply(core::ObyGazeReader::read(f, rule), "obygaze",
                                          "import:obygaze",
                                          {{"not_sure_rule", core::notSureRuleCode(rule)}});
    }

private slots:
    void importsAndReportsUnknownConcepts()
    {
        auto p = newProject();
        const auto rep = importTable(*p, kTable);
        QCOMPARE(rep.rows, 5);
        QCOMPARE(rep.filmsAdded, 2);
        QCOMPARE(rep.clipsAdded, 5);
        QCOMPARE(rep.annotationsChanged, 5);
        QCOMPARE(rep.unknownConcepts.keys(), QStringList{"Gaze of camera"});
        QCOMPARE(rep.unknownConcepts.value("Gaze of camera"), (QList<int>{6, 7}));
        QVERIFY(rep.summary().contains("unknown concept 'Gaze of camera' (lines 6, 7)"));
        // Kept, not dropped: the concept exists without a modality and is on the clips.
        const auto tax = db::TaxonomyRepository(p->sql()).load();
        QVERIFY(tax.find("Gaze of camera"));
        QVERIFY(!tax.find("Gaze of camera")->modality);
        db::AnnotationRepository repo(p->sql());
        const auto all = repo.effectiveAnnotations();
        QCOMPARE(all.size(), 5);
        QCOMPARE(all[1].concepts, (QStringList{"Exp of emotion", "Speech"}));
        QCOMPARE(all[2].level, Level::HardNegative); // Not Sure -> hn
        QCOMPARE(all[3].concepts, (QStringList{"Body", "Gaze of camera"}));
        QCOMPARE(db::ProjectMeta(p->sql()).value("not_sure_rule"), QString("hn"));
        QCOMPARE(repo.history(repo.clipByName("tt1-002")->id).first().source, QString("import:obygaze"));
    }

    void reimportChangesNothing()
    {
        auto p = newProject();
        importTable(*p, kTable);
        const QString before = test::dumpProject(p->sql());
        const auto rep = importTable(*p, kTable);
        QCOMPARE(rep.annotationsChanged, 0);
        QCOMPARE(rep.annotationsUnchanged, 5);
        QCOMPARE(rep.clipsAdded + rep.clipsUpdated + rep.filmsAdded, 0);
        QCOMPARE(test::dumpProject(p->sql()), before);
    }

    void notSureRuleChangeIsApplied()
    {
        auto p = newProject();
        importTable(*p, kTable);
        const auto rep = importTable(*p, kTable, core::NotSureRule::Exclude);
        QCOMPARE(rep.annotationsChanged, 1);
        QCOMPARE(rep.leftUnannotated, 1);
        db::AnnotationRepository repo(p->sql());
        QVERIFY(!repo.effectiveAnnotation(repo.clipByName("tt1-003")->id));
        QCOMPARE(db::ProjectMeta(p->sql()).value("not_sure_rule"), QString("exclude"));
        importTable(*p, kTable, core::NotSureRule::Sure);
        QCOMPARE(repo.effectiveAnnotation(repo.clipByName("tt1-003")->id)->level, Level::Sure);
    }

    void malformedFileLeavesProjectUnchanged()
    {
        auto p = newProject();
        importTable(*p, kTable);
        const QString before = test::dumpProject(p->sql());
        QByteArray broken = kTable;
        broken.replace("Sure;1.00;[' Gaze of camera']", "Sure;1.00;[' Gaze of camera'];extra");
        broken.replace("Easy Neg;1.00;['']", "Hard Neg;1.00;['Look']"); // would be a change
        try {
            importTable(*p, broken);
            QFAIL("the broken file was accepted");
        } catch (const core::UserError &e) {
            QVERIFY2(e.message().contains("table.csv: line 7: expected 11 fields"), qPrintable(e.message()));
        }
        QCOMPARE(test::dumpProject(p->sql()), before);
    }

    void applyErrorRollsBackEverything()
    {
        auto p = newProject();
        importTable(*p, kTable);
        const QString before = test::dumpProject(p->sql());
        // A valid file whose last row moves a clip to another film: refused
        // after earlier rows were already written inside the transaction.
        QList<core::ImportRecord> recs = core::ObyGazeReader::parse(
            QString::fromUtf8(kTable), "t.csv", core::NotSureRule::Sure);
        core::ImportRecord moved = recs.first();
        moved.movieId = "tt9";
        moved.line = 99;
        recs[0].clipId = "tt1-new";
        recs.append(moved);
        try {
            db::ImportService(*p).apply(recs, "obygaze", "x");
            QFAIL("accepted");
        } catch (const core::UserError &e) {
            QVERIFY2(e.message().contains("line 99"), qPrintable(e.message()));
        }
        QCOMPARE(test::dumpProject(p->sql()), before);
    }

    void modalscopeRoundTripWithoutLoss()
    {
        auto p = newProject();
        importTable(*p, kTable);
        db::AnnotationRepository repo(p->sql());
        // Times and an unannotated clip must survive the round trip too.
        QList<core::ImportRecord> extra(1);
        extra[0].clipId = "tt3-001";
        extra[0].movieId = "tt3";
        extra[0].hasTimes = true;
        extra[0].startMs = 1500;
        extra[0].endMs = 4200;
        db::ImportService(*p).apply(extra, "obygaze", "test");
        const QString first = core::ModalscopeCsv::write(repo.annotationTable());
        test::writeFile(path("export1.csv"), first.toUtf8());

        auto q = newProject();
        // The unknown concept is not in q's taxonomy: it is added again, kept.
        db::ImportService(*q).apply(core::ModalscopeCsv::read(path("export1.csv")), "me", "test");
        const QString second = core::ModalscopeCsv::write(db::AnnotationRepository(q->sql()).annotationTable());
        QCOMPARE(second, first);
        QVERIFY(first.contains("tt3-001,tt3,1500,4200,,"));
        QVERIFY(first.contains("tt2-001,tt2,,,S,Body|Gaze of camera"));
        // Re-import into q changes nothing.
        const QString before = test::dumpProject(q->sql());
        const auto rep = db::ImportService(*q).apply(core::ModalscopeCsv::read(path("export1.csv")), "me", "test");
        QCOMPARE(rep.annotationsChanged, 0);
        QCOMPARE(test::dumpProject(q->sql()), before);
    }

    void realTable()
    {
        const QString table = test::obygazeTable();
        if (table.isEmpty())
            QSKIP("MODALSCOPE_SHARED is not set (or has no datasets/obygaze12): the real "
                  "ObyGaze12 table test is skipped");
        auto p = newProject();
        const auto recs = core::ObyGazeReader::read(table, core::NotSureRule::HardNegative);
        QCOMPARE(recs.size(), 1914);
        const auto rep = db::ImportService(*p).apply(recs, "obygaze", "import");
        QCOMPARE(rep.filmsAdded, 12);
        QCOMPARE(rep.clipsAdded, 1914);
        QVERIFY2(rep.unknownConcepts.isEmpty(), qPrintable(rep.summary()));
    }
};

QTEST_GUILESS_MAIN(TestImportService)
#include "tst_importservice.moc"
