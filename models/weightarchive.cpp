#include "models/weightarchive.h"

#include "core/error.h"

#include <QStringList>
#include <cstring>
#include <map>

namespace ms::models {

// Layout, all integers little-endian:
//   "MSWEIGHT" (8 bytes), u32 version (1), u32 tensor count,
//   per tensor: u32 name length, name (UTF-8), u32 rank, i64 sizes[rank],
//               float32 values[numel] (row-major),
//   u64 FNV-1a of every byte before it.
namespace {

constexpr char kMagic[8] = {'M', 'S', 'W', 'E', 'I', 'G', 'H', 'T'};
constexpr quint32 kVersion = 1;

quint64 fnv1a(const char *data, qsizetype n)
{
    quint64 h = 14695981039346656037ull;
    for (qsizetype i = 0; i < n; ++i) {
        h ^= quint8(data[i]);
        h *= 1099511628211ull;
    }
    return h;
}

template <typename T> void put(QByteArray &out, T v)
{
    out.append(reinterpret_cast<const char *>(&v), sizeof v);
}

std::vector<std::pair<std::string, torch::Tensor>> tensorsOf(const torch::nn::Module &module)
{
    std::vector<std::pair<std::string, torch::Tensor>> all;
    for (const auto &p : module.named_parameters(/*recurse=*/true))
        all.emplace_back(p.key(), p.value());
    for (const auto &b : module.named_buffers(/*recurse=*/true))
        all.emplace_back(b.key(), b.value());
    return all;
}

QString shapeText(torch::IntArrayRef sizes)
{
    QStringList dims;
    for (int64_t s : sizes)
        dims.append(QString::number(s));
    return QLatin1Char('[') + dims.join(QStringLiteral(", ")) + QLatin1Char(']');
}

// A stored tensor: its shape and where its values start in the bytes.
struct Entry
{
    std::vector<int64_t> sizes;
    qsizetype offset = 0;
    int64_t numel = 0;
};

class Reader
{
public:
    explicit Reader(const QByteArray &b) : m_b(b) {}
    template <typename T> T take(const char *what)
    {
        need(qsizetype(sizeof(T)), what);
        T v;
        std::memcpy(&v, m_b.constData() + m_at, sizeof v);
        m_at += qsizetype(sizeof v);
        return v;
    }
    void need(qsizetype n, const char *what) const
    {
        if (n < 0 || m_b.size() - m_at < n)
            throw core::UserError(QStringLiteral("the stored weights are cut short (at byte %1, "
                                                 "reading %2)")
                                      .arg(m_at)
                                      .arg(QLatin1String(what)));
    }
    qsizetype at() const { return m_at; }
    void skip(qsizetype n, const char *what)
    {
        need(n, what);
        m_at += n;
    }

private:
    const QByteArray &m_b;
    qsizetype m_at = 0;
};

std::map<std::string, Entry> parse(const QByteArray &bytes)
{
    if (bytes.size() < qsizetype(sizeof kMagic + 16))
        throw core::UserError(
            QStringLiteral("the stored weights are cut short (%1 bytes)").arg(bytes.size()));
    const qsizetype body = bytes.size() - 8;
    quint64 stored;
    std::memcpy(&stored, bytes.constData() + body, sizeof stored);
    if (stored != fnv1a(bytes.constData(), body))
        throw core::UserError(QStringLiteral("the stored weights are damaged (their checksum "
                                             "does not match; %1 bytes)")
                                  .arg(bytes.size()));
    Reader r(bytes);
    r.skip(sizeof kMagic, "the magic");
    const quint32 version = r.take<quint32>("the version");
    if (version != kVersion)
        throw core::UserError(QStringLiteral("the stored weights are of format version %1; this "
                                             "Modalscope reads version %2")
                                  .arg(version)
                                  .arg(kVersion));
    const quint32 count = r.take<quint32>("the tensor count");
    std::map<std::string, Entry> out;
    for (quint32 i = 0; i < count; ++i) {
        const quint32 nameLength = r.take<quint32>("a name length");
        r.need(qsizetype(nameLength), "a name");
        std::string name(bytes.constData() + r.at(), nameLength);
        r.skip(qsizetype(nameLength), "a name");
        const quint32 rank = r.take<quint32>("a rank");
        if (rank > 8)
            throw core::UserError(
                QStringLiteral("the stored weights are damaged ('%1' has rank %2)")
                    .arg(QString::fromStdString(name))
                    .arg(rank));
        Entry e;
        e.numel = 1;
        for (quint32 k = 0; k < rank; ++k) {
            const qint64 s = r.take<qint64>("a size");
            if (s < 0 || s > (qint64(1) << 32))
                throw core::UserError(QStringLiteral("the stored weights are damaged ('%1' has "
                                                     "size %2)")
                                          .arg(QString::fromStdString(name))
                                          .arg(s));
            e.sizes.push_back(s);
            e.numel *= s;
        }
        e.offset = r.at();
        r.skip(qsizetype(e.numel) * qsizetype(sizeof(float)), "tensor values");
        out.emplace(std::move(name), std::move(e));
    }
    if (r.at() != body)
        throw core::UserError(
            QStringLiteral("the stored weights are damaged (%1 stray bytes)").arg(body - r.at()));
    return out;
}

void copyChecked(torch::Tensor &target, const torch::Tensor &source, const std::string &name)
{
    if (source.sizes() != target.sizes())
        throw core::UserError(QStringLiteral("the stored weights do not fit the model "
                                             "configuration: '%1' is %2 there, %3 here")
                                  .arg(QString::fromStdString(name), shapeText(source.sizes()),
                                       shapeText(target.sizes())));
    torch::NoGradGuard noGrad;
    target.copy_(source.to(target.device(), target.scalar_type()));
}

// Runs stored before this format: torch::serialize archives (a zip file).
void loadLegacy(torch::nn::Module &module, const QByteArray &bytes)
{
    torch::serialize::InputArchive root;
    try {
        // LibTorch copies each record out of [data, data + size) during this
        // call: nothing keeps a pointer into `bytes` afterwards.
        root.load_from(bytes.constData(), size_t(bytes.size()), torch::Device(torch::kCPU));
    } catch (const c10::Error &e) {
        throw core::UserError(QStringLiteral("the stored weights (%1 bytes, an archive of an "
                                             "earlier Modalscope) cannot be read by LibTorch %2: "
                                             "%3; train the run again")
                                  .arg(bytes.size())
                                  .arg(QStringLiteral(TORCH_VERSION))
                                  .arg(QString::fromUtf8(e.what_without_backtrace())));
    }
    for (auto &[name, target] : tensorsOf(module)) {
        // "a.b.weight": archive "a", its archive "b", its tensor "weight".
        torch::serialize::InputArchive nested[8];
        torch::serialize::InputArchive *at = &root;
        size_t begin = 0, depth = 0;
        bool found = true;
        for (size_t dot; (dot = name.find('.', begin)) != std::string::npos; begin = dot + 1) {
            if (depth == 8 || !at->try_read(name.substr(begin, dot - begin), nested[depth])) {
                found = false;
                break;
            }
            at = &nested[depth++];
        }
        torch::Tensor read; // undefined: the archive hands over its own tensor
        if (!found || !at->try_read(name.substr(begin), read) || !read.defined())
            throw core::UserError(QStringLiteral("the stored weights have no tensor '%1'")
                                      .arg(QString::fromStdString(name)));
        copyChecked(target, read, name);
    }
}

} // namespace

bool isOwnWeightFormat(const QByteArray &bytes)
{
    return bytes.size() >= qsizetype(sizeof kMagic) &&
           std::memcmp(bytes.constData(), kMagic, sizeof kMagic) == 0;
}

QByteArray saveWeights(const torch::nn::Module &module)
{
    const auto all = tensorsOf(module);
    QByteArray out;
    out.append(kMagic, sizeof kMagic);
    put<quint32>(out, kVersion);
    put<quint32>(out, quint32(all.size()));
    for (const auto &[name, tensor] : all) {
        put<quint32>(out, quint32(name.size()));
        out.append(name.data(), qsizetype(name.size()));
        put<quint32>(out, quint32(tensor.dim()));
        for (int64_t s : tensor.sizes())
            put<qint64>(out, s);
        const torch::Tensor cpu = tensor.detach().to(torch::kCPU, torch::kFloat32).contiguous();
        out.append(reinterpret_cast<const char *>(cpu.data_ptr<float>()),
                   qsizetype(cpu.numel()) * qsizetype(sizeof(float)));
    }
    put<quint64>(out, fnv1a(out.constData(), out.size()));
    return out;
}

void loadWeights(torch::nn::Module &module, const QByteArray &bytes)
{
    if (bytes.isEmpty())
        throw core::UserError(QStringLiteral("the stored weights are empty"));
    if (!isOwnWeightFormat(bytes)) {
        loadLegacy(module, bytes);
        return;
    }
    const std::map<std::string, Entry> stored = parse(bytes);
    for (auto &[name, target] : tensorsOf(module)) {
        const auto it = stored.find(name);
        if (it == stored.end())
            throw core::UserError(QStringLiteral("the stored weights have no tensor '%1'")
                                      .arg(QString::fromStdString(name)));
        const Entry &e = it->second;
        // A tensor of our own, filled with a copy of the values: nothing
        // points into `bytes` once this returns.
        torch::Tensor values = torch::empty(e.sizes, torch::kFloat32);
        std::memcpy(values.data_ptr<float>(), bytes.constData() + e.offset,
                    size_t(e.numel) * sizeof(float));
        copyChecked(target, values, name);
    }
}

} // namespace ms::models
