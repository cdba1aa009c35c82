// NumPy .npy arrays (import-features): magic, version, header dictionary,
// shape and dtype, then the data.
#include "core/npyreader.h"
#include "fuzz/fuzzsupport.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ms::fuzz::quiet();
    ms::fuzz::guarded([&] {
        (void)ms::core::NpyReader::parse(ms::fuzz::bytes(data, size), QStringLiteral("fuzz.npy"));
    });
    return 0;
}
