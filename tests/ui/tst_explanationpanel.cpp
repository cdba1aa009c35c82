#include "ui/barrowswidget.h"
#include "ui/explanationpanel.h"
#include "ui/modalitypalette.h"
#include "ui/tokenheatmapwidget.h"

#include <QLabel>
#include <QTest>

using namespace ms;
using core::Modality;

class TestExplanationPanel : public QObject
{
    Q_OBJECT

    static db::ExplanationSet set()
    {
        db::ExplanationSet s;
        s.runId = 1;
        s.modalities = {core::Modality::Visual, core::Modality::Text};
        s.fusion = QStringLiteral("early");
        s.trainSet = QStringLiteral("CMSD");
        s.baseline = QStringLiteral("mean");
        s.threshold = 0.1;
        return s;
    }

    static db::ClipExplanation explanation()
    {
        db::ClipExplanation e;
        e.clip = QStringLiteral("clip-7");
        e.vFull = 0.7;
        e.vEmpty = 0.1;
        e.score = {0.8, 0.4, 0.3}; // audio is stored but the model does not use it
        e.phi = {0.45, std::nullopt, -0.15};
        e.pairInteraction = {std::nullopt, 0.05, std::nullopt};
        e.interactionShare = 0.083;
        e.tokens = {{0, 10'000, 12'000, 0.2f}, {0, 12'000, 14'000, 0.8f}, {2, 10'000, 14'000, 0.4f}};
        return e;
    }

private slots:
    void barsAreDrawnWhereTheValuesSay()
    {
        ui::ExplanationPanel panel;
        panel.resize(420, 700);
        panel.setExplanation(set(), explanation(), 10'000, 14'000);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QVERIFY(panel.hasExplanation());
        QVERIFY(panel.titleLabel()->text().contains(QStringLiteral("clip-7")));

        ui::BarRowsWidget *phi = panel.shapleyBars();
        const QImage img = phi->grab().toImage();
        const QRect v = phi->barRect(0), t = phi->barRect(2);
        QVERIFY(!v.isEmpty());
        QVERIFY(phi->barRect(1).isEmpty()); // audio: not used
        // Positive to the right of zero, negative to the left, in proportion.
        QVERIFY(t.right() < v.left());
        QVERIFY(std::abs(v.width() - 3 * t.width()) <= 3);
        QCOMPARE(img.pixelColor(v.center()).rgb(), ui::ModalityPalette::color(Modality::Visual).rgb());
        QCOMPARE(img.pixelColor(t.center()).rgb(), ui::ModalityPalette::color(Modality::Text).rgb());
        QCOMPARE(phi->marker(), std::optional(0.1));

        // Scores: 0..1 with the decision threshold; audio unused here.
        ui::BarRowsWidget *scores = panel.scoreBars();
        QCOMPARE(scores->minimum(), 0.0);
        QVERIFY(!scores->rows()[1].value);
        QVERIFY(scores->barRect(0).width() > 2 * scores->barRect(2).width());

        // Interactions: only V x T exists for a VT model.
        const auto inter = panel.interactionBars()->rows();
        QCOMPARE(inter.size(), 4);
        QVERIFY(!inter[0].value && inter[1].value && !inter[2].value && !inter[3].value);

        QVERIFY(panel.errorLabel()->text().startsWith(QStringLiteral("None")));
    }

    void heatmapDarkestAtTheMostRelevantToken()
    {
        ui::ExplanationPanel panel;
        panel.resize(420, 700);
        panel.setExplanation(set(), explanation(), 10'000, 14'000);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        ui::TokenHeatmapWidget *heat = panel.heatmap();
        QCOMPARE(heat->tokenCount(), 3);
        const QImage img = heat->grab().toImage();
        const QRect row = heat->rowRect(Modality::Visual);
        const QColor first = img.pixelColor(row.left() + row.width() / 4, row.center().y());
        const QColor second = img.pixelColor(row.left() + 3 * row.width() / 4, row.center().y());
        // 0.8 is the clip's highest relevance: full colour; 0.2 is a quarter.
        QCOMPARE(second.rgb(), ui::ModalityPalette::color(Modality::Visual).rgb());
        QVERIFY(first.lightness() > second.lightness() + 40);
    }

    void errorsInWordsAndMessages()
    {
        ui::ExplanationPanel panel;
        db::ClipExplanation e = explanation();
        e.spurious = {core::Modality::Text};
        e.errorText = QStringLiteral("text attribution 0.40 without any annotated text concept");
        panel.setExplanation(set(), e, 10'000, 14'000);
        QCOMPARE(panel.errorLabel()->text(), e.errorText);
        panel.showMessage(QStringLiteral("Select a clip"));
        QVERIFY(!panel.hasExplanation());
    }
};

QTEST_MAIN(TestExplanationPanel)
#include "tst_explanationpanel.moc"
