#include "ui/overlaybuilder.h"

#include <QTest>

using namespace ms;
using core::Modality;

class TestOverlayBuilder : public QObject
{
    Q_OBJECT

    // Letters the repository could not read become the empty set.
    static db::ExplanationSet set(const QString &modalities)
    {
        db::ExplanationSet s;
        s.id = 4;
        s.runId = 2;
        s.resultId = 9;
        s.baseline = QStringLiteral("mean");
        s.modalities = core::ModalitySet::parseLetters(modalities).value_or(core::ModalitySet());
        s.fusion = modalities.size() > 1 ? QStringLiteral("late") : QStringLiteral("none");
        s.trainSet = QStringLiteral("CMSD");
        s.fold = 1;
        s.threshold = 0.1;
        return s;
    }

    static db::ClipExplanation clip(const QString &name, double sv, double st)
    {
        db::ClipExplanation e;
        e.clip = name;
        e.vFull = 0.8;
        e.vEmpty = 0.1;
        e.score = {sv, std::nullopt, st};
        e.phi = {0.5, std::nullopt, 0.2};
        return e;
    }

private slots:
    void scoresPerModalityOnTheFilmsClips()
    {
        // c2 lies before c1 in the film; c3 belongs to another film.
        const std::vector<db::ClipExplanation> ex = {clip("c1", 0.9, 0.3), clip("c2", 0.2, 0.7),
                                                     clip("c3", 0.5, 0.5)};
        const QHash<QString, ui::OverlayBuilder::Span> film = {{"c1", {10'000, 14'000}},
                                                               {"c2", {2'000, 6'000}}};
        const ui::TimelineOverlay o = ui::OverlayBuilder::build(set("VT"), ex, film);
        QCOMPARE(o.scores.size(), 2);
        QCOMPARE(o.scores[0].startMs, 2'000); // sorted by start
        QCOMPARE(o.scores[0].endMs, 6'000);
        QCOMPARE(o.scores[0].value[0], 0.2f);
        QCOMPARE(o.scores[0].value[2], 0.7f);
        QCOMPARE(o.scores[1].value[0], 0.9f);
        QVERIFY(o.scores[1].value[1] < 0); // audio unused: no bar
        QVERIFY(o.modalities.contains(Modality::Visual));
        QVERIFY(!o.modalities.contains(Modality::Audio));
        QVERIFY(o.modalities.contains(Modality::Text));
        QVERIFY(o.runName.contains(QStringLiteral("Run 2")));
        QVERIFY(o.runName.contains(QStringLiteral("VT late on CMSD, fold 1")));
        QVERIFY(o.errors.isEmpty());
    }

    void tokensBecomeHeatNormalisedPerClip()
    {
        db::ClipExplanation e = clip("c1", 0.9, 0.3);
        e.tokens = {{int(Modality::Text), 12'000, 13'000, 0.05f},
                    {int(Modality::Visual), 11'000, 12'000, 0.20f},
                    {int(Modality::Visual), 10'000, 11'000, 0.10f},
                    {int(Modality::Audio), 10'000, 14'000, 0.90f}}; // audio unused: dropped
        const auto o = ui::OverlayBuilder::build(set("VT"), {e}, {{"c1", {10'000, 14'000}}});
        QCOMPARE(o.heat[0].size(), 2);
        QCOMPARE(o.heat[0][0].startMs, 10'000); // sorted
        QCOMPARE(o.heat[0][0].value, 0.5f);
        QCOMPARE(o.heat[0][1].value, 1.0f);     // the clip's most relevant token
        QVERIFY(o.heat[1].isEmpty());
        QCOMPARE(o.heat[2].size(), 1);
        QCOMPARE(o.heat[2][0].value, 0.25f);
    }

    void attributionErrorsAsMarksWithWords()
    {
        db::ClipExplanation e = clip("c1", 0.9, 0.3);
        e.spurious = {Modality::Text};
        e.missed = {Modality::Visual, Modality::Audio};
        e.errorText = QStringLiteral("text attribution 0.20 without any annotated text concept");
        db::ClipExplanation plain = clip("c2", 0.2, 0.9);
        plain.spurious = {Modality::Visual};
        const auto o = ui::OverlayBuilder::build(
            set("AVT"), {e, plain}, {{"c1", {10'000, 14'000}}, {"c2", {2'000, 6'000}}});
        QCOMPARE(o.errors.size(), 4);
        QCOMPARE(o.errors[0].startMs, 2'000);
        QCOMPARE(o.errors[0].modality, Modality::Visual);
        QVERIFY(!o.errors[0].missed);
        // Without stored words, the mark still says it in words.
        QCOMPARE(o.errors[0].text,
                 QStringLiteral("c2: visual attribution without any annotated visual concept"));
        int spurious = 0, missed = 0;
        for (const auto &m : o.errors.mid(1)) {
            QCOMPARE(m.startMs, 10'000);
            QVERIFY(m.text.endsWith(e.errorText));
            (m.missed ? missed : spurious) += 1;
            if (!m.missed)
                QCOMPARE(m.modality, Modality::Text);
        }
        QCOMPARE(spurious, 1);
        QCOMPARE(missed, 2);
    }

    void modalitiesOfASet()
    {
        QCOMPARE(ui::OverlayBuilder::modalities(set("A")).bits(), quint8(0b010));
        QCOMPARE(ui::OverlayBuilder::modalities(set("??")).bits(), quint8(0b111));
    }
};

QTEST_GUILESS_MAIN(TestOverlayBuilder)
#include "tst_overlaybuilder.moc"
