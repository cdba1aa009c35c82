// ObyGaze's semicolon CSV (import-annotations --format obygaze): the bytes
// decoded as the reader decodes a file, then parsed under each "Not Sure" rule
// (the first byte picks it).
#include "core/csv.h"
#include "core/obygazereader.h"
#include "fuzz/fuzzsupport.h"

using namespace ms::core;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ms::fuzz::quiet();
    if (size < 1)
        return 0;
    const NotSureRule rules[] = {NotSureRule::HardNegative, NotSureRule::Sure,
                                 NotSureRule::Exclude};
    const NotSureRule rule = rules[data[0] % 3];
    ms::fuzz::guarded([&] {
        (void)ObyGazeReader::parse(csv::decodeText(ms::fuzz::bytes(data + 1, size - 1)),
                                   QStringLiteral("fuzz.csv"), rule);
    });
    return 0;
}
