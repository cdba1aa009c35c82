#pragma once

#include "core/level.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace ms::core {

// One annotator's judgement of one clip: the level and the explanatory
// concepts behind it. Concept names are the taxonomy's (normalised) names.
struct Annotation
{
    QString clipName;
    QString movieId;
    QString annotator;
    Level level = Level::EasyNegative;
    QStringList concepts;
    QString note;
    QDateTime changedAt;

    bool sameJudgement(const Annotation &o) const
    {
        return level == o.level && concepts == o.concepts && note == o.note;
    }
};

} // namespace ms::core
