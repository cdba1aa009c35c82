#include <torch/torch.h>

#include "models/openmppolicy.h"
#include "models/perceivernet.h"

#include <QTest>

using namespace ms::models;

// The attention capture of PerceiverNet (for explanations) and its rows
// without any token.
class TestPerceiverNet : public QObject
{
    Q_OBJECT

    static PerceiverConfig config(int crossHeads)
    {
        PerceiverConfig c;
        c.depth = 2;
        c.latents = 6;
        c.latentDim = 16;
        c.inputDim = 16;
        c.crossHeads = crossHeads;
        c.crossHeadDim = 8;
        c.latentHeads = 2;
        c.latentHeadDim = 8;
        c.ffMult = 2;
        return c;
    }

    // Two inputs (dims 5 and 3) of 4 and 2 token slots; clip 1 has padding,
    // clip 2 has no token at all.
    static std::vector<TokenBatch> batch()
    {
        torch::manual_seed(4);
        auto mask0 = torch::tensor({1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0}, torch::kBool).view({3, 4});
        auto mask1 = torch::tensor({1, 1, 1, 0, 0, 0}, torch::kBool).view({3, 2});
        return {{torch::randn({3, 4, 5}), torch::randn({3, 4, 16}), mask0},
                {torch::randn({3, 2, 3}), torch::randn({3, 2, 16}), mask1}};
    }

private Q_SLOTS:
    void captureChangesNothingAndRowsAreDistributions_data()
    {
        QTest::addColumn<int>("heads");
        QTest::newRow("one cross head") << 1;
        QTest::newRow("two cross heads") << 2;
    }
    void captureChangesNothingAndRowsAreDistributions()
    {
        QFETCH(int, heads);
        torch::manual_seed(1);
        PerceiverNet net(config(heads), std::vector<int>{5, 3});
        net->eval();
        torch::NoGradGuard noGrad;
        const auto parts = batch();
        const auto plain = net->forward(parts);
        AttentionCapture cap;
        const auto captured = net->forward(parts, &cap);
        QVERIFY(torch::equal(plain, captured));
        QVERIFY(torch::isfinite(plain).all().item<bool>()); // clip 2 reads no token: no NaN
        QCOMPARE(cap.cross.sizes().vec(), (std::vector<int64_t>{3, heads, 6, 6}));
        QCOMPARE(int(cap.self.size()), 2);
        QCOMPARE(cap.self[0].sizes().vec(), (std::vector<int64_t>{3, 2, 6, 6}));
        const auto rowSums = cap.cross.sum(-1);
        // Clips 0 and 1: each latent's attention over its real tokens sums to 1.
        QVERIFY(torch::allclose(rowSums.narrow(0, 0, 2), torch::ones({2, heads, 6}), 1e-5, 1e-6));
        // Padding gets nothing; the empty clip attends to nothing.
        QCOMPARE(cap.cross[1].select(-1, 3).abs().sum().item<float>(),
                 0.f); // token slot 3 of input 0
        QCOMPARE(cap.cross[1].select(-1, 5).abs().sum().item<float>(),
                 0.f); // token slot 1 of input 1
        QCOMPARE(rowSums[2].abs().sum().item<float>(), 0.f);
        QVERIFY(torch::allclose(cap.self[1].sum(-1), torch::ones({3, 2, 6}), 1e-5, 1e-6));
    }

    void anEmptyClipGetsTheLatentsOnlyValue()
    {
        torch::manual_seed(2);
        PerceiverNet net(config(1), std::vector<int>{5, 3});
        net->eval();
        torch::NoGradGuard noGrad;
        auto parts = batch();
        const auto a = net->forward(parts);
        // Whatever the masked-out tokens hold, an empty clip's value is the same.
        for (auto &p : parts)
            p.tokens = p.tokens * 7 + 3;
        const auto b = net->forward(parts);
        QCOMPARE(a[2].item<float>(), b[2].item<float>());
        QVERIFY(a[0].item<float>() != b[0].item<float>());
    }
};

int main(int argc, char **argv)
{
    ms::models::ensurePassiveOpenMp(argv); // see models/openmppolicy.h
    QCoreApplication app(argc, argv);
    TestPerceiverNet t;
    return QTest::qExec(&t, argc, argv);
}
#include "tst_perceivernet.moc"
