#include "database/annotationrepository.h"
#include "database/annotatortable.h"
#include "database/importservice.h"
#include "database/projectdatabase.h"

#include <QTemporaryDir>
#include <QTest>

using namespace ms;
using core::Level;

class TestAnnotatorTable : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    static core::ImportRecord clip(const QString &id, const QString &movie)
    {
        core::ImportRecord r;
        r.clipId = id;
        r.movieId = movie;
        return r;
    }

private slots:
    void everyAnnotatorsCurrentAnnotation()
    {
        db::ProjectDatabase project(m_dir.filePath("p.msproj"),
                                    db::ProjectDatabase::Mode::OpenOrCreate);
        db::ImportService(project).apply({clip("c1", "f1"), clip("c2", "f1"), clip("c3", "f2")},
                                         "setup", "test");
        db::AnnotationRepository repo(project.sql());
        const qint64 c1 = repo.clipByName("c1")->id, c2 = repo.clipByName("c2")->id,
                     c3 = repo.clipByName("c3")->id;
        QVERIFY(repo.setAnnotation(c1, "bob", {Level::Sure, {"Voice", "Body"}, {}}, "gui"));
        QVERIFY(repo.setAnnotation(c1, "alice", {Level::HardNegative, {"Look"}, {}}, "gui"));
        // alice changes her mind: only the newest state counts, not the history.
        QVERIFY(repo.setAnnotation(c1, "alice", {Level::EasyNegative, {}, {}}, "gui"));
        QVERIFY(repo.setAnnotation(c2, "alice", {Level::Sure, {"Speech"}, {}}, "gui"));
        // bob clears his annotation of c3: he no longer codes it.
        QVERIFY(repo.setAnnotation(c3, "bob", {Level::Sure, {}, {}}, "gui"));
        QVERIFY(repo.setAnnotation(c3, "bob", {std::nullopt, {}, {}}, "gui"));
        QVERIFY(repo.setAnnotation(c3, "carol", {Level::HardNegative, {}, {}}, "gui"));

        db::AnnotatorTable table(project.sql());
        const QList<core::Annotation> all = table.currentAnnotations();
        QCOMPARE(all.size(), 4);
        // By film, clip and annotator; concepts in taxonomy order (Body before Voice).
        QCOMPARE(all[0].clipName, QString("c1"));
        QCOMPARE(all[0].annotator, QString("alice"));
        QCOMPARE(all[0].level, Level::EasyNegative);
        QVERIFY(all[0].concepts.isEmpty());
        QCOMPARE(all[1].annotator, QString("bob"));
        QCOMPARE(all[1].concepts, (QStringList{"Body", "Voice"}));
        QCOMPARE(all[1].movieId, QString("f1"));
        QCOMPARE(all[2].clipName, QString("c2"));
        QCOMPARE(all[2].concepts, QStringList{"Speech"});
        QCOMPARE(all[3].clipName, QString("c3"));
        QCOMPARE(all[3].annotator, QString("carol"));
        QCOMPARE(all[3].movieId, QString("f2"));
        QCOMPARE(table.annotators(), (QStringList{"alice", "bob", "carol"}));
        // The repository's effective annotation of c1 is one of them (the newest).
        QCOMPARE(repo.effectiveAnnotation(c1)->annotator, QString("alice"));
    }
};

QTEST_GUILESS_MAIN(TestAnnotatorTable)
#include "tst_annotatortable.moc"
