#include "ui/levelpalette.h"

namespace ms::ui {

QColor LevelPalette::color(std::optional<core::Level> level)
{
    if (!level)
        return QColor(0x9e, 0x9e, 0x9e);
    switch (*level) {
    case core::Level::EasyNegative:
        return QColor(0x00, 0x72, 0xb2);
    case core::Level::HardNegative:
        return QColor(0xe6, 0x9f, 0x00);
    case core::Level::Sure:
        return QColor(0xd5, 0x5e, 0x00);
    }
    return QColor(0x9e, 0x9e, 0x9e);
}

QColor LevelPalette::background(std::optional<core::Level> level)
{
    if (!level)
        return QColor(0xf2, 0xf2, 0xf2);
    // Blend with white: the hue stays recognisable and black text readable.
    const QColor c = color(level);
    const auto mix = [](int v) { return (v + 3 * 255) / 4; };
    return QColor(mix(c.red()), mix(c.green()), mix(c.blue()));
}

QString LevelPalette::shortText(std::optional<core::Level> level)
{
    return level ? core::levelCode(*level) : QStringLiteral("\u2013");
}

} // namespace ms::ui
