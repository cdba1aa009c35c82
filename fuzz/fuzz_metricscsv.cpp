// The score,target CSV of `metrics --scores`, read and then measured, as the
// verb does: the metrics see whatever the reader lets through.
#include "core/metrics.h"
#include "core/scoretable.h"
#include "fuzz/fuzzsupport.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ms::fuzz::quiet();
    ms::fuzz::guarded([&] {
        const auto table =
            ms::core::ScoreTable::parse(ms::fuzz::bytes(data, size), QStringLiteral("fuzz.csv"));
        (void)ms::core::metrics::averagePrecision(table.scores, table.targets);
        (void)ms::core::metrics::rocAuc(table.scores, table.targets);
    });
    return 0;
}
