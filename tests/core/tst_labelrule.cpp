#include "core/clipdisagreement.h"
#include "core/labelrule.h"

#include <QJsonObject>
#include <QTest>

using namespace ms::core;

Q_DECLARE_METATYPE(ms::core::LabelRule)

namespace {

const QDateTime kT0(QDate(2026, 1, 1), QTime(10, 0), Qt::UTC);

Annotation ann(const QString &clip, const QString &who, Level level,
               const QStringList &concepts = {}, int minute = 0, const QString &movie = "m1")
{
    Annotation a;
    a.clipName = clip;
    a.movieId = movie;
    a.annotator = who;
    a.level = level;
    a.concepts = concepts;
    a.changedAt = kT0.addSecs(60 * minute);
    return a;
}

constexpr Level EN = Level::EasyNegative;
constexpr Level HN = Level::HardNegative;
constexpr Level S = Level::Sure;

} // namespace

class TestLabelRule : public QObject
{
    Q_OBJECT
private slots:
    void parseAndPrint_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("printed");
        QTest::newRow("latest") << "latest" << true << "latest";
        QTest::newRow("majority upper") << " MAJORITY " << true << "majority";
        QTest::newRow("consensus") << "consensus" << true << "consensus";
        QTest::newRow("annotator") << "annotator:Anne Marie" << true << "annotator:Anne Marie";
        QTest::newRow("annotator spaces") << "Annotator: bob " << true << "annotator:bob";
        QTest::newRow("annotator empty") << "annotator:" << false << "";
        QTest::newRow("unknown") << "newest" << false << "";
        QTest::newRow("empty") << "" << false << "";
    }
    void parseAndPrint()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(QString, printed);
        const auto rule = LabelRule::parse(text);
        QCOMPARE(rule.has_value(), valid);
        if (valid) {
            QCOMPARE(rule->toString(), printed);
            QCOMPARE(LabelRule::parse(rule->toString()), rule);
            QVERIFY(!rule->description().isEmpty());
        }
    }

    void defaultIsLatest()
    {
        QVERIFY(LabelRule().isLatest());
        QCOMPARE(LabelRule(), LabelRule::latest());
        QVERIFY(LabelRule::annotator("a") != LabelRule::annotator("b"));
    }

    // One clip, three annotators: each rule picks a different label.
    void rulesPickDifferentLabels_data()
    {
        QTest::addColumn<LabelRule>("rule");
        QTest::addColumn<bool>("labelled");
        QTest::addColumn<int>("level");
        QTest::addColumn<QStringList>("concepts");
        QTest::addColumn<QString>("annotator");
        QTest::addColumn<bool>("tie");
        QTest::addColumn<bool>("unresolved");
        // alice S {Body, Voice} at 1, bob S {Body} at 2, carol EN at 3.
        QTest::newRow("latest") << LabelRule::latest() << true << int(EN) << QStringList{}
                                << "carol" << false << false;
        QTest::newRow("majority") << LabelRule::majority() << true << int(S) << QStringList{"Body"}
                                  << "majority" << false << false;
        QTest::newRow("consensus none")
            << LabelRule::consensus() << false << 0 << QStringList{} << "" << false << true;
        QTest::newRow("alice") << LabelRule::annotator("alice") << true << int(S)
                               << QStringList{"Body", "Voice"} << "alice" << false << false;
        QTest::newRow("bob") << LabelRule::annotator("bob") << true << int(S) << QStringList{"Body"}
                             << "bob" << false << false;
        QTest::newRow("missing annotator")
            << LabelRule::annotator("dave") << false << 0 << QStringList{} << "" << false << false;
    }
    void rulesPickDifferentLabels()
    {
        QFETCH(LabelRule, rule);
        QFETCH(bool, labelled);
        QFETCH(int, level);
        QFETCH(QStringList, concepts);
        QFETCH(QString, annotator);
        QFETCH(bool, tie);
        QFETCH(bool, unresolved);
        const QList<Annotation> clip = {ann("c1", "alice", S, {"Body", "Voice"}, 1),
                                        ann("c1", "bob", S, {"Body"}, 2),
                                        ann("c1", "carol", EN, {}, 3)};
        bool gotTie = true, gotUnresolved = true;
        const auto got = rule.label(clip, {}, &gotTie, &gotUnresolved);
        QCOMPARE(got.has_value(), labelled);
        QCOMPARE(gotTie, tie);
        QCOMPARE(gotUnresolved, unresolved);
        if (labelled) {
            QCOMPARE(int(got->level), level);
            QCOMPARE(got->concepts, concepts);
            QCOMPARE(got->annotator, annotator);
            QCOMPARE(got->clipName, QString("c1"));
            QCOMPARE(got->movieId, QString("m1"));
        }
    }

    void majorityTiesGoToHn_data()
    {
        QTest::addColumn<QList<int>>("levels");
        QTest::addColumn<int>("expected");
        QTest::addColumn<bool>("tie");
        QTest::newRow("EN vs S") << QList<int>{int(EN), int(S)} << int(HN) << true;
        QTest::newRow("EN vs HN") << QList<int>{int(EN), int(HN)} << int(HN) << true;
        QTest::newRow("HN vs S") << QList<int>{int(HN), int(S)} << int(HN) << true;
        QTest::newRow("one each") << QList<int>{int(EN), int(HN), int(S)} << int(HN) << true;
        QTest::newRow("2 EN 2 S") << QList<int>{int(EN), int(S), int(S), int(EN)} << int(HN)
                                  << true;
        QTest::newRow("2 S 1 EN") << QList<int>{int(S), int(EN), int(S)} << int(S) << false;
        QTest::newRow("2 EN 1 S") << QList<int>{int(EN), int(S), int(EN)} << int(EN) << false;
        QTest::newRow("alone") << QList<int>{int(EN)} << int(EN) << false;
        QTest::newRow("all S") << QList<int>{int(S), int(S)} << int(S) << false;
    }
    void majorityTiesGoToHn()
    {
        QFETCH(QList<int>, levels);
        QFETCH(int, expected);
        QFETCH(bool, tie);
        QList<Annotation> clip;
        for (int i = 0; i < levels.size(); ++i)
            clip.append(ann("c", QString("a%1").arg(i), Level(levels[i]), {}, i));
        bool gotTie = false;
        const auto got = LabelRule::majority().label(clip, {}, &gotTie);
        QVERIFY(got);
        QCOMPARE(int(got->level), expected);
        QCOMPARE(gotTie, tie);
    }

    void majorityConceptsNeedHalfAndFollowOrder()
    {
        // Four voters: Voice 2 of 4 (kept), Body 3 of 4, Gaze 1 of 4 (dropped).
        const QList<Annotation> clip = {ann("c", "a", S, {"Voice", "Body"}),
                                        ann("c", "b", S, {"Body", "Gaze"}),
                                        ann("c", "c", S, {"Body", "Voice"}), ann("c", "d", HN, {})};
        auto got = LabelRule::majority().label(clip);
        QCOMPARE(got->concepts, (QStringList{"Voice", "Body"}));
        got = LabelRule::majority().label(clip, {"Body", "Gaze", "Voice"});
        QCOMPARE(got->concepts, (QStringList{"Body", "Voice"}));
        QCOMPARE(got->level, S);
    }

    void consensusDoesNotVote()
    {
        // Two EN against one S, and a consensus S: majority stays EN.
        const QList<Annotation> clip = {ann("c", "a", EN), ann("c", "b", EN), ann("c", "c", S),
                                        ann("c", "consensus", S, {}, 9)};
        QCOMPARE(LabelRule::majority().label(clip)->level, EN);
        QCOMPARE(LabelRule::consensus().label(clip)->level, S);
        QCOMPARE(LabelRule::consensus().label(clip)->annotator, QString("consensus"));
        // latest keeps today's behaviour: the newest, consensus included.
        QCOMPARE(LabelRule::latest().label(clip)->annotator, QString("consensus"));
        // A clip only the coordinator annotated has no votes.
        QVERIFY(!LabelRule::majority().label({ann("c", "consensus", S)}));
    }

    void consensusFallsBackWhereAnnotatorsAgree()
    {
        // Same level and concepts (in another order, different notes): no
        // adjudication needed, the newest of them is the label.
        Annotation a = ann("c", "a", S, {"Body", "Voice"}, 1);
        Annotation b = ann("c", "b", S, {"Voice", "Body"}, 2);
        a.note = "one";
        b.note = "two";
        auto got = LabelRule::consensus().label({a, b});
        QVERIFY(got);
        QCOMPARE(got->annotator, QString("b"));
        // One annotator alone agrees with themself.
        QCOMPARE(LabelRule::consensus().label({a})->annotator, QString("a"));
        // A concept disagreement without adjudication: no label.
        b.concepts = {"Body"};
        bool unresolved = false;
        QVERIFY(!LabelRule::consensus().label({a, b}, {}, nullptr, &unresolved));
        QVERIFY(unresolved);
    }

    void latestTieGoesToLaterListed()
    {
        const QList<Annotation> clip = {ann("c", "a", EN, {}, 5), ann("c", "b", S, {}, 5),
                                        ann("c", "c", HN, {}, 4)};
        QCOMPARE(LabelRule::latest().label(clip)->annotator, QString("b"));
    }

    void applyGroupsClipsAndCounts()
    {
        // Clips with the same name in two films are different clips.
        const QList<Annotation> all = {
            ann("c1", "a", EN, {}, 0, "m1"), ann("c1", "b", S, {}, 1, "m1"),  // tie
            ann("c2", "a", S, {}, 0, "m1"),  ann("c1", "a", S, {}, 0, "m2"),  // one each
            ann("c3", "b", HN, {}, 0, "m2"), ann("c3", "a", HN, {}, 0, "m2"), // agree
        };
        const auto majority = LabelRule::majority().apply(all);
        QCOMPARE(majority.clips, 4);
        QCOMPARE(majority.labels.size(), 4);
        QCOMPARE(majority.levelTies, 1);
        QCOMPARE(majority.labels[0].clipName, QString("c1"));
        QCOMPARE(majority.labels[0].movieId, QString("m1"));
        QCOMPARE(majority.labels[0].level, HN);
        QCOMPARE(majority.labels[2].movieId, QString("m2"));
        QCOMPARE(majority.labels[2].level, S);

        const auto consensus = LabelRule::consensus().apply(all);
        QCOMPARE(consensus.labels.size(), 3);
        QCOMPARE(consensus.unresolved, 1);
        QCOMPARE(consensus.unlabelled(), 1);

        const auto onlyB = LabelRule::annotator("b").apply(all);
        QCOMPARE(onlyB.labels.size(), 2);
        QCOMPARE(onlyB.unlabelled(), 2);

        const QJsonObject j = LabelRule::majority().toJson(majority);
        QCOMPARE(j.value("rule").toString(), QString("majority"));
        QCOMPARE(j.value("level_ties_to_hn").toInt(), 1);
        QCOMPARE(j.value("labelled_clips").toInt(), 4);
        QVERIFY(j.value("description").toString().contains("tie goes to HN"));
        QVERIFY(LabelRule::majority().summary(majority).contains("1 level ties given HN"));
        QVERIFY(LabelRule::consensus().summary(consensus).contains("1 disagreements"));
    }

    void disagreementKinds()
    {
        auto d = ClipDisagreement::of(
            {ann("c", "a", S, {"Body"}), ann("c", "b", S, {"Body"}), ann("c", "consensus", EN)});
        QCOMPARE(d.annotators, 2);
        QVERIFY(!d.any());
        d = ClipDisagreement::of({ann("c", "a", S, {"Body"}), ann("c", "b", HN, {"Body"})});
        QVERIFY(d.level && !d.concepts);
        d = ClipDisagreement::of({ann("c", "a", S, {"Body"}), ann("c", "b", S, {})});
        QVERIFY(!d.level && d.concepts);
        d = ClipDisagreement::of({ann("c", "a", S)});
        QCOMPARE(d.annotators, 1);
        QVERIFY(!d.any());
    }
};

QTEST_GUILESS_MAIN(TestLabelRule)
#include "tst_labelrule.moc"
