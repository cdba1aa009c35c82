#pragma once

#include "core/level.h"

#include <QString>
#include <optional>

namespace ms::ui {

// One clip as the timeline shows it (TimelineWidget::Clip): its own type so
// the lanes do not depend on the widget.
struct TimelineClip
{
    qint64 id = 0;
    qint64 startMs = 0;
    qint64 endMs = 0;
    std::optional<core::Level> level;
    quint8 modalities = 0; // core::ModalitySet bits of the concepts
    QString name;
};

} // namespace ms::ui
