// A taxonomy of concepts given as JSON (taxonomy --import).
#include "core/taxonomy.h"
#include "fuzz/fuzzsupport.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ms::fuzz::quiet();
    ms::fuzz::guarded([&] {
        (void)ms::core::Taxonomy::fromJson(ms::fuzz::bytes(data, size),
                                           QStringLiteral("fuzz.json"));
    });
    return 0;
}
