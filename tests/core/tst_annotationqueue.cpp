#include "core/annotationqueue.h"
#include "core/rationaleagreement.h"

#include <QTest>

using namespace ms::core;

// The pure ordering of "annotate next" and the rationale figures (issue 16);
// the database tests check them again on a stored project.
class TestAnnotationQueue : public QObject
{
    Q_OBJECT
private:
    static QueueCandidate candidate(const QString &name, std::optional<double> score)
    {
        QueueCandidate c;
        c.clip = name;
        c.movieId = QStringLiteral("tt1");
        c.score = score;
        return c;
    }
    static QStringList names(const std::vector<QueueEntry> &entries)
    {
        QStringList out;
        for (const QueueEntry &e : entries)
            out.append(e.candidate.clip + (e.ranked ? QString() : QStringLiteral("?")));
        return out;
    }

private Q_SLOTS:
    void parsesOrderNames()
    {
        QCOMPARE(parseQueueOrder(QStringLiteral("uncertainty")), QueueOrder::Uncertainty);
        QCOMPARE(parseQueueOrder(QStringLiteral("Attribution-Error")),
                 QueueOrder::AttributionError);
        QCOMPARE(parseQueueOrder(QStringLiteral("dis")), QueueOrder::Disagreement);
        QVERIFY(!parseQueueOrder(QStringLiteral("")));
        QVERIFY(!parseQueueOrder(QStringLiteral("loss")));
        for (QueueOrder o :
             {QueueOrder::Uncertainty, QueueOrder::AttributionError, QueueOrder::Disagreement})
            QCOMPARE(parseQueueOrder(queueOrderName(o)), o);
    }

    void uncertaintyClosestToTheThresholdFirst()
    {
        const std::vector<QueueCandidate> c = {candidate("c1", 0.9), candidate("c2", std::nullopt),
                                               candidate("c3", 0.35), candidate("c4", 0.65),
                                               candidate("c5", 0.49)};
        QueueOptions o;
        QCOMPARE(names(orderQueue(c, o)), (QStringList{"c5", "c3", "c4", "c1", "c2?"}));
        o.threshold = 0.8; // c1 .10, c4 .15, c5 .31, c3 .45
        QCOMPARE(names(orderQueue(c, o)), (QStringList{"c1", "c4", "c5", "c3", "c2?"}));
        o.limit = 2;
        QCOMPARE(names(orderQueue(c, o)), (QStringList{"c1", "c4"}));
        o.limit = 0;
        o.threshold = 0.5;
        // c3 and c4 tie at .15: they keep the order given.
        const auto e = orderQueue(c, o);
        QCOMPARE(e[1].key, 0.15);
        QCOMPARE(e[2].key, 0.15);
    }

    void attributionErrorSizes()
    {
        const AttributionThresholds t; // .10 spurious, .02 missed
        const std::array<std::optional<double>, 3> phi = {0.30, -0.10, std::nullopt};
        // Visual .30 without a visual concept: .20 past; audio named on a
        // Sure clip and -.10: .12 below the missed threshold.
        QCOMPARE(attributionErrorSize(phi, {Modality::Audio}, Level::Sure, t), 0.32);
        // On an Easy Negative nothing is missed.
        QCOMPARE(attributionErrorSize(phi, {Modality::Audio}, Level::EasyNegative, t), 0.20);
        QCOMPARE(attributionErrorSize(phi, {Modality::Visual}, Level::EasyNegative, t), 0.0);

        QueueCandidate none = candidate("none", 0.5);
        none.explained = true;
        none.phi = {0.05, 0.05, 0.05};
        QueueCandidate big = candidate("big", 0.5);
        big.explained = true;
        big.phi = phi;
        big.annotated = {Modality::Audio};
        big.level = Level::Sure;
        QueueCandidate small = candidate("small", 0.5);
        small.explained = true;
        small.phi = {0.15, 0.0, 0.0};
        QueueOptions o;
        o.order = QueueOrder::AttributionError;
        const auto e = orderQueue({none, candidate("unexplained", 0.5), small, big}, o);
        QCOMPARE(names(e), (QStringList{"big", "small", "none", "unexplained?"}));
        QCOMPARE(e[2].reason, QStringLiteral("no attribution error"));
        QCOMPARE(e[3].reason, QStringLiteral("not explained in this explanation set"));
    }

    void disagreementLargestGapFirst()
    {
        QueueCandidate split = candidate("split", std::nullopt); // EN vs HN: .5
        split.annotatorLevels = {Level::EasyNegative, Level::HardNegative};
        QueueCandidate model = candidate("model", 0.2); // S, model .2: .8
        model.annotatorLevels = {Level::Sure};
        QueueCandidate agree = candidate("agree", 0.95); // S/S, .95: .05
        agree.annotatorLevels = {Level::Sure, Level::Sure};
        QueueCandidate lone = candidate("lone", std::nullopt); // one label, no score
        lone.annotatorLevels = {Level::Sure};
        QueueOptions o;
        o.order = QueueOrder::Disagreement;
        const auto e = orderQueue({agree, lone, split, candidate("blank", 0.3), model}, o);
        QCOMPARE(names(e), (QStringList{"model", "split", "agree", "lone?", "blank?"}));
        QCOMPARE(e[0].key, 0.8);
        QCOMPARE(e[1].key, 0.5);
        QCOMPARE(e[2].key, 0.05);
    }

    void rationaleLeavesOutModalitiesTheModelDoesNotRead()
    {
        const ModalitySet vt{Modality::Visual, Modality::Text};
        std::vector<RationaleInput> in(3);
        const RationaleConcept voice{"Voice", Modality::Audio}, speech{"Speech", Modality::Text},
            body{"Body", Modality::Visual}, unknown{"Gaze", std::nullopt};
        in[0] = {"x1", "f1", {0.3, std::nullopt, 0.2}, {voice, unknown}};
        in[1] = {"x2", "f1", {0.1, std::nullopt, 0.3}, {voice, speech}};
        in[2] = {"x3", "f2", {0.05, std::nullopt, 0.02}, {body}};
        const RationaleAgreement a = RationaleAgreement::compute(in, vt, 0.1);
        QCOMPARE(a.uncounted, 1); // x1: audio only, which the VT model cannot read
        QCOMPARE(a.corpus.clips, 2);
        QCOMPARE(a.corpus.top, 2); // x2 text, x3 visual (.05 > .02)
        QCOMPARE(a.corpus.all, 1); // x3's visual .05 is under .10
        QCOMPARE(a.clip("x2")->experts, ModalitySet{Modality::Text});
        QCOMPARE(a.concepts.size(), 2); // Body, Speech: not Voice (audio) nor Gaze (none)
        QCOMPARE(a.concepts[0].first, QStringLiteral("Body"));
        QCOMPARE(a.concepts[1].first, QStringLiteral("Speech"));
        QCOMPARE(a.clip("x2")->concepts, (QStringList{"Voice", "Speech"}));
        QCOMPARE(a.films[0].second.clips, 1);
        QVERIFY(!RationaleTally{}.topShare());
        QCOMPARE(a.toJson()
                     .value(QStringLiteral("corpus"))
                     .toObject()
                     .value(QStringLiteral("all_share"))
                     .toDouble(),
                 0.5);
    }

    // A model that ignores every modality gives them all 0: a tie names no
    // top modality, whichever comes first, so it agrees with no expert.
    void rationaleTiesNameNoTopModality()
    {
        const ModalitySet avt{Modality::Visual, Modality::Audio, Modality::Text};
        const RationaleConcept body{"Body", Modality::Visual}, speech{"Speech", Modality::Text};
        std::vector<RationaleInput> in(3);
        in[0] = {"zero", "f", {0.0, 0.0, 0.0}, {body}};
        in[1] = {"tie", "f", {0.2, -0.1, 0.2}, {body, speech}};
        in[2] = {"clear", "f", {0.2, -0.1, 0.19}, {body}};
        const RationaleAgreement a = RationaleAgreement::compute(in, avt, 0.1);
        QCOMPARE(a.corpus.clips, 3);
        QCOMPARE(a.corpus.top, 1); // only "clear"
        QVERIFY(!a.clip("zero")->top && !a.clip("zero")->topAgrees);
        QVERIFY(!a.clip("tie")->top);
        QCOMPARE(a.clip("clear")->top, std::optional(Modality::Visual));
        QCOMPARE(a.corpus.all, 2); // "tie" and "clear": their experts' modalities are >= 0.10
        QVERIFY(a.clip("tie")->describe(0.1).contains(QStringLiteral("a tie")));
    }
};

QTEST_GUILESS_MAIN(TestAnnotationQueue)
#include "tst_annotationqueue.moc"
