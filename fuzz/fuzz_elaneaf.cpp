// ELAN .eaf files (import-annotations --format eaf): XML with tiers, time
// slots and annotation references (which may form chains or loops).
#include "core/formats/elaneafformat.h"
#include "fuzz/fuzzsupport.h"

using ms::core::ElanEafFormat;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ms::fuzz::quiet();
    ms::fuzz::guarded([&] {
        (void)ElanEafFormat::parse(ms::fuzz::bytes(data, size), QStringLiteral("fuzz.eaf"));
    });
    return 0;
}
