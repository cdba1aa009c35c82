#include "../testsupport.h"
#include "core/error.h"
#include "database/explanationrepository.h"
#include "database/projectdatabase.h"
#include "database/runrepository.h"

#include <QTemporaryDir>
#include <QTest>
#include <cmath>

using namespace ms;
using db::ClipExplanation;
using db::ExplanationRepository;
using db::ExplanationSet;

class TestExplanationRepository : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_n = 0;

    struct Fixture
    {
        std::unique_ptr<db::ProjectDatabase> project;
        qint64 runId = 0, resultId = 0, otherResultId = 0;
    };

    Fixture fixture()
    {
        Fixture f;
        f.project = std::make_unique<db::ProjectDatabase>(
            m_dir.filePath(QStringLiteral("p%1.msproj").arg(++m_n)),
            db::ProjectDatabase::Mode::OpenOrCreate);
        db::RunRepository runs(f.project->sql());
        db::RunRecord r;
        r.kind = QStringLiteral("train");
        f.runId = runs.create(r);
        db::RunResultRecord rr;
        rr.runId = f.runId;
        rr.modalities =
            core::ModalitySet{core::Modality::Audio, core::Modality::Visual, core::Modality::Text};
        rr.fusion = QStringLiteral("late");
        rr.trainSet = QStringLiteral("CMSD");
        rr.testSet = QStringLiteral("AVT-CMSD");
        f.resultId = runs.addResult(rr, {});
        rr.fold = 1;
        f.otherResultId = runs.addResult(rr, {});
        return f;
    }

    static ClipExplanation sample(const QString &name, double seed)
    {
        ClipExplanation c;
        c.clip = name;
        c.vFull = 0.8 + seed / 100;
        c.vEmpty = 0.1;
        c.score = {0.7, std::nullopt, 0.3 + seed / 1000};
        // Values that a float would round: the column must keep doubles.
        c.phi = {0.123456789012345, std::nullopt, 1.0 / 3.0};
        c.pairInteraction = {std::nullopt, -0.0421, std::nullopt};
        c.threeWay = std::nullopt;
        c.interactionShare = 0.25;
        c.spurious = {core::Modality::Text};
        c.missed = {core::Modality::Visual, core::Modality::Audio};
        c.errorText =
            QStringLiteral("textual attribution 0.33 without any annotated textual concept");
        c.tokens = {
            {0, 1000, 1640, 0.25f}, {0, 1640, 2280, 0.5f}, {2, 4000000000LL, 4000002500LL, 1e-7f}};
        return c;
    }

    static ExplanationSet setFor(const Fixture &f, qint64 resultId, const QString &baseline)
    {
        ExplanationSet s;
        s.runId = f.runId;
        s.resultId = resultId;
        s.baseline = baseline;
        s.modalities =
            core::ModalitySet{core::Modality::Audio, core::Modality::Visual, core::Modality::Text};
        s.fusion = QStringLiteral("late");
        s.trainSet = QStringLiteral("CMSD");
        s.fold = resultId == f.resultId ? 0 : 1;
        s.threshold = 0.15;
        return s;
    }

    static qint64 rows(db::ProjectDatabase &p)
    {
        return p.sql().scalar("SELECT count(*) FROM clip_explanations");
    }

private Q_SLOTS:
    void roundTripKeepsEveryField()
    {
        Fixture f = fixture();
        ExplanationRepository repo(f.project->sql());
        const std::vector<ClipExplanation> in = {sample(QStringLiteral("b-clip"), 1),
                                                 sample(QStringLiteral("a-clip"), 2)};
        const qint64 id = repo.store(setFor(f, f.resultId, QStringLiteral("mean")), in);
        QVERIFY(id > 0);
        const auto sets = repo.sets(f.runId);
        QCOMPARE(sets.size(), 1);
        QCOMPARE(sets[0].id, id);
        QCOMPARE(sets[0].baseline, QStringLiteral("mean"));
        QCOMPARE(sets[0].modalities.letters(), QStringLiteral("AVT"));
        QCOMPARE(sets[0].threshold, 0.15);
        QVERIFY(!sets[0].createdAt.isEmpty());

        const auto out = repo.clips(id);
        QCOMPARE(out.size(), size_t(2));
        QCOMPARE(out[0].clip, QStringLiteral("a-clip")); // by name
        const ClipExplanation &a = out[0], &e = in[1];
        QCOMPARE(a.vFull, e.vFull);
        QCOMPARE(a.vEmpty, e.vEmpty);
        for (size_t m = 0; m < 3; ++m) {
            QCOMPARE(a.score[m], e.score[m]);
            QCOMPARE(a.phi[m], e.phi[m]);
            QCOMPARE(a.pairInteraction[m], e.pairInteraction[m]);
        }
        QCOMPARE(*a.phi[2], 1.0 / 3.0); // exact, not float
        QVERIFY(!a.threeWay);
        QCOMPARE(a.interactionShare, e.interactionShare);
        QCOMPARE(a.spurious.bits(), e.spurious.bits());
        QCOMPARE(a.missed.bits(), e.missed.bits());
        // Stored in the columns' form, which the CSV exports also write.
        QCOMPARE(f.project->sql().scalar("SELECT count(*) FROM clip_explanations WHERE "
                                         "spurious = 'T' AND missed = 'V|A'"),
                 qint64(2));
        QCOMPARE(a.errorText, e.errorText);
        QCOMPARE(a.tokens.size(), e.tokens.size());
        for (size_t t = 0; t < a.tokens.size(); ++t) {
            QCOMPARE(a.tokens[t].modality, e.tokens[t].modality);
            QCOMPARE(a.tokens[t].startMs, e.tokens[t].startMs);
            QCOMPARE(a.tokens[t].endMs, e.tokens[t].endMs);
            QCOMPARE(a.tokens[t].relevance, e.tokens[t].relevance);
        }
        const auto one = repo.clip(id, QStringLiteral("b-clip"));
        QVERIFY(one);
        QCOMPARE(one->vFull, in[0].vFull);
        QVERIFY(!repo.clip(id, QStringLiteral("nope")));
        QVERIFY(repo.clips(id + 100).empty());
    }

    void storingAgainReplacesOnlyTheSameResultAndBaseline()
    {
        Fixture f = fixture();
        ExplanationRepository repo(f.project->sql());
        const qint64 first =
            repo.store(setFor(f, f.resultId, QStringLiteral("mean")),
                       {sample(QStringLiteral("x"), 1), sample(QStringLiteral("y"), 1)});
        const qint64 zeros = repo.store(setFor(f, f.resultId, QStringLiteral("zeros")),
                                        {sample(QStringLiteral("x"), 2)});
        const qint64 otherFold = repo.store(setFor(f, f.otherResultId, QStringLiteral("mean")),
                                            {sample(QStringLiteral("x"), 3)});
        QCOMPARE(repo.sets(f.runId).size(), 3);
        const qint64 again = repo.store(setFor(f, f.resultId, QStringLiteral("mean")),
                                        {sample(QStringLiteral("z"), 4)});
        QVERIFY(again != first);
        QCOMPARE(repo.sets(f.runId).size(), 3);
        QVERIFY(repo.clips(first).empty());
        QCOMPARE(repo.clips(again).size(), size_t(1));
        QCOMPARE(repo.clips(zeros).size(), size_t(1));
        QCOMPARE(repo.clips(otherFold).size(), size_t(1));
        QCOMPARE(rows(*f.project), 3);
        QCOMPARE(repo.sets(0).size(), 3);
        QVERIFY(repo.sets(f.runId + 1).isEmpty());
    }

    void aFailedStoreLeavesTheEarlierSet()
    {
        Fixture f = fixture();
        ExplanationRepository repo(f.project->sql());
        const qint64 id = repo.store(setFor(f, f.resultId, QStringLiteral("mean")),
                                     {sample(QStringLiteral("x"), 1)});
        // The same clip twice violates UNIQUE(set_id, clip) half-way through.
        bool threw = false;
        try {
            repo.store(setFor(f, f.resultId, QStringLiteral("mean")),
                       {sample(QStringLiteral("y"), 1), sample(QStringLiteral("y"), 2)});
        } catch (const core::UserError &) {
            threw = true;
        }
        QVERIFY(threw);
        QCOMPARE(repo.sets(f.runId).size(), 1);
        QCOMPARE(repo.sets(f.runId)[0].id, id);
        QCOMPARE(repo.clips(id).size(), size_t(1));
        // An unknown baseline is refused by the schema.
        threw = false;
        try {
            repo.store(setFor(f, f.resultId, QStringLiteral("bogus")), {});
        } catch (const core::UserError &) {
            threw = true;
        }
        QVERIFY(threw);
        QCOMPARE(repo.sets(f.runId).size(), 1);
    }

    void removingTheRunRemovesItsExplanations()
    {
        Fixture f = fixture();
        ExplanationRepository repo(f.project->sql());
        repo.store(setFor(f, f.resultId, QStringLiteral("drop")), {sample(QStringLiteral("x"), 1)});
        db::RunRepository(f.project->sql()).remove(f.runId);
        QVERIFY(repo.sets(0).isEmpty());
        QCOMPARE(rows(*f.project), 0);
    }

    void aVersion3ProjectGainsTheTablesAndKeepsItsRuns()
    {
        const QString path = m_dir.filePath(QStringLiteral("old.msproj"));
        {
            db::SqliteDatabase raw(path, db::SqliteDatabase::Mode::OpenOrCreate);
            QList<db::ProjectDatabase::Migration> upTo3 = db::ProjectDatabase::migrations();
            while (upTo3.last().version > 3)
                upTo3.removeLast();
            db::ProjectDatabase::migrate(raw, upTo3);
            QCOMPARE(raw.userVersion(), 3);
            raw.exec("INSERT INTO runs(kind, status, created_at) VALUES ('train','finished','x')");
        }
        db::ProjectDatabase p(path, db::ProjectDatabase::Mode::OpenExisting);
        QCOMPARE(p.sql().userVersion(), db::ProjectDatabase::schemaVersion());
        QVERIFY(db::ProjectDatabase::schemaVersion() >= 4);
        QCOMPARE(p.sql().scalar("SELECT count(*) FROM runs"), 1);
        QCOMPARE(p.sql().scalar("SELECT count(*) FROM explanation_sets"), 0);
    }
};

QTEST_GUILESS_MAIN(TestExplanationRepository)
#include "tst_explanationrepository.moc"
