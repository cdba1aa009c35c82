#pragma once

// The five clips of two films that both seed writers start from (the
// readers' tables and the damaged-project seed), built with the format
// tests' own record() helper.
#include "tests/core/formatfixtures.h"

#include <QList>

namespace ms::fuzz {

inline QList<core::ImportRecord> seedRecords()
{
    using core::Level;
    using test::record;
    return {record("tt0000001-001", "tt0000001", 0, 4000, Level::EasyNegative),
            record("tt0000001-002", "tt0000001", 4000, 9000, Level::HardNegative, {"Look"}),
            record("tt0000001-003", "tt0000001", 9000, 12000, Level::Sure, {"Body", "Clothes"}),
            record("tt0000002-001", "tt0000002", 0, 2500, std::nullopt),
            record("tt0000002-002", "tt0000002", 2500, 6000, Level::Sure, {"Type of plan"})};
}

} // namespace ms::fuzz
