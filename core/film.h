#pragma once

#include <QString>

namespace ms::core {

// A film of the project, known by an IMDb-style id ("tt0108160").
struct Film
{
    qint64 id = 0; // database id
    QString movieId;
    QString title;
    QString mediaPath; // empty until media is attached
};

} // namespace ms::core
