#include "core/attentionrollout.h"

#include <QTest>

using namespace ms::core;

class TestAttentionRollout : public QObject
{
    Q_OBJECT

private slots:
    void rolloutOnAHandBuiltStack()
    {
        // Two latents, three tokens, one head.
        const std::vector<float> cross = {1, 0, 0, /* latent 1: */ 0, 0.5f, 0.5f};
        auto rel = rollout::tokenRelevance(cross, 1, 2, 3, {}, 1);
        QCOMPARE(rel, (std::vector<float>{0.5f, 0.25f, 0.25f}));
        // Both latents attend to latent 0: A' = [[1,0],[.5,.5]].
        const std::vector<float> toFirst = {1, 0, 1, 0};
        rel = rollout::tokenRelevance(cross, 1, 2, 3, {toFirst}, 1);
        QCOMPARE(rel, (std::vector<float>{0.75f, 0.125f, 0.125f}));
        rel = rollout::tokenRelevance(cross, 1, 2, 3, {toFirst, toFirst}, 1);
        QCOMPARE(rel, (std::vector<float>{0.875f, 0.0625f, 0.0625f}));
        // Heads are averaged: two heads that disagree cancel to the mean.
        const std::vector<float> twoHeads = {1, 0, 0, 0, 0.5f, 0.5f, /* head 2: */ 0, 0, 1, 0, 0.5f, 0.5f};
        rel = rollout::tokenRelevance(twoHeads, 2, 2, 3, {}, 1);
        QCOMPARE(rel, (std::vector<float>{0.25f, 0.25f, 0.5f}));
    }
};

QTEST_GUILESS_MAIN(TestAttentionRollout)
#include "tst_attentionrollout.moc"
