#include "core/extractorinfo.h"

#include <QCryptographicHash>

namespace ms::core {

QString ExtractorInfo::paramsHash() const
{
    return QString::fromLatin1(
        QCryptographicHash::hash(params.toUtf8(), QCryptographicHash::Sha256).toHex());
}

QString ExtractorInfo::label() const
{
    QString s = name + QStringLiteral(" ") + version + QStringLiteral(" (") + modalityName(modality) +
                u')';
    if (synthetic)
        s += QStringLiteral(" [SYNTHETIC]");
    return s;
}

} // namespace ms::core
