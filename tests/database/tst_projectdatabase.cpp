#include "core/error.h"
#include "database/projectdatabase.h"
#include "database/taxonomyrepository.h"
#include "../testsupport.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <sqlite3.h>

using namespace ms;
using db::ProjectDatabase;

class TestProjectDatabase : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString fresh(const QString &name) { return m_dir.filePath(name); }

    static void rawExec(const QString &path, const char *sql)
    {
        sqlite3 *h = nullptr;
        QCOMPARE(sqlite3_open(path.toUtf8().constData(), &h), SQLITE_OK);
        QCOMPARE(sqlite3_exec(h, sql, nullptr, nullptr, nullptr), SQLITE_OK);
        sqlite3_close(h);
    }

    static QString messageOf(const std::function<void()> &f)
    {
        try {
            f();
        } catch (const core::UserError &e) {
            return e.message();
        }
        return {};
    }

private slots:
    void createsSchemaAndSettings()
    {
        ProjectDatabase p(fresh("a.msproj"), ProjectDatabase::Mode::OpenOrCreate);
        QCOMPARE(p.sql().userVersion(), ProjectDatabase::schemaVersion());
        QCOMPARE(p.sql().scalar("PRAGMA foreign_keys"), 1);
        auto jm = p.sql().prepare("PRAGMA journal_mode");
        QVERIFY(jm.step());
        QCOMPARE(jm.text(0), QString("wal"));
        QCOMPARE(db::TaxonomyRepository(p.sql()).load().concepts().size(), 12);
        for (const char *t : {"films", "clips", "annotations", "annotation_concepts",
                              "annotation_history", "concepts", "project_meta"}) {
            auto st = p.sql().prepare("SELECT count(*) FROM sqlite_schema WHERE name = ?");
            st.bind(1, QString::fromLatin1(t));
            QVERIFY(st.step());
            QVERIFY2(st.int64(0) == 1, t);
        }
    }

    void reopenKeepsData()
    {
        const QString path = fresh("b.msproj");
        {
            ProjectDatabase p(path, ProjectDatabase::Mode::OpenOrCreate);
            db::TaxonomyRepository(p.sql()).addConcept("Gaze", core::Modality::Visual);
        }
        ProjectDatabase p(path, ProjectDatabase::Mode::OpenExisting);
        QVERIFY(db::TaxonomyRepository(p.sql()).load().find("Gaze"));
    }

    void missingFileIsRefused()
    {
        const QString msg = messageOf(
            [&] { ProjectDatabase(fresh("nope.msproj"), ProjectDatabase::Mode::OpenExisting); });
        QVERIFY2(msg.contains("nope.msproj") && msg.contains("no such project file"), qPrintable(msg));
        QVERIFY(!QFile::exists(fresh("nope.msproj")));
    }

    // Every caller opens a project by its location, through one function.
    void opensByLocation()
    {
        const QString path = fresh("located.msproj");
        const auto location = db::ProjectLocation::parse("  " + path + "  ");
        QVERIFY(location.isFile());
        QCOMPARE(location.filePath(), path);
        {
            const auto p = ProjectDatabase::open(location, ProjectDatabase::Mode::OpenOrCreate);
            QCOMPARE(p->path(), path);
            QCOMPARE(p->location(), location);
            QCOMPARE(p->sql().userVersion(), ProjectDatabase::schemaVersion());
        }
        const auto again = ProjectDatabase::open(location, ProjectDatabase::Mode::OpenExisting);
        QCOMPARE(again->location().toString(), path);

        const QString missing = messageOf([&] {
            ProjectDatabase::open(db::ProjectLocation::file(fresh("gone.msproj")),
                                  ProjectDatabase::Mode::OpenExisting);
        });
        QVERIFY2(missing.contains("gone.msproj"), qPrintable(missing));
        QVERIFY(!QFile::exists(fresh("gone.msproj")));
        const QString none = messageOf([&] {
            ProjectDatabase::open(db::ProjectLocation(), ProjectDatabase::Mode::OpenOrCreate);
        });
        QVERIFY2(none.contains("no project"), qPrintable(none));
        QVERIFY(!db::ProjectLocation::parse("   ").isValid());
    }

    void newerVersionIsRefusedUntouched()
    {
        const QString path = fresh("newer.msproj");
        { ProjectDatabase p(path, ProjectDatabase::Mode::OpenOrCreate); }
        rawExec(path, "PRAGMA journal_mode=DELETE; PRAGMA user_version = 99;");
        const QByteArray before = test::readFile(path);
        const QString msg =
            messageOf([&] { ProjectDatabase(path, ProjectDatabase::Mode::OpenExisting); });
        QVERIFY2(msg.contains("newer version of Modalscope") && msg.contains("schema 99"),
                 qPrintable(msg));
        QCOMPARE(test::readFile(path), before);
    }

    void foreignFilesAreRefused()
    {
        const QString text = fresh("notes.txt");
        test::writeFile(text, QByteArray("this is not a database, just some words\n").repeated(200));
        const QByteArray before = test::readFile(text);
        QString msg = messageOf([&] { ProjectDatabase(text, ProjectDatabase::Mode::OpenExisting); });
        QVERIFY2(msg.contains("notes.txt") && msg.contains("not a Modalscope project"), qPrintable(msg));
        QCOMPARE(test::readFile(text), before);

        const QString empty = fresh("empty.msproj");
        test::writeFile(empty, {});
        msg = messageOf([&] { ProjectDatabase(empty, ProjectDatabase::Mode::OpenExisting); });
        QVERIFY2(msg.contains("empty file"), qPrintable(msg));
        QCOMPARE(QFileInfo(empty).size(), 0);

        const QString other = fresh("other.sqlite");
        rawExec(other, "CREATE TABLE t(x); INSERT INTO t VALUES (1);");
        msg = messageOf([&] { ProjectDatabase(other, ProjectDatabase::Mode::OpenExisting); });
        QVERIFY2(msg.contains("not a Modalscope project"), qPrintable(msg));
    }

    void damagedFileIsReported()
    {
        const QString path = fresh("damaged.msproj");
        {
            ProjectDatabase p(path, ProjectDatabase::Mode::OpenOrCreate);
            auto &s = p.sql();
            s.exec("CREATE TABLE filler(x TEXT)");
            auto ins = s.prepare("INSERT INTO filler VALUES (?)");
            for (int i = 0; i < 2000; ++i) {
                ins.bind(1, QString(200, QChar('a' + i % 26)));
                ins.run();
            }
            s.exec("CREATE INDEX filler_x ON filler(x)");
            s.exec("PRAGMA wal_checkpoint(TRUNCATE)");
            s.exec("PRAGMA journal_mode=DELETE");
        }
        // Overwrite pages in the middle of the file with garbage.
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        const qint64 size = f.size();
        QVERIFY(size > 200000);
        f.seek(size / 2);
        f.write(QByteArray(8192, '\x5a'));
        f.close();
        const QString msg = messageOf([&] { ProjectDatabase(path, ProjectDatabase::Mode::OpenExisting); });
        QVERIFY2(msg.contains("damaged.msproj") && msg.contains("damaged"), qPrintable(msg));
    }

    void migrationsRunInOrderAndAtomically()
    {
        const QString path = fresh("mig.msproj");
        db::SqliteDatabase s(path, db::SqliteDatabase::Mode::OpenOrCreate);
        QList<ProjectDatabase::Migration> steps = {
            {1, "CREATE TABLE a(x INTEGER);", {}},
            {2, "ALTER TABLE a ADD COLUMN y TEXT;",
             [](db::SqliteDatabase &d) { d.exec("INSERT INTO a(x, y) VALUES (1, 'one')"); }},
        };
        ProjectDatabase::migrate(s, steps);
        QCOMPARE(s.userVersion(), 2);
        QCOMPARE(s.scalar("SELECT count(*) FROM a WHERE y = 'one'"), 1);
        // Re-running applies nothing twice.
        ProjectDatabase::migrate(s, steps);
        QCOMPARE(s.scalar("SELECT count(*) FROM a"), 1);
        // A failing step leaves the file at the previous version, unchanged.
        steps.append({3, "CREATE TABLE b(z); INSERT INTO nowhere VALUES (1);", {}});
        QVERIFY(!messageOf([&] { ProjectDatabase::migrate(s, steps); }).isEmpty());
        QCOMPARE(s.userVersion(), 2);
        QCOMPARE(s.scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'b'"), 0);
        // A file newer than every step is refused.
        steps.removeLast();
        steps.removeLast();
        const QString msg = messageOf([&] { ProjectDatabase::migrate(s, steps); });
        QVERIFY2(msg.contains("newer version"), qPrintable(msg));
    }
};

QTEST_GUILESS_MAIN(TestProjectDatabase)
#include "tst_projectdatabase.moc"
