#include "core/error.h"
#include "database/annotationqueuebuilder.h"
#include "database/projectdatabase.h"
#include "database/rationalereader.h"
#include "tests/database/modelassistfixture.h"
#include "tests/database/projectdump.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace ms;

// Annotate next and rationale agreement on the hand-made project of
// modelassistfixture.h: the exact order of each queue and every figure.
class TestAnnotationQueueBuilder : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<db::ProjectDatabase> m_project;

    QStringList order(core::QueueOrder by, db::QueuePool pool, const QString &annotator = {},
                      int limit = 0, db::QueueReport *out = nullptr)
    {
        db::QueueRequest r;
        r.runId = 1;
        r.options.order = by;
        r.options.limit = limit;
        r.pool = pool;
        r.annotator = annotator;
        const db::QueueReport report = db::AnnotationQueueBuilder(m_project->sql()).build(r);
        QStringList names;
        for (const core::QueueEntry &e : report.entries)
            names.append(e.candidate.clip + (e.ranked ? QString() : QStringLiteral("?")));
        if (out)
            *out = report;
        return names;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_path = m_dir.filePath(QStringLiteral("assist.msproj"));
        test::makeAssistProject(m_path);
        m_project =
            std::make_unique<db::ProjectDatabase>(m_path, db::ProjectDatabase::Mode::OpenExisting);
    }

    void order_data()
    {
        QTest::addColumn<int>("by");
        QTest::addColumn<bool>("unadjudicated");
        QTest::addColumn<QString>("annotator");
        QTest::addColumn<QStringList>("expected");
        using O = core::QueueOrder;
        // "?" marks a clip the order cannot rank (listed last, film order).
        QTest::newRow("uncertainty, not by bob")
            << int(O::Uncertainty) << false << "bob" << QStringList{"b2", "a3", "a4?", "b4?"};
        QTest::newRow("uncertainty, nobody")
            << int(O::Uncertainty) << false << "" << QStringList{"a4?", "b4?"};
        QTest::newRow("uncertainty, unadjudicated")
            << int(O::Uncertainty) << true << "" << QStringList{"b2", "a2", "b3"};
        QTest::newRow("attribution, not by bob")
            << int(O::AttributionError) << false << "bob" << QStringList{"b2", "a3", "a4?", "b4?"};
        QTest::newRow("attribution, unadjudicated")
            << int(O::AttributionError) << true << "" << QStringList{"b3", "b2", "a2"};
        QTest::newRow("disagreement, not by bob")
            << int(O::Disagreement) << false << "bob" << QStringList{"b2", "a3", "a4?", "b4?"};
        QTest::newRow("disagreement, unadjudicated")
            << int(O::Disagreement) << true << "" << QStringList{"a2", "b3", "b2"};
        QTest::newRow("disagreement, not by carol")
            << int(O::Disagreement) << false << "carol"
            << QStringList{"a2", "b1", "a3", "a1", "a4?", "b4?"}; // a2, b1 tie at 1
    }
    void order()
    {
        QFETCH(int, by);
        QFETCH(bool, unadjudicated);
        QFETCH(QString, annotator);
        QFETCH(QStringList, expected);
        QCOMPARE(
            this->order(core::QueueOrder(by),
                        unadjudicated ? db::QueuePool::Unadjudicated : db::QueuePool::Unannotated,
                        annotator),
            expected);
    }

    void keysAndReasons()
    {
        db::QueueReport r;
        order(core::QueueOrder::Uncertainty, db::QueuePool::Unannotated, QStringLiteral("bob"), 0,
              &r);
        QCOMPARE(r.poolSize, 4);
        QCOMPARE(r.ranked, 2);
        QCOMPARE(r.folds, 2); // the AVT entry over its two folds, not the V one
        QCOMPARE(r.entry.modalities.letters(), QStringLiteral("AVT"));
        QCOMPARE(r.entries[0].key, 0.02);
        QCOMPARE(r.entries[0].reason, QStringLiteral("score 0.52, 0.02 from the threshold 0.50"));
        QCOMPARE(r.entries[1].key, 0.08);
        QVERIFY(r.note().startsWith(QStringLiteral("2 of them have no test prediction in run 1")));

        order(core::QueueOrder::AttributionError, db::QueuePool::Unadjudicated, {}, 0, &r);
        QCOMPARE(r.set->id, 1);
        QCOMPARE(r.entries[0].key, 0.40); // b3: text .50, .40 past .10, no concept
        QCOMPARE(r.entries[1].key, 0.30); // b2: visual .40 past .10 (alice: Speech only)
        QCOMPARE(r.entries[2].key, 0.15); // a2: audio .25 on an EN clip
        QVERIFY(r.entries[0].reason.contains(
            QStringLiteral("textual attribution 0.50 without any annotated textual concept")));

        // a3 carries both kinds: visual .20 without concept, voice .01 < .02.
        order(core::QueueOrder::AttributionError, db::QueuePool::Unannotated, QStringLiteral("bob"),
              0, &r);
        QCOMPARE(r.entries[1].candidate.clip, QStringLiteral("a3"));
        QCOMPARE(r.entries[1].key, 0.11);

        order(core::QueueOrder::Disagreement, db::QueuePool::Unadjudicated, {}, 0, &r);
        QCOMPARE(r.entries[0].key, 1.0);  // a2: EN against S
        QCOMPARE(r.entries[1].key, 0.9);  // b3: model .10 against carol's HN
        QCOMPARE(r.entries[2].key, 0.48); // b2: S/S, model .52
        QCOMPARE(r.entries[1].reason, QStringLiteral("annotators EN/EN/HN, model 0.10: gap 0.90"));
    }

    void limitKeepsTheHead()
    {
        db::QueueReport r;
        QCOMPARE(order(core::QueueOrder::Disagreement, db::QueuePool::Unannotated,
                       QStringLiteral("carol"), 2, &r),
                 (QStringList{"a2", "b1"}));
        QCOMPARE(r.poolSize, 6); // the pool before the limit
    }

    void jsonAndText()
    {
        db::QueueReport r;
        order(core::QueueOrder::Uncertainty, db::QueuePool::Unannotated, QStringLiteral("bob"), 0,
              &r);
        const QJsonObject o = r.toJson();
        QCOMPARE(o.value(QStringLiteral("order")).toString(), QStringLiteral("uncertainty"));
        QCOMPARE(o.value(QStringLiteral("waiting")).toInt(), 4);
        const QJsonArray clips = o.value(QStringLiteral("clips")).toArray();
        QCOMPARE(clips.size(), 4);
        QCOMPARE(clips[0].toObject().value(QStringLiteral("clip")).toString(),
                 QStringLiteral("b2"));
        QCOMPARE(clips[0].toObject().value(QStringLiteral("score")).toDouble(), 0.52);
        QVERIFY(clips[3].toObject().value(QStringLiteral("key")).isNull());
        const QString text = r.toText();
        QVERIFY(
            text.startsWith(QStringLiteral("Annotate next: 4 clips not annotated by bob, by "
                                           "uncertainty (run 1, AVT late on CMAD over 2 folds")));
        QVERIFY(text.contains(QStringLiteral("1\tb2\ttt0000002\t0.020\t")));
    }

    void runsWithoutWhatTheOrderNeedsSayWhy()
    {
        const QString before = test::dumpProject(m_project->sql());
        db::QueueRequest r;
        r.runId = 2;
        try {
            db::AnnotationQueueBuilder(m_project->sql()).build(r);
            QFAIL("a run without predictions was accepted");
        } catch (const core::UserError &e) {
            QVERIFY2(e.message().contains(QStringLiteral("run 2 has no test predictions")),
                     qPrintable(e.message()));
        }
        r.options.order = core::QueueOrder::AttributionError;
        try {
            db::AnnotationQueueBuilder(m_project->sql()).build(r);
            QFAIL("a run without explanations was accepted");
        } catch (const core::UserError &e) {
            QVERIFY2(e.message().contains(QStringLiteral("run 2 has no explanations")),
                     qPrintable(e.message()));
        }
        r.runId = 9;
        QVERIFY_THROWS_EXCEPTION(core::UserError,
                                 db::AnnotationQueueBuilder(m_project->sql()).build(r));
        QVERIFY_THROWS_EXCEPTION(core::UserError, db::RationaleReader(m_project->sql()).read(2));
        QCOMPARE(test::dumpProject(m_project->sql()), before);
    }

    void rationaleFigures()
    {
        const db::RationaleReport r = db::RationaleReader(m_project->sql()).read(1);
        const core::RationaleAgreement &a = r.agreement;
        QCOMPARE(r.labelRule.toString(), QStringLiteral("annotator:alice"));
        QCOMPARE(a.threshold, 0.10);
        // a1 (Body; top V) yes/yes, a3 (Voice; top V, A .01) no/no,
        // b1 (Body+Speech; top V, T .12) yes/yes, b2 (Speech; top V, T .12)
        // no/yes; a2 and b3 have no concept.
        QCOMPARE(a.corpus.clips, 4);
        QCOMPARE(a.corpus.top, 2);
        QCOMPARE(a.corpus.all, 3);
        QCOMPARE(*a.corpus.topShare(), 0.5);
        QCOMPARE(*a.corpus.allShare(), 0.75);
        QCOMPARE(a.uncounted, 2);
        QCOMPARE(a.films.size(), 2);
        QCOMPARE(a.films[0].first, QStringLiteral("tt0000001"));
        QCOMPARE(a.films[0].second.clips, 2);
        QCOMPARE(a.films[0].second.top, 1);
        QCOMPARE(a.films[0].second.all, 1);
        QCOMPARE(a.films[1].second.clips, 2);
        QCOMPARE(a.films[1].second.top, 1);
        QCOMPARE(a.films[1].second.all, 2);
        QCOMPARE(a.concepts.size(), 3);
        QCOMPARE(a.concepts[0].first, QStringLiteral("Body"));
        QCOMPARE(a.concepts[0].second.clips, 2);
        QCOMPARE(a.concepts[0].second.top, 2);
        QCOMPARE(a.concepts[0].second.all, 2);
        QCOMPARE(a.concepts[1].first, QStringLiteral("Speech"));
        QCOMPARE(a.concepts[1].second.clips, 2);
        QCOMPARE(a.concepts[1].second.top, 1);
        QCOMPARE(a.concepts[1].second.all, 2);
        QCOMPARE(a.concepts[2].first, QStringLiteral("Voice"));
        QCOMPARE(a.concepts[2].second.clips, 1);
        QCOMPARE(a.concepts[2].second.top, 0);
        QCOMPARE(a.concepts[2].second.all, 0);
        const core::RationaleClip *a3 = a.clip(QStringLiteral("a3"));
        QVERIFY(a3 && a3->counted);
        QCOMPARE(*a3->top, core::Modality::Visual);
        QVERIFY(!a3->topAgrees && !a3->allAbove);
        QCOMPARE(a3->below, core::ModalitySet{core::Modality::Audio});
        QCOMPARE(a3->describe(a.threshold),
                 QStringLiteral("largest attribution on visual, not a modality the experts gave; "
                                "audio below 0.10"));
        QVERIFY(!a.clip(QStringLiteral("a2"))->counted);

        // Another label rule, other experts: bob's a2 S [Body] now counts
        // (top audio: no; visual .05 below .10: no).
        const db::RationaleReport bob =
            db::RationaleReader(m_project->sql())
                .read(1, std::nullopt, core::LabelRule::annotator(QStringLiteral("bob")));
        QCOMPARE(bob.agreement.corpus.clips, 2); // a1, a2 (bob's b1 is EN)
        QCOMPARE(bob.agreement.corpus.top, 1);
        QCOMPARE(bob.agreement.corpus.all, 1);
    }
};

QTEST_GUILESS_MAIN(TestAnnotationQueueBuilder)
#include "tst_annotationqueuebuilder.moc"
