#include "models/fusedattention.h"

#include <ATen/Parallel.h>
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <type_traits>
#include <vector>

// This file is compiled with -O3 (models/CMakeLists.txt): the loops below
// are written to be vectorised by the compiler, once for AVX2 + FMA and once
// for the baseline instruction set, chosen at run time.

namespace ms::models {
namespace {

#define MS_INLINE inline __attribute__((always_inline))

typedef float V8 __attribute__((vector_size(32)));   // 8 floats: one ymm under AVX2,
typedef int32_t I8 __attribute__((vector_size(32))); // two xmm on the baseline ISA

// exp(x) for the softmax's x <= 0 (scores minus their row maximum), in a
// form the compiler vectorises: Cody-Waite reduction to r in [-ln2/2, ln2/2],
// Cephes' degree-6 polynomial (about 1 ulp), the power of two built in the
// exponent bits. Below -87 the result is 2^-126 times a small factor, not 0:
// 1e-38 against the row maximum's weight of at least 1/N.
template<typename F, typename I>
MS_INLINE F expNonPositiveOf(F x, F lowest)
{
    const F v = x < lowest ? lowest : x;
    I e;
    F fe;
    if constexpr (std::is_same_v<F, float>) {
        e = -int32_t(0.5f - v * 1.44269504088896341f); // round(v / ln 2), v <= 0
        fe = float(e);
    } else {
        e = -__builtin_convertvector(0.5f - v * 1.44269504088896341f, I);
        fe = __builtin_convertvector(e, F);
    }
    const F r = (v - fe * 0.693359375f) - fe * -2.12194440e-4f;
    F p = 1.9875691500e-4f * r + 1.3981999507e-3f;
    p = p * r + 8.3334519073e-3f;
    p = p * r + 4.1665795894e-2f;
    p = p * r + 1.6666665459e-1f;
    p = p * r + 5.0000001201e-1f;
    const F y = p * r * r + r + 1.0f;
    const I bits = (e + 127) << 23;
    F scale;
    std::memcpy(&scale, &bits, sizeof scale);
    return y * scale;
}

MS_INLINE void expNonPositive(float *__restrict x, int64_t n)
{
    int64_t j = 0;
    for (; j + 8 <= n; j += 8) {
        V8 v;
        std::memcpy(&v, x + j, sizeof v);
        v = expNonPositiveOf<V8, I8>(v, V8{} - 87.0f);
        std::memcpy(x + j, &v, sizeof v);
    }
    for (; j < n; ++j)
        x[j] = expNonPositiveOf<float, int32_t>(x[j], -87.0f);
}

struct Shape
{
    int64_t B, N, H, dh;
    int64_t rowStride() const { return H * dh; }
};

// out[:n] = sum_r (a[r * aStride] * factor) * rows[r * rowStride + :n] over r < count,
// accumulated in a local array (registers, when n is a compile-time size).
template<int NC>
MS_INLINE void combineRows(float *__restrict out, const float *__restrict a, int64_t aStride,
                           const float *__restrict rows, int64_t rowStride, int64_t count, int64_t n,
                           float factor = 1.0f)
{
    if constexpr (NC > 0) {
        // NC / 8 vectors of 8 floats: ymm registers under AVX2, pairs of
        // xmm registers on the baseline instruction set.
        static_assert(NC % 8 == 0, "compile-time widths are multiples of 8");
        constexpr int kVectors = NC / 8;
        // Two sets of accumulators (even and odd r): twice the independent
        // multiply-add chains, so the adds' latency does not bound them.
        V8 acc[2][kVectors];
        for (int c = 0; c < kVectors; ++c)
            acc[0][c] = acc[1][c] = V8{};
        const auto step = [&](int set, int64_t r) {
            const float w = a[r * aStride] * factor;
            const float *__restrict row = rows + r * rowStride;
            for (int c = 0; c < kVectors; ++c) {
                V8 x;
                std::memcpy(&x, row + 8 * c, sizeof x);
                acc[set][c] += w * x;
            }
        };
        int64_t r = 0;
        for (; r + 2 <= count; r += 2) {
            step(0, r);
            step(1, r + 1);
        }
        if (r < count)
            step(0, r);
        for (int c = 0; c < kVectors; ++c) {
            const V8 sum = acc[0][c] + acc[1][c];
            std::memcpy(out + 8 * c, &sum, sizeof sum);
        }
    } else {
        for (int64_t c = 0; c < n; ++c)
            out[c] = 0.0f;
        for (int64_t r = 0; r < count; ++r) {
            const float w = a[r * aStride] * factor;
            const float *__restrict row = rows + r * rowStride;
            for (int64_t c = 0; c < n; ++c)
                out[c] += w * row[c];
        }
    }
}

// dst (cols x rows) = src (rows x cols at stride rs), transposed.
MS_INLINE void transpose(float *__restrict dst, const float *__restrict src, int64_t rows,
                         int64_t cols, int64_t rs)
{
    for (int64_t r = 0; r < rows; ++r)
        for (int64_t c = 0; c < cols; ++c)
            dst[c * rows + r] = src[r * rs + c];
}

// One (clip, head): rows of q, k, v, out at stride rs; p: the N x N softmax;
// kt: dh x N scratch. NC, DC: N and dh when known at compile time, else 0.
template<int NC, int DC>
MS_INLINE void forwardOne(const float *__restrict q, const float *__restrict k,
                          const float *__restrict v, float *__restrict out, float *__restrict p,
                          float *__restrict kt, int64_t n, int64_t headDim, int64_t rs, float scale)
{
    const int64_t N = NC > 0 ? NC : n, dh = DC > 0 ? DC : headDim;
    transpose(kt, k, N, dh, rs);
    for (int64_t i = 0; i < N; ++i) {
        float *__restrict s = p + i * N;
        // s = (q_i * scale) k^T: q_i's entries weigh the rows of k^T.
        combineRows<NC>(s, q + i * rs, 1, kt, N, dh, N, scale);
        float m = s[0];
        for (int64_t j = 1; j < N; ++j)
            m = s[j] > m ? s[j] : m;
        for (int64_t j = 0; j < N; ++j)
            s[j] -= m;
        expNonPositive(s, N);
        float sum = 0.0f;
        for (int64_t j = 0; j < N; ++j)
            sum += s[j];
        const float inv = 1.0f / sum;
        for (int64_t j = 0; j < N; ++j)
            s[j] *= inv;
        combineRows<DC>(out + i * rs, s, 1, v, rs, N, dh);
    }
}

// The gradients of one (clip, head) from the output's gradient `go`:
// dv = p^T go; dp = go v^T; ds = p * (dp - rowsum(p * dp)) * scale;
// dq = ds k; dk = ds^T q. ds: N x N scratch, vt: dh x N scratch.
template<int NC, int DC>
MS_INLINE void backwardOne(const float *__restrict q, const float *__restrict k,
                           const float *__restrict v, const float *__restrict p,
                           const float *__restrict go, float *__restrict gq, float *__restrict gk,
                           float *__restrict gv, float *__restrict ds, float *__restrict vt,
                           int64_t n, int64_t headDim, int64_t rs, float scale)
{
    const int64_t N = NC > 0 ? NC : n, dh = DC > 0 ? DC : headDim;
    for (int64_t j = 0; j < N; ++j) // dv_j = sum_i p_ij go_i
        combineRows<DC>(gv + j * rs, p + j, N, go, rs, N, dh);
    transpose(vt, v, N, dh, rs);
    for (int64_t i = 0; i < N; ++i) {
        float *__restrict dsi = ds + i * N;
        const float *__restrict pi = p + i * N;
        combineRows<NC>(dsi, go + i * rs, 1, vt, N, dh, N); // dp_i = go_i v^T
        float dot = 0.0f;
        for (int64_t j = 0; j < N; ++j)
            dot += pi[j] * dsi[j];
        for (int64_t j = 0; j < N; ++j)
            dsi[j] = pi[j] * (dsi[j] - dot) * scale;
    }
    for (int64_t i = 0; i < N; ++i) // dq_i = sum_j ds_ij k_j
        combineRows<DC>(gq + i * rs, ds + i * N, 1, k, rs, N, dh);
    for (int64_t j = 0; j < N; ++j) // dk_j = sum_i ds_ij q_i
        combineRows<DC>(gk + j * rs, ds + j, N, q, rs, N, dh);
}

// Per (clip, head) range [begin, end): pointers into [B, N, H * dh] rows
// and [B, H, N, N] softmaxes.
MS_INLINE void forwardRange(const float *q, const float *k, const float *v, float *out, float *p,
                            Shape s, float scale, int64_t begin, int64_t end)
{
    std::vector<float> kt(size_t(s.dh * s.N));
    for (int64_t bh = begin; bh < end; ++bh) {
        const int64_t b = bh / s.H, h = bh % s.H;
        const int64_t at = b * s.N * s.rowStride() + h * s.dh;
        if (s.N == 32 && s.dh == 32) // the paper's latents and head size
            forwardOne<32, 32>(q + at, k + at, v + at, out + at, p + bh * s.N * s.N, kt.data(), s.N,
                               s.dh, s.rowStride(), scale);
        else
            forwardOne<0, 0>(q + at, k + at, v + at, out + at, p + bh * s.N * s.N, kt.data(), s.N,
                             s.dh, s.rowStride(), scale);
    }
}

MS_INLINE void backwardRange(const float *q, const float *k, const float *v, const float *p,
                             const float *go, float *gq, float *gk, float *gv, Shape s, float scale,
                             int64_t begin, int64_t end)
{
    std::vector<float> ds(size_t(s.N * s.N)), vt(size_t(s.dh * s.N));
    for (int64_t bh = begin; bh < end; ++bh) {
        const int64_t b = bh / s.H, h = bh % s.H;
        const int64_t at = b * s.N * s.rowStride() + h * s.dh;
        if (s.N == 32 && s.dh == 32)
            backwardOne<32, 32>(q + at, k + at, v + at, p + bh * s.N * s.N, go + at, gq + at, gk + at,
                                gv + at, ds.data(), vt.data(), s.N, s.dh, s.rowStride(), scale);
        else
            backwardOne<0, 0>(q + at, k + at, v + at, p + bh * s.N * s.N, go + at, gq + at, gk + at,
                              gv + at, ds.data(), vt.data(), s.N, s.dh, s.rowStride(), scale);
    }
}

#if defined(__x86_64__)
#define MS_HAVE_AVX2_PATH 1
__attribute__((target("avx2,fma"))) void forwardRangeAvx2(const float *q, const float *k,
                                                          const float *v, float *out, float *p,
                                                          Shape s, float scale, int64_t begin,
                                                          int64_t end)
{
    forwardRange(q, k, v, out, p, s, scale, begin, end);
}
__attribute__((target("avx2,fma"))) void backwardRangeAvx2(const float *q, const float *k,
                                                           const float *v, const float *p,
                                                           const float *go, float *gq, float *gk,
                                                           float *gv, Shape s, float scale,
                                                           int64_t begin, int64_t end)
{
    backwardRange(q, k, v, p, go, gq, gk, gv, s, scale, begin, end);
}
bool haveAvx2()
{
    static const bool yes = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    return yes;
}
#endif

void forwardBaseline(const float *q, const float *k, const float *v, float *out, float *p, Shape s,
                     float scale, int64_t begin, int64_t end)
{
    forwardRange(q, k, v, out, p, s, scale, begin, end);
}
void backwardBaseline(const float *q, const float *k, const float *v, const float *p,
                      const float *go, float *gq, float *gk, float *gv, Shape s, float scale,
                      int64_t begin, int64_t end)
{
    backwardRange(q, k, v, p, go, gq, gk, gv, s, scale, begin, end);
}

// (clip, head) pairs per parallel task: enough work to pay for a thread.
int64_t grain(const Shape &s)
{
    return std::max<int64_t>(1, 65536 / std::max<int64_t>(1, s.N * s.N * s.dh));
}

Shape shapeOf(const torch::Tensor &q, int64_t heads)
{
    TORCH_CHECK(q.dim() == 3, "fusedSelfAttention: expected [B, N, heads * dh], got ", q.sizes());
    TORCH_CHECK(heads > 0 && q.size(2) % heads == 0, "fusedSelfAttention: ", q.size(2),
                " columns do not split into ", heads, " heads");
    return {q.size(0), q.size(1), heads, q.size(2) / heads};
}

class FusedSelfAttentionFunction : public torch::autograd::Function<FusedSelfAttentionFunction>
{
public:
    static torch::autograd::variable_list forward(torch::autograd::AutogradContext *ctx,
                                                  const torch::Tensor &q, const torch::Tensor &k,
                                                  const torch::Tensor &v, int64_t heads, double scale,
                                                  bool baselineIsa)
    {
        const Shape s = shapeOf(q, heads);
        TORCH_CHECK(k.sizes() == q.sizes() && v.sizes() == q.sizes(),
                    "fusedSelfAttention: q, k and v differ in shape");
        const auto qc = q.contiguous(), kc = k.contiguous(), vc = v.contiguous();
        auto out = torch::empty_like(qc);
        auto p = torch::empty({s.B, s.H, s.N, s.N}, qc.options());
        const float *qp = qc.data_ptr<float>(), *kp = kc.data_ptr<float>(), *vp = vc.data_ptr<float>();
        float *op = out.data_ptr<float>(), *pp = p.data_ptr<float>();
        const float sc = float(scale);
        at::parallel_for(0, s.B * s.H, grain(s), [&](int64_t begin, int64_t end) {
#ifdef MS_HAVE_AVX2_PATH
            if (!baselineIsa && haveAvx2())
                return forwardRangeAvx2(qp, kp, vp, op, pp, s, sc, begin, end);
#endif
            forwardBaseline(qp, kp, vp, op, pp, s, sc, begin, end);
        });
        ctx->save_for_backward({qc, kc, vc, p});
        ctx->saved_data["heads"] = heads;
        ctx->saved_data["scale"] = scale;
        ctx->saved_data["baselineIsa"] = baselineIsa;
        ctx->mark_non_differentiable({p});
        return {out, p};
    }

    static torch::autograd::variable_list backward(torch::autograd::AutogradContext *ctx,
                                                   torch::autograd::variable_list grads)
    {
        const auto saved = ctx->get_saved_variables();
        const auto &q = saved[0], &k = saved[1], &v = saved[2], &p = saved[3];
        const Shape s = shapeOf(q, ctx->saved_data["heads"].toInt());
        const float sc = float(ctx->saved_data["scale"].toDouble());
        const bool baselineIsa = ctx->saved_data["baselineIsa"].toBool();
        auto gq = torch::empty_like(q), gk = torch::empty_like(k), gv = torch::empty_like(v);
        if (!grads[0].defined()) {
            gq.zero_(), gk.zero_(), gv.zero_();
            return {gq, gk, gv, torch::Tensor(), torch::Tensor(), torch::Tensor()};
        }
        const auto go = grads[0].contiguous();
        const float *qp = q.data_ptr<float>(), *kp = k.data_ptr<float>(), *vp = v.data_ptr<float>();
        const float *pp = p.data_ptr<float>(), *gop = go.data_ptr<float>();
        float *gqp = gq.data_ptr<float>(), *gkp = gk.data_ptr<float>(), *gvp = gv.data_ptr<float>();
        at::parallel_for(0, s.B * s.H, grain(s), [&](int64_t begin, int64_t end) {
#ifdef MS_HAVE_AVX2_PATH
            if (!baselineIsa && haveAvx2())
                return backwardRangeAvx2(qp, kp, vp, pp, gop, gqp, gkp, gvp, s, sc, begin, end);
#endif
            backwardBaseline(qp, kp, vp, pp, gop, gqp, gkp, gvp, s, sc, begin, end);
        });
        return {gq, gk, gv, torch::Tensor(), torch::Tensor(), torch::Tensor()};
    }
};

} // namespace

bool fusedSelfAttentionApplies(const torch::Tensor &x)
{
    return x.device().is_cpu() && x.scalar_type() == torch::kFloat;
}

std::pair<torch::Tensor, torch::Tensor> fusedSelfAttention(const torch::Tensor &q,
                                                           const torch::Tensor &k,
                                                           const torch::Tensor &v, int64_t heads,
                                                           double scale, bool baselineIsa)
{
    auto r = FusedSelfAttentionFunction::apply(q, k, v, heads, scale, baselineIsa);
    return {r[0], r[1]};
}

} // namespace ms::models
