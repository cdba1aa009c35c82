#pragma once

#include <QString>

namespace ms::models {

// Which device and how many threads LibTorch uses, and which BLAS backs it:
// said at start-up and recorded with every run (see PERFORMANCE.md: the BLAS
// changes training speed fivefold, and LibTorch starts with one thread).
struct TorchRuntime
{
    QString device;     // "cpu" or "cuda:0 (<name>)"
    int threads = 0;    // intra-op threads in use
    QString blas;       // the libblas.so.3 the process loaded
    QString torchVersion;

    // Sets the thread count to the hardware threads (once) and describes it.
    static TorchRuntime initialise();
    QString describe() const;
};

} // namespace ms::models
