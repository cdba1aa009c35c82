#include "core/waveformcache.h"

#include "core/atomicfile.h"
#include "core/error.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QStandardPaths>

namespace ms::core {

WaveformCache::WaveformCache(QString dir) : m_dir(std::move(dir))
{
    if (m_dir.isEmpty())
        m_dir = QStandardPaths::writableLocation(QStandardPaths::CacheLocation) +
                QStringLiteral("/waveforms");
}

QString WaveformCache::fileFor(const QString &fingerprint, int stream, int samplesPerBin) const
{
    const QByteArray h = QCryptographicHash::hash(fingerprint.toUtf8(), QCryptographicHash::Sha1).toHex();
    return QDir(m_dir).filePath(QStringLiteral("%1-s%2-n%3.mswf")
                                    .arg(QString::fromLatin1(h))
                                    .arg(stream)
                                    .arg(samplesPerBin));
}

std::optional<WaveformPyramid> WaveformCache::load(const QString &fingerprint, int stream,
                                                   int samplesPerBin) const
{
    QFile f(fileFor(fingerprint, stream, samplesPerBin));
    if (!f.open(QIODevice::ReadOnly))
        return std::nullopt;
    WaveformPyramid p;
    QString id;
    if (!WaveformPyramid::read(&f, &p, &id) || id != fingerprint ||
        p.samplesPerBin() != samplesPerBin)
        return std::nullopt;
    return p;
}

bool WaveformCache::store(const QString &fingerprint, int stream, const WaveformPyramid &p) const
{
    if (!QDir().mkpath(m_dir))
        return false;
    try {
        writeFileAtomically(fileFor(fingerprint, stream, p.samplesPerBin()), p.serialize(fingerprint));
    } catch (const UserError &) {
        return false;
    }
    return true;
}

} // namespace ms::core
