#include "models/registeredencoders.h"

#include "database/filmrepository.h"
#include "database/projectdatabase.h"
#include "database/projectmeta.h"
#include "models/torchscriptencoder.h"

namespace ms::models {

RegisteredEncoders RegisteredEncoders::load(db::ProjectDatabase &project, core::ModalitySet modalities)
{
    RegisteredEncoders r;
    db::ProjectMeta meta(project.sql());
    for (core::Modality m : {core::Modality::Visual, core::Modality::Audio}) {
        const QString key = QStringLiteral("encoder.") + core::modalityLetter(m);
        const QString stored = meta.value(key + QStringLiteral(".path"));
        if (stored.isEmpty() || !modalities.contains(m))
            continue;
        r.owned.push_back(std::make_unique<TorchScriptEncoder>(
            db::FilmRepository(project).resolve(stored), m,
            meta.value(key + QStringLiteral(".size"), QStringLiteral("224")).toInt()));
        r.encoders.append(r.owned.back().get());
        r.descriptions.append(QStringLiteral("%1: TorchScript encoder %2").arg(core::modalityName(m), stored));
    }
    return r;
}

} // namespace ms::models
