#pragma once

#include "core/modality.h"

#include <QColor>

namespace ms::ui {

// The colours of the three modalities (concept groups, timeline marks, score
// and heatmap lanes), from the Okabe-Ito palette like LevelPalette's, picked
// so they do not repeat a level colour.
class ModalityPalette
{
public:
    static QColor color(core::Modality m);
};

} // namespace ms::ui
