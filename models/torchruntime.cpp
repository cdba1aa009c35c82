#include "models/torchruntime.h"

#include "core/error.h"

#include <QFile>
#include <QThread>
#include <dlfcn.h>
#include <torch/torch.h>

namespace ms::models {

static QString loadedBlas()
{
    // /proc/self/maps names the shared objects this process mapped.
    QFile maps(QStringLiteral("/proc/self/maps"));
    if (!maps.open(QIODevice::ReadOnly))
        return QStringLiteral("unknown");
    const QList<QByteArray> lines = maps.readAll().split('\n');
    for (const QByteArray &l : lines) {
        const qsizetype slash = l.indexOf('/');
        if (slash < 0)
            continue;
        const QByteArray path = l.mid(slash);
        if (path.contains("libblas.so") || path.contains("libopenblas") ||
            path.contains("libmkl") || path.contains("libblis"))
            return QString::fromLocal8Bit(path);
    }
    return QStringLiteral("none loaded");
}

QString TorchRuntime::resolveDevice(const QString &choice)
{
    const QString c = choice.trimmed().toLower();
    if (c.isEmpty() || c == u"auto")
        return torch::cuda::is_available() ? QStringLiteral("cuda:0") : QStringLiteral("cpu");
    if (c == u"cpu")
        return c;
    if (c == u"cuda" || c.startsWith(u"cuda:")) {
        int index = 0;
        if (c != u"cuda") {
            bool ok = false;
            index = c.mid(5).toInt(&ok);
            if (!ok || index < 0)
                throw core::UserError(
                    QStringLiteral("unknown device '%1': write cuda:N with N a device number "
                                   "(cuda:0 is the first)")
                        .arg(choice));
        }
        if (!torch::cuda::is_available())
            throw core::UserError(
                QStringLiteral(
                    "device '%1' was asked for, but LibTorch sees no CUDA device on this machine "
                    "(no GPU, no driver, or a CPU-only LibTorch build); use --device cpu or auto")
                    .arg(choice));
        const int count = int(torch::cuda::device_count());
        if (index >= count)
            throw core::UserError(QStringLiteral("device '%1' was asked for, but this machine has "
                                                 "%2 CUDA device(s): cuda:0 to cuda:%3")
                                      .arg(choice)
                                      .arg(count)
                                      .arg(count - 1));
        return QStringLiteral("cuda:%1").arg(index);
    }
    throw core::UserError(
        QStringLiteral("unknown device '%1': use auto, cpu, cuda or cuda:N").arg(choice));
}

QString TorchRuntime::deviceLabel(const QString &resolvedDevice)
{
    if (!resolvedDevice.startsWith(u"cuda"))
        return resolvedDevice;
    // The name through the CUDA driver API, looked up at run time: a CPU-only
    // LibTorch has no CUDA headers, and the driver's entry points are the
    // same in every CUDA release. LibTorch has loaded and initialised the
    // driver by the time a CUDA device is resolved.
    using GetName = int (*)(char *, int, int);
    using GetDevice = int (*)(int *, int);
    void *driver = dlopen("libcuda.so.1", RTLD_LAZY | RTLD_NOLOAD);
    if (!driver)
        return resolvedDevice;
    auto getDevice = reinterpret_cast<GetDevice>(dlsym(driver, "cuDeviceGet"));
    auto getName = reinterpret_cast<GetName>(dlsym(driver, "cuDeviceGetName"));
    QString label = resolvedDevice;
    int handle = 0;
    char name[256] = {};
    const int ordinal = resolvedDevice.section(u':', 1).toInt();
    if (getDevice && getName && getDevice(&handle, ordinal) == 0 &&
        getName(name, int(sizeof name) - 1, handle) == 0 && name[0])
        label = QStringLiteral("%1 (%2)").arg(resolvedDevice, QString::fromLocal8Bit(name));
    dlclose(driver);
    return label;
}

QStringList TorchRuntime::deviceChoices()
{
    QStringList out{QStringLiteral("auto"), QStringLiteral("cpu")};
    if (torch::cuda::is_available())
        for (int i = 0, n = int(torch::cuda::device_count()); i < n; ++i)
            out.append(QStringLiteral("cuda:%1").arg(i));
    return out;
}

TorchRuntime TorchRuntime::initialise(const QString &deviceChoice)
{
    static const bool once = [] {
        torch::set_num_threads(std::max(1, QThread::idealThreadCount()));
        // OpenBLAS's own thread pool and LibTorch's OpenMP threads, which
        // spin after each parallel region, fight over the same cores: on two
        // cores a training epoch took 18 s instead of 5 s. LibTorch already
        // parallelises around its BLAS calls, so OpenBLAS runs in the caller's
        // thread. Looked up at run time: other BLAS libraries lack the call.
        using SetThreads = void (*)(int);
        if (auto f = reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads")))
            f(1);
        return true;
    }();
    Q_UNUSED(once);
    TorchRuntime r;
    r.threads = torch::get_num_threads();
    r.torchVersion = QStringLiteral(TORCH_VERSION);
    r.device = deviceLabel(resolveDevice(deviceChoice));
    // Touch BLAS so the library is mapped before we look for it.
    (void)torch::mm(torch::ones({2, 2}), torch::ones({2, 2}));
    r.blas = loadedBlas();
    return r;
}

QString TorchRuntime::describe() const
{
    return QStringLiteral("LibTorch %1 on %2, %3 threads, BLAS %4")
        .arg(torchVersion, device)
        .arg(threads)
        .arg(blas);
}

} // namespace ms::models
