#include "core/error.h"
#include "database/annotationrepository.h"
#include "database/importservice.h"
#include "database/projectdatabase.h"
#include "database/taxonomyrepository.h"

#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace ms;
using core::Level;
using db::AnnotationState;

class TestAnnotationRepository : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<db::ProjectDatabase> m_project;

    static core::ImportRecord clip(const QString &id, const QString &movie)
    {
        core::ImportRecord r;
        r.clipId = id;
        r.movieId = movie;
        return r;
    }

    qint64 clipId(const QString &name)
    {
        return db::AnnotationRepository(m_project->sql()).clipByName(name)->id;
    }

private slots:
    void init()
    {
        static int n = 0;
        m_project = std::make_unique<db::ProjectDatabase>(
            m_dir.filePath(QString("p%1.msproj").arg(++n)), db::ProjectDatabase::Mode::OpenOrCreate);
        db::ImportService(*m_project).apply({clip("c1", "f1"), clip("c2", "f1"), clip("c3", "f2")},
                                            "setup", "test");
    }

    void setCommitsAndRecordsHistory()
    {
        db::AnnotationRepository repo(m_project->sql());
        const qint64 id = clipId("c1");
        QVERIFY(repo.setAnnotation(id, "alice", {Level::Sure, {"Body", "Voice"}, "why"}, "gui"));
        QVERIFY(!m_project->sql().inTransaction());
        QCOMPARE(repo.state(id, "alice"), (AnnotationState{Level::Sure, {"Body", "Voice"}, "why"}));
        // The same state again changes nothing and writes no history.
        QVERIFY(!repo.setAnnotation(id, "alice", {Level::Sure, {"Voice", "Body"}, "why"}, "gui"));
        QCOMPARE(repo.history(id).size(), 1);
        QVERIFY(repo.setAnnotation(id, "alice", {Level::HardNegative, {"Body"}, "why"}, "gui"));
        QVERIFY(repo.setAnnotation(id, "alice", {std::nullopt, {}, {}}, "gui"));
        const auto h = repo.history(id);
        QCOMPARE(h.size(), 3);
        QCOMPARE(h[0].action, QString("set"));
        QCOMPARE(h[0].level, std::optional(Level::Sure));
        QCOMPARE(h[0].concepts, (QStringList{"Body", "Voice"}));
        QCOMPARE(h[1].level, std::optional(Level::HardNegative));
        QCOMPARE(h[2].action, QString("clear"));
        QCOMPARE(h[2].annotator, QString("alice"));
        QCOMPARE(h[2].source, QString("gui"));
        QVERIFY(h[2].changedAt.isValid());
        QVERIFY(!repo.effectiveAnnotation(id));
    }

    void unknownConceptLeavesProjectUnchanged()
    {
        db::AnnotationRepository repo(m_project->sql());
        const qint64 id = clipId("c2");
        repo.setAnnotation(id, "alice", {Level::HardNegative, {"Look"}, {}}, "gui");
        QVERIFY_THROWS_EXCEPTION(core::UserError,
                                 repo.setAnnotation(id, "alice", {Level::Sure, {"Nope"}, {}}, "gui"));
        QCOMPARE(repo.state(id, "alice"), (AnnotationState{Level::HardNegative, {"Look"}, {}}));
        QCOMPARE(repo.history(id).size(), 1);
        QVERIFY_THROWS_EXCEPTION(core::UserError,
                                 repo.setAnnotation(999999, "alice", {Level::Sure, {}, {}}, "gui"));
        QVERIFY_THROWS_EXCEPTION(core::UserError,
                                 repo.setAnnotation(id, "  ", {Level::Sure, {}, {}}, "gui"));
    }

    void effectiveAnnotationIsTheLatest()
    {
        db::AnnotationRepository repo(m_project->sql());
        const qint64 id = clipId("c3");
        repo.setAnnotation(id, "alice", {Level::EasyNegative, {}, {}}, "gui");
        QThread::msleep(5);
        repo.setAnnotation(id, "bob", {Level::Sure, {"Speech"}, {}}, "gui");
        auto eff = repo.effectiveAnnotation(id);
        QCOMPARE(eff->annotator, QString("bob"));
        QCOMPARE(eff->level, Level::Sure);
        QCOMPARE(eff->movieId, QString("f2"));
        // bob withdraws: alice's judgement is the clip's again.
        repo.setAnnotation(id, "bob", {std::nullopt, {}, {}}, "gui");
        QCOMPARE(repo.effectiveAnnotation(id)->annotator, QString("alice"));
        QCOMPARE(repo.effectiveAnnotations().size(), 1);
    }

    void taxonomyEditsReachAnnotations()
    {
        db::AnnotationRepository repo(m_project->sql());
        db::TaxonomyRepository tax(m_project->sql());
        const qint64 id = clipId("c1");
        repo.setAnnotation(id, "alice", {Level::Sure, {"Exp of emotion"}, {}}, "gui");
        tax.renameConcept("Exp of  emotion", "Expression of emotion");
        QCOMPARE(repo.effectiveAnnotation(id)->concepts, QStringList{"Expression of emotion"});
        tax.setModality("Expression of emotion", core::Modality::Audio);
        QCOMPARE(tax.load().find("Expression of emotion")->modality, std::optional(core::Modality::Audio));
        tax.setRetired("Expression of emotion", true);
        QVERIFY(tax.load().find("Expression of emotion")->retired);
        QCOMPARE(repo.effectiveAnnotation(id)->concepts, QStringList{"Expression of emotion"});
        QVERIFY_THROWS_EXCEPTION(core::UserError, tax.renameConcept("Body", "Look"));
        QVERIFY_THROWS_EXCEPTION(core::UserError, tax.addConcept(" Look ", core::Modality::Visual));
        QVERIFY_THROWS_EXCEPTION(core::UserError, tax.setModality("Missing", std::nullopt));
    }

    void annotationTableListsEveryClip()
    {
        db::AnnotationRepository repo(m_project->sql());
        repo.setAnnotation(clipId("c2"), "alice", {Level::HardNegative, {"Look", "Body"}, {}}, "gui");
        const auto rows = repo.annotationTable();
        QCOMPARE(rows.size(), 3);
        QCOMPARE(rows[1].clipId, QString("c2"));
        QCOMPARE(rows[1].level, std::optional(Level::HardNegative));
        QCOMPARE(rows[1].concepts, (QStringList{"Look", "Body"})); // taxonomy order
        QVERIFY(!rows[0].level);
    }

    // Three annotators on c1 and c2; the rule decides which label counts.
    void labelRulesPickTheLabel()
    {
        db::AnnotationRepository repo(m_project->sql());
        const qint64 c1 = clipId("c1"), c2 = clipId("c2");
        repo.setAnnotation(c1, "alice", {Level::Sure, {"Body", "Look"}, {}}, "gui");
        repo.setAnnotation(c1, "bob", {Level::Sure, {"Look"}, {}}, "gui");
        repo.setAnnotation(c2, "alice", {Level::EasyNegative, {}, {}}, "gui");
        QThread::msleep(5);
        repo.setAnnotation(c2, "bob", {Level::Sure, {}, {}}, "gui");
        QThread::msleep(5);
        repo.setAnnotation(c1, "carol", {Level::EasyNegative, {}, {}}, "gui");

        // latest: carol's EN on c1, bob's S on c2 (today's behaviour, the default).
        QCOMPARE(repo.effectiveAnnotation(c1)->level, Level::EasyNegative);
        QCOMPARE(repo.effectiveAnnotations().size(), 2);
        QCOMPARE(repo.effectiveAnnotations(core::LabelRule::latest())[0].annotator, QString("carol"));
        // majority: S on c1 with the concepts both S annotators' majority
        // ticked (Look 2 of 3, Body 1 of 3), a tie on c2 given HN.
        const auto majority = core::LabelRule::majority();
        QCOMPARE(repo.effectiveAnnotation(c1, majority)->level, Level::Sure);
        QCOMPARE(repo.effectiveAnnotation(c1, majority)->concepts, QStringList{"Look"});
        QCOMPARE(repo.effectiveAnnotation(c2, majority)->level, Level::HardNegative);
        const auto outcome = repo.labels(majority);
        QCOMPARE(outcome.clips, 2);
        QCOMPARE(outcome.levelTies, 1);
        // annotator:alice: EN on c2; the table follows the rule.
        const auto alice = core::LabelRule::annotator("alice");
        QCOMPARE(repo.effectiveAnnotation(c2, alice)->level, Level::EasyNegative);
        const auto rows = repo.annotationTable(alice);
        QCOMPARE(rows[0].concepts, (QStringList{"Look", "Body"})); // taxonomy order
        QCOMPARE(rows[1].level, std::optional(Level::EasyNegative));
        // consensus: nothing adjudicated, both clips disagree.
        QCOMPARE(repo.labels(core::LabelRule::consensus()).labels.size(), 0);
        QCOMPARE(repo.labels(core::LabelRule::consensus()).unresolved, 2);
        repo.setAnnotation(c2, "consensus", {Level::HardNegative, {"Look"}, {}}, "adjudication:dana");
        const auto adjudicated = repo.effectiveAnnotations(core::LabelRule::consensus());
        QCOMPARE(adjudicated.size(), 1);
        QCOMPARE(adjudicated[0].clipName, QString("c2"));
        QCOMPARE(adjudicated[0].annotator, QString("consensus"));
        // consensus does not vote: the majority of c2 is still a tie.
        QCOMPARE(repo.labels(majority).levelTies, 1);
        QCOMPARE(repo.clipAnnotations(c2).size(), 3);

        // An annotator who annotated nothing: a clear error naming the others.
        try {
            repo.labels(core::LabelRule::annotator("zoe"));
            QFAIL("no error for an unknown annotator");
        } catch (const core::UserError &e) {
            QVERIFY2(e.message().contains("'zoe'") && e.message().contains("'alice', 'bob'"),
                     qPrintable(e.message()));
        }
        QVERIFY(repo.effectiveAnnotations(core::LabelRule::annotator("zoe")).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestAnnotationRepository)
#include "tst_annotationrepository.moc"
