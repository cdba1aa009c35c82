#include "app/cli/commands.h"
#include "database/annotationrepository.h"
#include "database/featurestore.h"
#include "database/projectdatabase.h"

namespace ms::cli {
namespace {

class FeaturesCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("features"); }
    QString summary() const override
    {
        return QStringLiteral("feature coverage: per extractor and modality, the clips with features");
    }
    void addOptions(QCommandLineParser &p) override
    {
        p.addOption({QStringLiteral("db"), QStringLiteral("project file"), QStringLiteral("P")});
    }
    int execute(const QCommandLineParser &p) override
    {
        const auto opened = openProject(p, db::ProjectDatabase::Mode::OpenExisting);
        db::ProjectDatabase &project = *opened;
        const int total = int(db::AnnotationRepository(project.sql()).clips().size());
        const auto extractors = db::FeatureStore(project.sql()).extractors();
        if (extractors.isEmpty()) {
            out() << "no features yet (" << total << " clips): use `extract`, `import-features` "
                  << "or `synth-features`\n";
            return 0;
        }
        out() << QStringLiteral("%1 %2 %3 %4 %5  %6\n")
                     .arg(QStringLiteral("id"), 4)
                     .arg(QStringLiteral("modality"), -8)
                     .arg(QStringLiteral("extractor"), -24)
                     .arg(QStringLiteral("dim"), 5)
                     .arg(QStringLiteral("clips"), 11)
                     .arg(QStringLiteral("kind"));
        for (const auto &e : extractors)
            out() << QStringLiteral("%1 %2 %3 %4 %5  %6\n")
                         .arg(e.id, 4)
                         .arg(core::modalityName(e.info.modality), -8)
                         .arg(e.info.name + u' ' + e.info.version, -24)
                         .arg(e.dim, 5)
                         .arg(QStringLiteral("%1/%2").arg(e.clips).arg(total), 11)
                         .arg(e.info.synthetic ? QStringLiteral("SYNTHETIC") : QStringLiteral("real"));
        return 0;
    }
};

const CommandRegistration registration(150, [] { return std::make_unique<FeaturesCommand>(); });

} // namespace
} // namespace ms::cli
