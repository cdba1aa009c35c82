#include "ui/modalitypalette.h"

namespace ms::ui {

QColor ModalityPalette::color(core::Modality m)
{
    switch (m) {
    case core::Modality::Visual:
        return QColor(0x00, 0x9e, 0x73); // bluish green
    case core::Modality::Audio:
        return QColor(0x56, 0xb4, 0xe9); // sky blue
    case core::Modality::Text:
        return QColor(0xcc, 0x79, 0xa7); // reddish purple
    }
    return Qt::gray;
}

} // namespace ms::ui
