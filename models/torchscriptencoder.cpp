#include "models/torchscriptencoder.h"

#include "core/error.h"
#include "core/filefingerprint.h"

#include <QFileInfo>
#include <torch/script.h>

using ms::core::UserError;

namespace ms::models {

struct TorchScriptEncoder::Impl
{
    torch::jit::script::Module module;
};

TorchScriptEncoder::TorchScriptEncoder(const QString &path, core::Modality modality, int frameSize)
    : m_impl(std::make_unique<Impl>()), m_path(path), m_modality(modality), m_frameSize(frameSize)
{
    if (!QFileInfo::exists(path))
        throw UserError(QStringLiteral("%1: no such TorchScript file").arg(path));
    m_fingerprint = core::FileFingerprint::of(path);
    try {
        m_impl->module = torch::jit::load(path.toStdString(), torch::kCPU);
        m_impl->module.eval();
    } catch (const std::exception &e) {
        throw UserError(QStringLiteral("%1: not a TorchScript module LibTorch can load: %2")
                            .arg(path, QString::fromUtf8(e.what()).section(u'\n', 0, 0)));
    }
}

TorchScriptEncoder::~TorchScriptEncoder() = default;

QString TorchScriptEncoder::name() const
{
    return QStringLiteral("torchscript:") + QFileInfo(m_path).fileName();
}

QString TorchScriptEncoder::params() const
{
    return m_modality == core::Modality::Visual
               ? QStringLiteral("{\"input\":\"[1,16,3,%1,%1] rgb 0..1\"}").arg(m_frameSize)
               : QStringLiteral("{\"input\":\"[1,frames,128] kaldi log-mel\"}");
}

static std::vector<float> runModule(torch::jit::script::Module &m, const torch::Tensor &input,
                                    const QString &path, int &dim)
{
    torch::NoGradGuard noGrad;
    torch::Tensor out;
    try {
        const c10::IValue v = m.forward({input});
        if (!v.isTensor())
            throw UserError(QStringLiteral("%1: forward() must return a tensor").arg(path));
        out = v.toTensor().to(torch::kFloat32).contiguous();
    } catch (const UserError &) {
        throw;
    } catch (const std::exception &e) {
        throw UserError(QStringLiteral("%1: forward() failed on input %2: %3")
                            .arg(path, QString::fromStdString(c10::str(input.sizes())),
                                 QString::fromUtf8(e.what()).section(u'\n', 0, 0)));
    }
    if (out.dim() == 2 && out.size(0) == 1)
        out = out.squeeze(0);
    if (out.dim() != 1)
        throw UserError(QStringLiteral("%1: forward() returned shape %2; expected [D] or [1, D]")
                            .arg(path, QString::fromStdString(c10::str(out.sizes()))));
    if (dim >= 0 && out.size(0) != dim)
        throw UserError(QStringLiteral("%1: forward() returned %2 values after %3 before")
                            .arg(path)
                            .arg(out.size(0))
                            .arg(dim));
    dim = int(out.size(0));
    const float *p = out.data_ptr<float>();
    std::vector<float> v(p, p + out.size(0));
    for (float x : v)
        if (!std::isfinite(x))
            throw UserError(QStringLiteral("%1: forward() returned NaN or infinite values").arg(path));
    return v;
}

std::vector<float> TorchScriptEncoder::encodeFrames(const std::vector<const unsigned char *> &frames,
                                                    int width, int height)
{
    const int64_t t = int64_t(frames.size());
    torch::Tensor x = torch::empty({1, t, height, width, 3}, torch::kUInt8);
    auto *dst = x.data_ptr<uint8_t>();
    const size_t bytes = size_t(width) * height * 3;
    for (int64_t i = 0; i < t; ++i)
        std::memcpy(dst + i * int64_t(bytes), frames[size_t(i)], bytes);
    x = x.permute({0, 1, 4, 2, 3}).to(torch::kFloat32).div_(255.0f).contiguous();
    return runModule(m_impl->module, x, m_path, m_dim);
}

std::vector<float> TorchScriptEncoder::encodeLogMel(const float *frames, int count, int bins)
{
    const torch::Tensor x =
        torch::from_blob(const_cast<float *>(frames), {1, count, bins}, torch::kFloat32).clone();
    return runModule(m_impl->module, x, m_path, m_dim);
}

} // namespace ms::models
