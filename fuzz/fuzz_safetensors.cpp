// .safetensors files (import-features): an 8-byte header length, a JSON
// header of tensors with dtype, shape and data offsets, then the data.
#include "core/safetensorsreader.h"
#include "fuzz/fuzzsupport.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ms::fuzz::quiet();
    ms::fuzz::guarded([&] {
        (void)ms::core::SafetensorsReader::parse(ms::fuzz::bytes(data, size),
                                                 QStringLiteral("fuzz.safetensors"));
    });
    return 0;
}
