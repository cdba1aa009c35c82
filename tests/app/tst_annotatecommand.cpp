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

// annotate: one committed change with its history entry, as the window
// makes it; an unknown clip, level or concept leaves the project as it was.
class TestAnnotateCommand : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_db;

    QString dump()
    {
        db::ProjectDatabase p(m_db, db::ProjectDatabase::Mode::OpenExisting);
        return test::dumpProject(p.sql());
    }
    std::optional<core::Annotation> effective(const QString &clip)
    {
        db::ProjectDatabase p(m_db, db::ProjectDatabase::Mode::OpenExisting);
        db::AnnotationRepository repo(p.sql());
        return repo.effectiveAnnotation(repo.clipByName(clip)->id);
    }
    QList<db::HistoryEntry> history(const QString &clip)
    {
        db::ProjectDatabase p(m_db, db::ProjectDatabase::Mode::OpenExisting);
        db::AnnotationRepository repo(p.sql());
        return repo.history(repo.clipByName(clip)->id);
    }

private slots:
    void init()
    {
        static int n = 0;
        m_db = m_dir.filePath(QStringLiteral("p%1.msproj").arg(++n));
        db::ProjectDatabase p(m_db, db::ProjectDatabase::Mode::OpenOrCreate);
        db::ImportService(p).apply(
            {test::timedRecord("c1", "tt1", 0, 4000), test::timedRecord("c2", "tt1", 4000, 4000)},
            QString(), "test");
    }

    void setsLevelConceptsAndNoteInOneChange()
    {
        const auto r =
            runCli({"annotate", "--db", m_db, "--clip", "c1", "--level", "S", "--concepts",
                    "Body, Look", "--annotator", "alice", "--note", "close-up"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const auto a = effective("c1");
        QVERIFY(a);
        QCOMPARE(a->level, core::Level::Sure);
        QCOMPARE(a->annotator, QStringLiteral("alice"));
        QStringList concepts = a->concepts;
        concepts.sort();
        QStringList expected{core::Taxonomy::normaliseName("Body"),
                             core::Taxonomy::normaliseName("Look")};
        expected.sort();
        QCOMPARE(concepts, expected);
        QCOMPARE(a->note, QStringLiteral("close-up"));
        const auto h = history("c1");
        QCOMPARE(h.size(), 1);
        QCOMPARE(h.first().source, QStringLiteral("cli"));
        QVERIFY(r.out.contains("changed"));

        // --level alone keeps the concepts and the note, as the window's level keys do.
        QCOMPARE(runCli({"annotate", "--db", m_db, "--clip", "c1", "--level", "HN", "--annotator",
                         "alice"})
                     .exitCode,
                 0);
        const auto b = effective("c1");
        QCOMPARE(b->level, core::Level::HardNegative);
        QCOMPARE(b->concepts.size(), 2);
        QCOMPARE(b->note, QStringLiteral("close-up"));
        QCOMPARE(history("c1").size(), 2);

        // The same again changes nothing and writes no history.
        const auto same = runCli(
            {"annotate", "--db", m_db, "--clip", "c1", "--level", "HN", "--annotator", "alice"});
        QCOMPARE(same.exitCode, 0);
        QVERIFY(same.out.contains("unchanged"));
        QCOMPARE(history("c1").size(), 2);

        // An empty --concepts removes them.
        QCOMPARE(runCli({"annotate", "--db", m_db, "--clip", "c1", "--level", "EN", "--concepts",
                         "", "--annotator", "alice"})
                     .exitCode,
                 0);
        QVERIFY(effective("c1")->concepts.isEmpty());
    }

    void refusesBadInputLeavingTheProjectAsItWas_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown clip")
            << QStringList{"--clip", "nope", "--level", "S"} << 1 << "no clip named 'nope'";
        QTest::newRow("unknown concept")
            << QStringList{"--clip", "c1", "--level", "S", "--concepts", "Body,Nonsense"} << 1
            << "no concept named Nonsense";
        QTest::newRow("bad level")
            << QStringList{"--clip", "c1", "--level", "X"} << 2 << "--level must be EN, HN or S";
        QTest::newRow("no level") << QStringList{"--clip", "c1"} << 2 << "--level";
    }
    void refusesBadInputLeavingTheProjectAsItWas()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const QString before = dump();
        const auto r = runCli(QStringList{"annotate", "--db", m_db, "--annotator", "alice"} + args);
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
        QCOMPARE(dump(), before);
    }
};

QTEST_GUILESS_MAIN(TestAnnotateCommand)
#include "tst_annotatecommand.moc"
