#include "core/level.h"

namespace ms::core {

QString levelCode(Level l)
{
    switch (l) {
    case Level::EasyNegative:
        return QStringLiteral("EN");
    case Level::HardNegative:
        return QStringLiteral("HN");
    case Level::Sure:
        return QStringLiteral("S");
    }
    return {};
}

QString levelName(Level l)
{
    switch (l) {
    case Level::EasyNegative:
        return QStringLiteral("Easy Negative");
    case Level::HardNegative:
        return QStringLiteral("Hard Negative");
    case Level::Sure:
        return QStringLiteral("Sure");
    }
    return {};
}

std::optional<Level> parseLevel(const QString &text)
{
    const QString t = text.simplified().toLower();
    if (t == u"en" || t == u"easy negative" || t == u"easy neg")
        return Level::EasyNegative;
    if (t == u"hn" || t == u"hard negative" || t == u"hard neg")
        return Level::HardNegative;
    if (t == u"s" || t == u"sure")
        return Level::Sure;
    return std::nullopt;
}

} // namespace ms::core
