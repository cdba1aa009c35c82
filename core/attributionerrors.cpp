#include "core/attributionerrors.h"

#include <QStringList>

namespace ms::core {

AttributionErrors attributionErrors(const std::array<std::optional<double>, 3> &phi,
                                    ModalitySet annotated, std::optional<Level> level,
                                    const AttributionThresholds &t)
{
    AttributionErrors e;
    const bool positive = level && *level != Level::EasyNegative;
    for (Modality m : kAllModalities) {
        const auto &p = phi[size_t(m)];
        if (!p)
            continue;
        if (*p >= t.spurious && !annotated.contains(m))
            e.spurious.insert(m);
        if (positive && annotated.contains(m) && *p < t.missed)
            e.missed.insert(m);
    }
    return e;
}

QString AttributionErrors::spuriousCode() const
{
    QStringList parts;
    for (Modality m : kAllModalities)
        if (spurious.contains(m))
            parts.append(modalityLetter(m));
    return parts.join(u'|');
}

QString AttributionErrors::describe(const std::array<std::optional<double>, 3> &phi,
                                    ModalitySet annotated) const
{
    QStringList named;
    for (Modality m : kAllModalities)
        if (annotated.contains(m))
            named.append(modalityName(m));
    const QString experts = named.isEmpty()
                                ? QStringLiteral("experts annotated no concept")
                                : QStringLiteral("experts annotated %1 concepts only").arg(named.join(QStringLiteral(" and ")));
    QStringList out;
    for (Modality m : kAllModalities) {
        const double p = phi[size_t(m)].value_or(0.0);
        if (spurious.contains(m))
            out.append(QStringLiteral("%1 attribution %2 without any annotated %1 concept (%3)")
                           .arg(modalityName(m))
                           .arg(p, 0, 'f', 2)
                           .arg(experts));
        if (missed.contains(m))
            out.append(QStringLiteral("the model ignores %1 (attribution %2) though experts "
                                      "annotated %1 concepts")
                           .arg(modalityName(m))
                           .arg(p, 0, 'f', 2));
    }
    return out.join(QStringLiteral("; "));
}

} // namespace ms::core
