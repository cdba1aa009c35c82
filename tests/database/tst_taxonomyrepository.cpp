// Concept keys stored with the taxonomy: one committed change each, refused
// in words (and the project unchanged) when reserved or taken.
#include "core/conceptkeymap.h"
#include "core/error.h"
#include "database/projectdatabase.h"
#include "database/taxonomyrepository.h"

#include <QTemporaryDir>
#include <QTest>

using namespace ms;

class TestTaxonomyRepository : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private slots:
    void conceptKeysPersist()
    {
        const QString path = m_dir.filePath("t.msproj");
        {
            db::ProjectDatabase project(path, db::ProjectDatabase::Mode::OpenOrCreate);
            db::TaxonomyRepository repo(project.sql());
            // A new project has no own keys: every concept has its default.
            for (const core::Concept &c : repo.load().concepts())
                QVERIFY2(c.shortcut.isEmpty(), qPrintable(c.name));
            QCOMPARE(repo.setShortcut("  Body ", "z"), QStringLiteral("Z"));
            // A rename keeps the key: it belongs to the concept, not the name.
            repo.renameConcept("Body", "Body parts");
        }
        db::ProjectDatabase project(path, db::ProjectDatabase::Mode::OpenExisting);
        db::TaxonomyRepository repo(project.sql());
        const core::Taxonomy t = repo.load();
        QCOMPARE(t.find("Body parts")->shortcut, QStringLiteral("Z"));
        QCOMPARE(core::ConceptKeyMap(t).keyOf("Body parts"), QChar(u'Z'));
        QCOMPARE(core::ConceptKeyMap(t).conceptOf(u'B'), QString()); // B is free now

        // Refusals name the concept and change nothing.
        for (const QString &bad : {QStringLiteral("z"), QStringLiteral("1"), QStringLiteral("nn"),
                                   QStringLiteral("?")}) {
            try {
                repo.setShortcut("Look", bad);
                QFAIL(qPrintable("accepted " + bad));
            } catch (const core::UserError &e) {
                QVERIFY2(e.message().contains("Look"), qPrintable(e.message()));
            }
            QVERIFY(repo.load().find("Look")->shortcut.isEmpty());
        }
        QVERIFY_THROWS_EXCEPTION(core::UserError, repo.setShortcut("Gaze", "G"));
        // Empty gives back the default.
        QCOMPARE(repo.setShortcut("Body parts", ""), QString());
        QCOMPARE(core::ConceptKeyMap(repo.load()).keyOf("Body parts"), QChar(u'B'));
    }
};

QTEST_GUILESS_MAIN(TestTaxonomyRepository)
#include "tst_taxonomyrepository.moc"
