#include <torch/torch.h>

#include "models/fusedattention.h"
#include "models/openmppolicy.h"
#include "models/perceivernet.h"

#include <QTest>

using namespace ms::models;

// The attention capture of PerceiverNet (for explanations), its rows
// without any token, and the fused latent self-attention against LibTorch's
// matmul/softmax formulation.
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

    void fusedSelfAttentionMatchesLibTorch_data()
    {
        QTest::addColumn<int>("clips");
        QTest::addColumn<int>("latents");
        QTest::addColumn<int>("heads");
        QTest::addColumn<int>("headDim");
        QTest::addColumn<double>("spread"); // scale of the inputs: 30 saturates the softmax
        QTest::addColumn<bool>("baselineIsa");
        for (bool baseline : {false, true}) {
            const char *isa = baseline ? ", baseline ISA" : "";
            QTest::addRow("paper's 8 heads of 32, 32 latents%s", isa) << 4 << 32 << 8 << 32 << 1.0 << baseline;
            QTest::addRow("odd sizes%s", isa) << 3 << 5 << 2 << 3 << 1.0 << baseline;
            QTest::addRow("one head, 7 latents of 9%s", isa) << 2 << 7 << 1 << 9 << 1.0 << baseline;
            QTest::addRow("saturated softmax%s", isa) << 2 << 12 << 4 << 8 << 30.0 << baseline;
        }
    }
    void fusedSelfAttentionMatchesLibTorch()
    {
        QFETCH(int, clips);
        QFETCH(int, latents);
        QFETCH(int, heads);
        QFETCH(int, headDim);
        QFETCH(double, spread);
        QFETCH(bool, baselineIsa);
        torch::manual_seed(7);
        const int64_t B = clips, N = latents, H = heads, dh = headDim;
        const double scale = 1.0 / std::sqrt(double(dh));
        const auto make = [&] { return (torch::randn({B, N, H * dh}) * spread).requires_grad_(true); };
        const auto q = make(), k = make(), v = make();
        const auto upstream = torch::randn({B, N, H * dh});

        // LibTorch's formulation, as PerceiverNet wrote it before the fused kernel.
        const auto head = [&](const torch::Tensor &t) { return t.view({B, N, H, dh}).transpose(1, 2); };
        const auto refW = torch::softmax(torch::matmul(head(q) * scale, head(k).transpose(-1, -2)), -1);
        const auto refOut = torch::matmul(refW, head(v)).transpose(1, 2).reshape({B, N, H * dh});
        const auto refGrads = torch::autograd::grad({(refOut * upstream).sum()}, {q, k, v});

        const auto [out, w] = fusedSelfAttention(q, k, v, H, scale, baselineIsa);
        QCOMPARE(out.sizes().vec(), refOut.sizes().vec());
        QCOMPARE(w.sizes().vec(), refW.sizes().vec());
        QVERIFY(!w.requires_grad());
        // Scores grow with spread^2, and so does their rounding (summation
        // order, fused multiply-adds): the tolerances follow.
        const double t = spread * spread;
        QVERIFY(torch::isfinite(w).all().item<bool>() && torch::isfinite(out).all().item<bool>());
        QVERIFY2(torch::allclose(w, refW, 1e-5 * t, 1e-6 * t), "softmax weights differ");
        QVERIFY2(torch::allclose(out, refOut, 1e-4 * t, 1e-5 * t * spread), "outputs differ");
        const auto grads = torch::autograd::grad({(out * upstream).sum()}, {q, k, v});
        const char *names[] = {"dq", "dk", "dv"};
        for (int i = 0; i < 3; ++i) {
            const double err = (grads[size_t(i)] - refGrads[size_t(i)]).abs().max().item<double>();
            const double size = refGrads[size_t(i)].abs().max().item<double>();
            QVERIFY2(err <= 1e-4 * t * std::max(1.0, size),
                     qPrintable(QStringLiteral("%1 differs by %2 (largest %3)").arg(names[i]).arg(err).arg(size)));
        }
        // The gradient is not a copy of the reference's: it changes with the upstream.
        const auto other = torch::autograd::grad({(fusedSelfAttention(q, k, v, H, scale, baselineIsa).first * 2 * upstream).sum()}, {q});
        QVERIFY(torch::allclose(other[0], grads[0] * 2, 1e-4, 1e-6));
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
