#include "models/explainer.h"

#include "core/attentionrollout.h"
#include "core/error.h"
#include "core/fnv1a.h"
#include "core/shapley.h"
#include "core/splitmix64.h"
#include "models/batchplanner.h"
#include "models/featureset.h"
#include "models/packedmodality.h"
#include "models/perceivernet.h"
#include "models/trainedmodel.h"

#include <QStringList>
#include <bit>
#include <cmath>
#include <map>

namespace ms::models {

QString baselineName(Baseline b)
{
    switch (b) {
    case Baseline::Mean:
        return QStringLiteral("mean");
    case Baseline::Zeros:
        return QStringLiteral("zeros");
    case Baseline::Noise:
        return QStringLiteral("noise");
    case Baseline::Drop:
        return QStringLiteral("drop");
    }
    return {};
}

std::optional<Baseline> parseBaseline(const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t == u"mean" || t == u"training-mean")
        return Baseline::Mean;
    if (t == u"zeros" || t == u"zero")
        return Baseline::Zeros;
    if (t == u"noise" || t == u"gaussian")
        return Baseline::Noise;
    if (t == u"drop" || t == u"remove")
        return Baseline::Drop;
    return std::nullopt;
}

core::TokenSpan filmSpan(const core::TokenSpan &span, std::optional<qint64> clipStartMs,
                         bool relativeSpans)
{
    if (relativeSpans && clipStartMs)
        return {*clipStartMs + span.startMs, *clipStartMs + span.endMs};
    return span;
}

namespace {

using core::Modality;

// ClipExplanation::pairInteraction's order: VA, VT, AT.
size_t pairIndex(Modality a, Modality b)
{
    const int bits = (1 << int(a)) | (1 << int(b));
    switch (bits) {
    case 0b011:
        return 0; // V, A
    case 0b101:
        return 1; // V, T
    default:
        return 2; // A, T
    }
}

} // namespace

struct Explainer::Private
{
    const FeatureSet &features;
    core::ModalitySet modalities;
    std::vector<Modality> players;
    std::vector<const TrainedModel *> components;
    std::vector<std::vector<Modality>> inputsOf; // per component, in the model's (V, A, T) order
    Options o;
    // Packed once per (modality, time-code width) and shared by components.
    mutable std::map<std::pair<int, int>, std::unique_ptr<PackedModality>> packed;
    std::array<torch::Tensor, 3> mean, stdev; // [dim] over the reference tokens (CPU)
    // Where the components run (they share one device): the packed inputs,
    // the baselines and the stacked passes live there; values come back.
    torch::Device device = torch::kCPU;
    std::array<torch::Tensor, 3> meanOnDevice;

    Private(const FeatureSet &f) : features(f) {}

    const PackedModality &pack(Modality m, int timeDim) const
    {
        auto &slot = packed[{int(m), timeDim}];
        if (!slot)
            slot = std::make_unique<PackedModality>(features, m, timeDim, device);
        return *slot;
    }

    int totalLength(int clip) const
    {
        int n = 0;
        for (Modality m : players)
            n += features.matrix(m, clip).tokens;
        return n;
    }

    // The clips' noise tokens for modality m, [clips, longest, dim]: drawn per
    // clip from its own seed, so a clip's value never depends on its batch.
    torch::Tensor noise(Modality m, const std::vector<int> &clips, int longest) const
    {
        const int dim = features.dim(m);
        auto t = torch::zeros({int64_t(clips.size()), longest, dim});
        float *out = t.data_ptr<float>();
        const float *mu = mean[size_t(m)].data_ptr<float>();
        const float *sd = stdev[size_t(m)].data_ptr<float>();
        for (size_t i = 0; i < clips.size(); ++i) {
            const QString &name = features.clips()[clips[i]];
            core::SplitMix64 rng(o.seed ^ core::fnv1a64(name + u'|' + core::modalityLetter(m)));
            const int len = features.matrix(m, clips[i]).tokens;
            float *row = out + qsizetype(i) * longest * dim;
            for (qsizetype k = 0; k < qsizetype(len) * dim; k += 2) {
                double u1 = rng.uniform();
                while (u1 <= 1e-300)
                    u1 = rng.uniform();
                const double r = std::sqrt(-2.0 * std::log(u1)), a = 2.0 * M_PI * rng.uniform();
                row[k] = mu[k % dim] + sd[k % dim] * float(r * std::cos(a));
                if (k + 1 < qsizetype(len) * dim)
                    row[k + 1] = mu[(k + 1) % dim] + sd[(k + 1) % dim] * float(r * std::sin(a));
            }
        }
        return t;
    }

    // One forward pass of component c over `clips` x `present` (coalitions of
    // the component's inputs), stacked coalition-major: row k * n + i is clip
    // i in coalition k. Returns probabilities [K, n]; `segments` gets the
    // padded token count of each input (to split the captured attention).
    torch::Tensor run(size_t c, const std::vector<int> &clips,
                      const std::vector<core::ModalitySet> &present, Baseline baseline,
                      AttentionCapture *capture, std::vector<int> *segments,
                      int64_t *fullBlock = nullptr) const
    {
        const int64_t K = int64_t(present.size()), n = int64_t(clips.size());
        auto isFull = [&](const core::ModalitySet &s) {
            for (Modality m : inputsOf[c])
                if (!s.contains(m))
                    return false;
            return true;
        };
        // Under Drop a coalition without any of the model's inputs has no
        // token at all, so every clip gets the same latents-only value:
        // computed once on one row instead of once per clip.
        std::vector<size_t> kept;
        for (size_t k = 0; k < present.size(); ++k)
            if (baseline != Baseline::Drop || present[k].intersects(inputSet(c)))
                kept.push_back(k);
        if (kept.size() == present.size() || kept.empty()) {
            for (size_t k = 0; k < present.size(); ++k)
                if (fullBlock && isFull(present[k]))
                    *fullBlock = int64_t(k);
            return runStacked(c, clips, present, baseline, capture, segments);
        }
        std::vector<core::ModalitySet> sub;
        for (size_t j = 0; j < kept.size(); ++j) {
            sub.push_back(present[kept[j]]);
            if (fullBlock && isFull(sub.back()))
                *fullBlock = int64_t(j);
        }
        const auto part = runStacked(c, clips, sub, baseline, capture, segments);
        const auto none =
            runStacked(c, {clips.front()}, {core::ModalitySet{}}, baseline, nullptr, nullptr);
        auto out = none.reshape({1, 1}).expand({K, n}).clone(); // CPU, as runStacked returns
        for (size_t j = 0; j < kept.size(); ++j)
            out[int64_t(kept[j])].copy_(part[int64_t(j)]);
        return out;
    }

    core::ModalitySet inputSet(size_t c) const
    {
        core::ModalitySet s;
        for (Modality m : inputsOf[c])
            s.insert(m);
        return s;
    }

    // One stacked forward pass (see run()).
    torch::Tensor runStacked(size_t c, const std::vector<int> &clips,
                             const std::vector<core::ModalitySet> &present, Baseline baseline,
                             AttentionCapture *capture, std::vector<int> *segments) const
    {
        PerceiverNetImpl &net = components[c]->network();
        const int64_t K = int64_t(present.size()), n = int64_t(clips.size());
        const auto index =
            torch::tensor(std::vector<int64_t>(clips.begin(), clips.end()), torch::kLong).to(device);
        std::vector<TokenBatch> parts;
        for (Modality m : inputsOf[c]) {
            const PackedModality &pm = pack(m, net.config().inputDim);
            int longest = 1;
            for (int clip : clips)
                longest = std::max(longest, pm.lengths()[size_t(clip)]);
            if (segments)
                segments->push_back(longest);
            TokenBatch tb = pm.gather(index, longest);
            bool anyAbsent = false;
            for (const auto &s : present)
                anyAbsent = anyAbsent || !s.contains(m);
            if (K == 1 && !anyAbsent) {
                parts.push_back(std::move(tb));
                continue;
            }
            TokenBatch rep{tb.tokens.repeat({K, 1, 1}), tb.timeCodes.repeat({K, 1, 1}),
                           tb.mask.repeat({K, 1})};
            torch::Tensor fill;
            if (baseline == Baseline::Noise && anyAbsent)
                fill = noise(m, clips, longest).to(device);
            for (int64_t k = 0; k < K; ++k) {
                if (present[size_t(k)].contains(m))
                    continue;
                auto rows = rep.tokens.narrow(0, k * n, n);
                switch (baseline) {
                case Baseline::Zeros:
                    rows.zero_();
                    break;
                case Baseline::Mean:
                    rows.copy_(meanOnDevice[size_t(m)].view({1, 1, -1}).expand_as(rows));
                    break;
                case Baseline::Noise:
                    rows.copy_(fill);
                    break;
                case Baseline::Drop:
                    rep.mask.narrow(0, k * n, n).fill_(false);
                    break;
                }
            }
            parts.push_back(std::move(rep));
        }
        torch::NoGradGuard noGrad;
        const auto p = torch::sigmoid(net.forward(parts, capture)).view({K, n});
        if (capture && device.is_cuda()) { // read on the CPU (explain() walks raw rows)
            capture->cross = capture->cross.to(torch::kCPU);
            for (auto &s : capture->self)
                s = s.to(torch::kCPU);
        }
        return p.to(torch::kCPU).contiguous();
    }

    // The component's coalitions: mask q over its own inputs (bit j: input j).
    std::vector<core::ModalitySet> coalitionsOf(size_t c) const
    {
        const auto &ins = inputsOf[c];
        std::vector<core::ModalitySet> out;
        for (int q = 0; q < (1 << ins.size()); ++q) {
            core::ModalitySet s;
            for (size_t j = 0; j < ins.size(); ++j)
                if (q & (1 << j))
                    s.insert(ins[j]);
            out.push_back(s);
        }
        return out;
    }

    // Local mask of component c for a mask over the players.
    int localMask(size_t c, int playerMask) const
    {
        int q = 0;
        const auto &ins = inputsOf[c];
        for (size_t j = 0; j < ins.size(); ++j)
            for (size_t p = 0; p < players.size(); ++p)
                if (players[p] == ins[j] && (playerMask & (1 << p)))
                    q |= 1 << j;
        return q;
    }

    std::vector<std::vector<int>> batches(const std::vector<int> &clips) const
    {
        std::vector<int> positions(clips.size()), lengths(clips.size());
        for (size_t i = 0; i < clips.size(); ++i) {
            positions[i] = int(i);
            lengths[i] = totalLength(clips[i]);
        }
        return batchplanner::inferenceBatches(positions, lengths, std::max(1, o.batchClips));
    }

    std::vector<float> fused(const std::vector<int> &clips, core::ModalitySet absent,
                             Baseline b) const
    {
        std::vector<float> out(clips.size(), 0.f);
        for (const auto &batch : batches(clips)) {
            std::vector<int> bc;
            for (int pos : batch)
                bc.push_back(clips[size_t(pos)]);
            for (size_t c = 0; c < components.size(); ++c) {
                core::ModalitySet present;
                for (Modality m : inputsOf[c])
                    if (!absent.contains(m))
                        present.insert(m);
                const auto p = run(c, bc, {present}, b, nullptr, nullptr);
                const float *v = p.data_ptr<float>();
                for (size_t j = 0; j < batch.size(); ++j) {
                    float &o = out[size_t(batch[j])];
                    o = c == 0 ? v[j] : std::max(o, v[j]);
                }
            }
        }
        return out;
    }
};

Explainer::Explainer(const FeatureSet &features, core::ModalitySet modalities,
                     std::vector<const TrainedModel *> components,
                     const std::vector<int> &referenceClips, Options options)
    : d(new Private(features))
{
    d->modalities = modalities;
    d->components = std::move(components);
    d->o = options;
    if (d->components.empty())
        throw core::UserError(QStringLiteral("nothing to explain: no model was given"));
    d->device = torch::Device(d->components.front()->device().toStdString());
    for (const TrainedModel *c : d->components)
        if (c->device() != d->components.front()->device())
            throw core::UserError(QStringLiteral("the component models are on different devices "
                                                 "(%1 and %2): open them on one")
                                      .arg(d->components.front()->device(), c->device()));
    for (Modality m : core::kAllModalities)
        if (modalities.contains(m)) {
            d->players.push_back(m);
            if (!features.modalities().contains(m))
                throw core::UserError(
                    QStringLiteral("the features have no %1 modality").arg(core::modalityName(m)));
        }
    for (const TrainedModel *c : d->components) {
        std::vector<Modality> ins;
        for (Modality m : core::kAllModalities) {
            if (!c->inputs().contains(m))
                continue;
            if (!modalities.contains(m))
                throw core::UserError(
                    QStringLiteral("a component model reads %1, which the explained "
                                   "entry (%2) does not use")
                        .arg(core::modalityName(m), modalities.letters()));
            if (features.dim(m) != c->dims()[size_t(m)])
                throw core::UserError(QStringLiteral("the model was trained on %1 features of %2 "
                                                     "dimensions, the project has %3")
                                          .arg(core::modalityName(m))
                                          .arg(c->dims()[size_t(m)])
                                          .arg(features.dim(m)));
            ins.push_back(m);
        }
        d->inputsOf.push_back(std::move(ins));
    }
    // Reference statistics per modality, in double (many tokens).
    for (Modality m : d->players) {
        const int dim = features.dim(m);
        std::vector<double> sum(size_t(dim), 0.0), sq(size_t(dim), 0.0);
        qint64 count = 0;
        for (int clip : referenceClips) {
            const core::FeatureMatrix &f = features.matrix(m, clip);
            for (int t = 0; t < f.tokens; ++t) {
                const float *row = f.row(t);
                for (int k = 0; k < dim; ++k) {
                    sum[size_t(k)] += row[k];
                    sq[size_t(k)] += double(row[k]) * row[k];
                }
            }
            count += f.tokens;
        }
        auto mu = torch::zeros({dim}), sd = torch::ones({dim});
        if (count > 0)
            for (int k = 0; k < dim; ++k) {
                const double mk = sum[size_t(k)] / double(count);
                mu[k] = float(mk);
                sd[k] = float(std::sqrt(std::max(0.0, sq[size_t(k)] / double(count) - mk * mk)));
            }
        d->mean[size_t(m)] = mu.contiguous();
        d->stdev[size_t(m)] = sd.contiguous();
        d->meanOnDevice[size_t(m)] = d->mean[size_t(m)].to(d->device);
    }
}

Explainer::~Explainer() = default;

core::ModalitySet Explainer::modalities() const
{
    return d->modalities;
}

std::vector<core::Modality> Explainer::players() const
{
    return d->players;
}

std::vector<float> Explainer::predict(const std::vector<int> &clips) const
{
    return d->fused(clips, {}, d->o.baseline);
}

std::vector<float> Explainer::predictWithout(const std::vector<int> &clips,
                                             core::ModalitySet absent, Baseline baseline) const
{
    return d->fused(clips, absent, baseline);
}

std::vector<Explainer::Result> Explainer::explain(const std::vector<int> &clips,
                                                  const QHash<QString, ClipContext> &context,
                                                  const Progress &progress,
                                                  const std::atomic<bool> *cancel) const
{
    const int M = int(d->players.size());
    const int full = (1 << M) - 1;
    const size_t C = d->components.size();
    std::vector<Result> out(clips.size());
    int done = 0;
    for (const auto &batch : d->batches(clips)) {
        if (cancel && cancel->load())
            return {};
        std::vector<int> bc;
        for (int pos : batch)
            bc.push_back(clips[size_t(pos)]);
        const int64_t n = int64_t(bc.size());
        std::vector<torch::Tensor> probs(C);
        std::vector<AttentionCapture> caps(C);
        std::vector<std::vector<int>> segments(C);
        std::vector<int64_t> fullBlock(C, 0);
        for (size_t c = 0; c < C; ++c)
            probs[c] = d->run(c, bc, d->coalitionsOf(c), d->o.baseline,
                              d->o.attention ? &caps[c] : nullptr, &segments[c], &fullBlock[c]);
        // The full coalition's attention, as contiguous CPU blocks.
        std::vector<torch::Tensor> cross(C);
        std::vector<std::vector<torch::Tensor>> selfs(C);
        if (d->o.attention)
            for (size_t c = 0; c < C; ++c) {
                const int64_t at = fullBlock[c] * n;
                cross[c] = caps[c].cross.narrow(0, at, n).to(torch::kFloat).contiguous();
                for (const auto &s : caps[c].self)
                    selfs[c].push_back(s.narrow(0, at, n).to(torch::kFloat).contiguous());
            }
        // Row k * n + i of component c: clip i in its local coalition k.
        auto prob = [&](size_t c, int k, int64_t i) {
            return double(probs[c].data_ptr<float>()[int64_t(k) * n + i]);
        };
        for (int64_t i = 0; i < n; ++i) {
            const int clip = bc[size_t(i)];
            Result &r = out[size_t(batch[size_t(i)])];
            r.coalitions.assign(size_t(1) << M, 0.0);
            for (int S = 0; S <= full; ++S) {
                double best = -1;
                for (size_t c = 0; c < C; ++c)
                    best = std::max(best, prob(c, d->localMask(c, S), i));
                r.coalitions[size_t(S)] = best;
            }
            double bestFull = -1;
            for (size_t c = 0; c < C; ++c) {
                const double p = prob(c, int(probs[c].size(0)) - 1, i);
                if (p > bestFull) {
                    bestFull = p;
                    r.winner = int(c);
                }
            }
            db::ClipExplanation &e = r.stored;
            e.clip = d->features.clips()[clip];
            e.vFull = r.coalitions[size_t(full)];
            e.vEmpty = r.coalitions[0];
            const std::vector<double> phi = core::shapley::values(r.coalitions, M);
            for (int p = 0; p < M; ++p) {
                const Modality m = d->players[size_t(p)];
                e.phi[size_t(m)] = phi[size_t(p)];
                e.score[size_t(m)] = r.coalitions[size_t(1) << p];
            }
            if (d->o.lateFusion)
                for (size_t c = 0; c < C; ++c)
                    if (d->inputsOf[c].size() == 1)
                        e.score[size_t(d->inputsOf[c][0])] = prob(c, int(probs[c].size(0)) - 1, i);
            for (int p = 0; p < M; ++p)
                for (int q = p + 1; q < M; ++q)
                    e.pairInteraction[pairIndex(d->players[size_t(p)], d->players[size_t(q)])] =
                        core::shapley::interaction(r.coalitions, M, p, q);
            if (M == 3)
                e.threeWay = core::shapley::dividend(r.coalitions, full);
            if (M >= 2)
                e.interactionShare = core::shapley::interactionShare(r.coalitions, M);
            const auto ctx = context.constFind(e.clip);
            if (ctx != context.cend()) {
                const core::AttributionErrors errs =
                    core::attributionErrors(e.phi, ctx->annotated, ctx->level, d->o.thresholds);
                e.spurious = errs.spurious;
                e.missed = errs.missed;
                if (errs.any())
                    e.errorText = errs.describe(e.phi, ctx->annotated);
            }
            if (d->o.attention) {
                const size_t w = size_t(r.winner);
                const PerceiverNetImpl &net = d->components[w]->network();
                const int H = int(cross[w].size(1)), N = int(cross[w].size(2)),
                          T = int(cross[w].size(3));
                const float *cp = cross[w].data_ptr<float>() + i * H * N * T;
                std::vector<float> cv(cp, cp + qsizetype(H) * N * T);
                std::vector<std::vector<float>> sv;
                int SH = net.config().latentHeads;
                for (const auto &s : selfs[w]) {
                    SH = int(s.size(1));
                    const float *sp = s.data_ptr<float>() + i * SH * N * N;
                    sv.emplace_back(sp, sp + qsizetype(SH) * N * N);
                }
                const std::vector<float> rel = core::rollout::tokenRelevance(cv, H, N, T, sv, SH);
                int offset = 0;
                const std::optional<qint64> start =
                    ctx != context.cend() ? ctx->startMs : std::optional<qint64>();
                for (size_t j = 0; j < d->inputsOf[w].size(); ++j) {
                    const Modality m = d->inputsOf[w][j];
                    const core::FeatureMatrix &f = d->features.matrix(m, clip);
                    auto &lane = r.relevance[size_t(m)];
                    lane.assign(rel.begin() + offset, rel.begin() + offset + f.tokens);
                    for (int t = 0; t < f.tokens; ++t) {
                        const core::TokenSpan s =
                            filmSpan(f.spans[size_t(t)], start, d->o.relativeSpans[size_t(m)]);
                        e.tokens.push_back({int(m), s.startMs, s.endMs, lane[size_t(t)]});
                    }
                    offset += segments[w][j];
                }
            }
        }
        done += int(n);
        if (progress)
            progress(done, int(clips.size()));
    }
    return out;
}

} // namespace ms::models
