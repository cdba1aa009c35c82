#include "ui/timelineoverlay.h"

#include <QStringList>

namespace ms::ui {

namespace {

QString words(core::ModalitySet set)
{
    QStringList names;
    for (core::Modality m : core::kAllModalities)
        if (set.contains(m))
            names << core::modalityName(m);
    if (names.size() <= 1)
        return names.value(0);
    const QString last = names.takeLast();
    return names.join(QStringLiteral(", ")) + QStringLiteral(" and ") + last;
}

} // namespace

QString TimelineOverlay::describeError(core::ModalitySet fired, core::ModalitySet annotated)
{
    QString firedWords = words(fired);
    // "textual-only" reads badly; the paper says "text-only model".
    firedWords.replace(QStringLiteral("textual"), QStringLiteral("text"));
    const QString model = fired.bits() == 0 ? QStringLiteral("the model fires")
                                            : QStringLiteral("%1-only model fires").arg(firedWords);
    if (fired.bits() != 0 && (fired.bits() & (fired.bits() - 1)) != 0)
        return QStringLiteral("%1 model fires; experts annotated %2")
            .arg(firedWords,
                 annotated.isEmpty() ? QStringLiteral("no concept")
                                     : QStringLiteral("%1 concepts only").arg(words(annotated)));
    return QStringLiteral("%1; experts annotated %2")
        .arg(model, annotated.isEmpty() ? QStringLiteral("no concept")
                                        : QStringLiteral("%1 concepts only").arg(words(annotated)));
}

} // namespace ms::ui
