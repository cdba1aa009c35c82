#include "../database/projectdump.h"
#include "../testsupport.h"
#include "core/taxonomy.h"
#include "database/annotationrepository.h"
#include "database/importservice.h"
#include "database/projectdatabase.h"

#include <QTemporaryDir>
#include <QTest>

using namespace ms;
using test::runCli;

// ELAN in and out through the CLI: export-annotations --format eaf --movie,
// import-annotations --format eaf --file --movie --tier, and the round trip
// that changes nothing.
class TestEafCommands : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_db;

    QString dump(const QString &db)
    {
        db::ProjectDatabase p(db, db::ProjectDatabase::Mode::OpenExisting);
        return test::dumpProject(p.sql());
    }

private slots:
    void init()
    {
        static int n = 0;
        m_db = m_dir.filePath(QStringLiteral("p%1.msproj").arg(++n));
        db::ProjectDatabase p(m_db, db::ProjectDatabase::Mode::OpenOrCreate);
        core::ImportRecord a = test::timedRecord("a1", "tt1", 0, 4000, core::Level::Sure);
        a.concepts = {"Body", "Look"};
        core::ImportRecord b =
            test::timedRecord("a2", "tt1", 4000, 3000, core::Level::EasyNegative);
        core::ImportRecord c = test::timedRecord("a3", "tt1", 9000, 2000);
        core::ImportRecord other =
            test::timedRecord("b1", "tt2", 0, 1000, core::Level::HardNegative);
        db::ImportService(p).apply({a, b, c, other}, "setup", "test");
    }

    void exportThenImportChangesNothing()
    {
        const QString eaf = m_dir.filePath("tt1.eaf");
        const auto out = runCli({"export-annotations", "--db", m_db, "--format", "eaf", "--movie",
                                 "tt1", "--out", eaf});
        QVERIFY2(out.exitCode == 0, out.err.constData());
        const QByteArray bytes = test::readFile(eaf);
        QVERIFY(bytes.contains("a1"));
        QVERIFY(!bytes.contains("b1")); // only the film asked for
        QVERIFY(bytes.contains("MEDIA_DESCRIPTOR") || bytes.contains("HEADER"));

        const QString before = dump(m_db);
        const auto in = runCli({"import-annotations", "--db", m_db, "--format", "eaf", "--file",
                                eaf, "--annotator", "setup"});
        QVERIFY2(in.exitCode == 0, in.err.constData());
        QCOMPARE(dump(m_db).split('\n'), before.split('\n'));
    }

    void tierRolesAndTheFilmCanBeGiven()
    {
        // An ELAN file whose tiers follow no convention and link no media.
        const QString eaf = m_dir.filePath("custom.eaf");
        test::writeFile(eaf, R"(<?xml version="1.0" encoding="UTF-8"?>
<ANNOTATION_DOCUMENT AUTHOR="" DATE="2024-01-01T00:00:00+00:00" FORMAT="3.0" VERSION="3.0">
 <HEADER MEDIA_FILE="" TIME_UNITS="milliseconds"/>
 <TIME_ORDER>
  <TIME_SLOT TIME_SLOT_ID="ts1" TIME_VALUE="1000"/>
  <TIME_SLOT TIME_SLOT_ID="ts2" TIME_VALUE="2500"/>
  <TIME_SLOT TIME_SLOT_ID="ts3" TIME_VALUE="4000"/>
 </TIME_ORDER>
 <TIER LINGUISTIC_TYPE_REF="default" TIER_ID="Shots">
  <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a1" TIME_SLOT_REF1="ts1" TIME_SLOT_REF2="ts2"><ANNOTATION_VALUE>s1</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
  <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a2" TIME_SLOT_REF1="ts2" TIME_SLOT_REF2="ts3"><ANNOTATION_VALUE>s2</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
 </TIER>
 <TIER LINGUISTIC_TYPE_REF="default" TIER_ID="Judgement">
  <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a3" TIME_SLOT_REF1="ts1" TIME_SLOT_REF2="ts2"><ANNOTATION_VALUE>HN</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
 </TIER>
 <LINGUISTIC_TYPE LINGUISTIC_TYPE_ID="default" TIME_ALIGNABLE="true"/>
</ANNOTATION_DOCUMENT>
)");
        const QString before = dump(m_db);
        // Without the film, the file says nothing of it: refused, nothing changed.
        auto r = runCli({"import-annotations", "--db", m_db, "--format", "eaf", "--file", eaf,
                         "--tier", "Shots=clips", "--tier", "Judgement=level"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("film"), r.err.constData());
        // A tier the file lacks, or a role there is not: named, nothing changed.
        r = runCli({"import-annotations", "--db", m_db, "--format", "eaf", "--file", eaf, "--movie",
                    "tt9", "--tier", "Scenes=clips"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("no tier named 'Scenes'"), r.err.constData());
        r = runCli({"import-annotations", "--db", m_db, "--format", "eaf", "--file", eaf, "--movie",
                    "tt9", "--tier", "Shots=scenes"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("Shots=scenes"), r.err.constData());
        // --tier is ELAN's only.
        r = runCli({"import-annotations", "--db", m_db, "--format", "modalscope", "--file", eaf,
                    "--tier", "Shots=clips"});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(dump(m_db), before);

        r = runCli({"import-annotations", "--db", m_db, "--format", "eaf", "--file", eaf, "--movie",
                    "tt9", "--tier", "Shots=clips", "--tier", "Judgement=level", "--annotator",
                    "eve"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        db::ProjectDatabase p(m_db, db::ProjectDatabase::Mode::OpenExisting);
        db::AnnotationRepository repo(p.sql());
        const auto s1 = repo.clipByName("s1"), s2 = repo.clipByName("s2");
        QVERIFY(s1 && s2);
        QCOMPARE(s1->movieId, QStringLiteral("tt9"));
        QCOMPARE(*s1->startMs, 1000);
        QCOMPARE(*s2->endMs, 4000);
        QCOMPARE(repo.effectiveAnnotation(s1->id)->level, core::Level::HardNegative);
        QVERIFY(!repo.effectiveAnnotation(s2->id));
    }

    void exportOfAnUnknownFilmIsRefused()
    {
        const auto r = runCli({"export-annotations", "--db", m_db, "--format", "eaf", "--movie",
                               "tt404", "--out", m_dir.filePath("x.eaf")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("tt404"));
        QVERIFY(!QFileInfo::exists(m_dir.filePath("x.eaf")));
    }
};

QTEST_GUILESS_MAIN(TestEafCommands)
#include "tst_eafcommands.moc"
