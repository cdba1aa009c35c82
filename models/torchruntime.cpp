#include "models/torchruntime.h"

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
        if (path.contains("libblas.so") || path.contains("libopenblas") || path.contains("libmkl") ||
            path.contains("libblis"))
            return QString::fromLocal8Bit(path);
    }
    return QStringLiteral("none loaded");
}

TorchRuntime TorchRuntime::initialise()
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
    if (torch::cuda::is_available())
        r.device = QStringLiteral("cuda:0");
    else
        r.device = QStringLiteral("cpu");
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
