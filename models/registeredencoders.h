#pragma once

#include "core/modality.h"
#include "core/tokenencoder.h"

#include <QList>
#include <QStringList>
#include <memory>
#include <vector>

namespace ms::db {
class ProjectDatabase;
}

namespace ms::models {

// The TorchScript encoders registered in a project (`encoders --register`),
// loaded for the modalities being extracted: they replace the built-in
// visual and audio features. Shared by the `extract` verb and the window's
// extraction worker.
struct RegisteredEncoders
{
    std::vector<std::unique_ptr<core::TokenEncoder>> owned;
    QList<core::TokenEncoder *> encoders;
    QStringList descriptions; // "visual: TorchScript encoder PATH"

    // Throws UserError naming the file when a registered encoder cannot load.
    static RegisteredEncoders load(db::ProjectDatabase &project, core::ModalitySet modalities);
};

} // namespace ms::models
