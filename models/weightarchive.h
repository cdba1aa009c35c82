#pragma once

// Includes <torch/torch.h>: for models/*.cpp only, never for other layers.

#include <torch/torch.h>
// After LibTorch: Qt's keyword macros (`slots`) would clash with its names.
#include <QByteArray>

namespace ms::models {

// A module's weights as bytes (what a run stores) and back, with every byte
// owned by the side that holds it and no LibTorch serialiser in the way.
//
// The format is the project's own (see weightarchive.cpp): a magic, then per
// tensor its dotted name, its shape and its float32 values, then a checksum.
// Why not torch::serialize with a std::stringstream and Module::load (what
// runs were stored with until now):
//  - the archive format is not the same in every LibTorch generation (1.13
//    writes a TorchScript module, current releases a pickled dictionary), so
//    weights trained under one could not be read under the other;
//  - Module::load makes each parameter *share* the storage that LibTorch's
//    reader allocated (Tensor::set_), and the stream's buffer crosses into
//    a library that another compiler and C++ runtime may have built (a pip
//    LibTorch): the model's memory then belongs to whatever allocator and
//    lifetime LibTorch chose. Reopening a trained model aborted under
//    LibTorch 2.11 ("free(): invalid pointer") exactly on that path.
// Here the bytes are parsed by this file, each value is copied into the
// parameter the model allocated itself after a shape check (Module::load
// makes none), and the bytes can be freed or overwritten right after.
// Archives written by torch::serialize (runs stored before) still load,
// through LibTorch's reader over a pointer and size, copied the same way.

// The module's parameters and buffers (recursive, dotted names), read on
// whatever device they are on.
QByteArray saveWeights(const torch::nn::Module &module);

// Copies the stored values into `module`'s own parameters and buffers, on
// the module's device. Throws core::UserError naming the tensor when the
// bytes are damaged, a tensor is missing, or a shape differs.
void loadWeights(torch::nn::Module &module, const QByteArray &bytes);

// Whether `bytes` are in the project's own format (not a legacy archive).
bool isOwnWeightFormat(const QByteArray &bytes);

} // namespace ms::models
