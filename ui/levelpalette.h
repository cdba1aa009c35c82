#pragma once

#include "core/level.h"

#include <QColor>
#include <QString>
#include <optional>

namespace ms::ui {

// The colours of the three levels, in one place so the clip table, the
// annotation panel and the later timeline agree. Chosen from the Okabe-Ito
// palette (blue, orange, vermillion) so they stay distinct for the common
// forms of colour blindness; "no level" is a neutral grey.
class LevelPalette
{
public:
    // Saturated colour: buttons, timeline bars, legends.
    static QColor color(std::optional<core::Level> level);
    // Light tint of color() for cell backgrounds, readable with black text.
    static QColor background(std::optional<core::Level> level);
    // "EN"/"HN"/"S", or an en dash for an unannotated clip.
    static QString shortText(std::optional<core::Level> level);
};

} // namespace ms::ui
