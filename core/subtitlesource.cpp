#include "core/subtitlesource.h"

#include "core/error.h"
#include "core/mediasubtitlereader.h"
#include "core/subtitleparser.h"

#include <QFileInfo>

namespace ms::core {

SubtitleDocument SubtitleSource::read() const
{
    if (path.isEmpty())
        throw UserError(QStringLiteral("no subtitles were chosen"));
    return isStream() ? MediaSubtitleReader::read(path, stream) : SubtitleParser::readFile(path);
}

QString SubtitleSource::displayName() const
{
    const QString name = QFileInfo(path).fileName();
    return isStream() ? QStringLiteral("%1, stream %2").arg(name).arg(stream) : name;
}

} // namespace ms::core
