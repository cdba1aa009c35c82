#pragma once

#include <QString>
#include <QStringList>

namespace ms::models {

// Which device and how many threads LibTorch uses, and which BLAS backs it:
// said at start-up and recorded with every run (see PERFORMANCE.md: the BLAS
// changes training speed fivefold, and LibTorch starts with one thread).
struct TorchRuntime
{
    QString device;  // the device in use: "cpu" or "cuda:1 (NVIDIA H200)"
    int threads = 0; // intra-op threads in use
    QString blas;    // the libblas.so.3 the process loaded
    QString torchVersion;

    // Sets the thread count to the hardware threads (once) and describes the
    // runtime for `deviceChoice` (see resolveDevice; a device that is not
    // there throws core::UserError).
    static TorchRuntime initialise(const QString &deviceChoice = QStringLiteral("auto"));
    QString describe() const;

    // "auto": the first CUDA device when LibTorch sees one, else the CPU;
    // "cpu"; "cuda" (= cuda:0) or "cuda:N". Returns "cpu" or "cuda:N".
    // Throws core::UserError for a CUDA device that is not there (no GPU, a
    // CPU-only LibTorch, or N past the last device) or an unknown name.
    static QString resolveDevice(const QString &choice);
    // The resolved device with its name: "cpu" or "cuda:0 (NVIDIA H200)"
    // (the name read from the CUDA driver; the bare device where it cannot).
    static QString deviceLabel(const QString &resolvedDevice);
    // What a user may choose among on this machine: "auto", "cpu", then
    // "cuda:0", "cuda:1", ... for each CUDA device LibTorch sees (none with
    // a CPU-only LibTorch or without a GPU).
    static QStringList deviceChoices();
};

} // namespace ms::models
