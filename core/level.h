#pragma once

#include <QString>
#include <cstdint>
#include <optional>

namespace ms::core {

// The expert's objectification level of a clip.
enum class Level : std::uint8_t { EasyNegative = 0, HardNegative = 1, Sure = 2 };

// "EN", "HN", "S": the codes stored in the database and written in CSVs.
QString levelCode(Level l);
// "Easy Negative", "Hard Negative", "Sure": for people.
QString levelName(Level l);
// Accepts the code or the name (case-insensitive, also "Easy Neg").
std::optional<Level> parseLevel(const QString &text);

} // namespace ms::core
