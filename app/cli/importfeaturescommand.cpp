#include "app/cli/commands.h"
#include "core/modality.h"
#include "database/externalfeatureimporter.h"
#include "database/projectdatabase.h"

#include <QDir>
#include <QFileInfo>

namespace ms::cli {
namespace {

class ImportFeaturesCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("import-features"); }
    QString summary() const override
    {
        return QStringLiteral("import per-clip features made elsewhere (.npy folder or .safetensors)");
    }
    void addOptions(QCommandLineParser &p) override
    {
        p.addOption({QStringLiteral("db"), QStringLiteral("project file"), QStringLiteral("P")});
        p.addOption({QStringLiteral("modality"), QStringLiteral("v, a or t"), QStringLiteral("M")});
        p.addOption({QStringLiteral("npy-dir"),
                     QStringLiteral("folder of <clip id>.npy files (float32/float16, [tokens, dim] "
                                    "or [dim], C or Fortran order)"),
                     QStringLiteral("DIR")});
        p.addOption({QStringLiteral("safetensors"),
                     QStringLiteral(".safetensors file with one tensor per clip id"),
                     QStringLiteral("F")});
        p.addOption({QStringLiteral("name"),
                     QStringLiteral("extractor name (default: the folder or file name)"),
                     QStringLiteral("NAME")});
    }
    int execute(const QCommandLineParser &p) override
    {
        const db::ProjectLocation location = projectOption(p);
        const auto modality = core::parseModality(required(p, QStringLiteral("modality")));
        if (!modality)
            throw UsageError{QStringLiteral("--modality must be v, a or t")};
        const bool npy = p.isSet(QStringLiteral("npy-dir"));
        const bool st = p.isSet(QStringLiteral("safetensors"));
        if (npy == st)
            throw UsageError{QStringLiteral("give exactly one of --npy-dir and --safetensors")};
        const QString source = p.value(npy ? QStringLiteral("npy-dir") : QStringLiteral("safetensors"));
        QString name = p.value(QStringLiteral("name"));
        if (name.isEmpty())
            name = npy ? QFileInfo(QDir::cleanPath(source)).fileName()
                       : QFileInfo(source).completeBaseName();
        const auto opened =
            db::ProjectDatabase::open(location, db::ProjectDatabase::Mode::OpenExisting);
        db::ProjectDatabase &project = *opened;
        db::ExternalFeatureImporter importer(project);
        const auto rep = npy ? importer.importNpyFolder(source, *modality, name)
                             : importer.importSafetensors(source, *modality, name);
        out() << source << ": " << core::modalityName(*modality) << " features '" << name
              << "': " << rep.summary() << "\n";
        return 0;
    }
};

const CommandRegistration registration(160, [] { return std::make_unique<ImportFeaturesCommand>(); });

} // namespace
} // namespace ms::cli
