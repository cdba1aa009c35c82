#include "app/cli/commands.h"
#include "database/featureextractionservice.h"
#include "database/filmrepository.h"
#include "database/projectdatabase.h"
#include "database/projectmeta.h"
#include "models/registeredencoders.h"

#include <QElapsedTimer>

namespace ms::cli {
namespace {

class ExtractCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("extract"); }
    QString summary() const override
    {
        return QStringLiteral("extract built-in token features of the films' clips");
    }
    void addOptions(QCommandLineParser &p) override
    {
        p.addOption({QStringLiteral("db"), QStringLiteral("project file"), QStringLiteral("P")});
        p.addOption({QStringLiteral("film"), QStringLiteral("only this film"), QStringLiteral("ID")});
        p.addOption({QStringLiteral("modalities"), QStringLiteral("v,a,t (default all)"),
                     QStringLiteral("LIST")});
        p.addOption({QStringLiteral("threads"), QStringLiteral("decoder threads (default: FFmpeg's choice)"),
                     QStringLiteral("N")});
    }
    int execute(const QCommandLineParser &p) override
    {
        core::ModalitySet mods{core::Modality::Visual, core::Modality::Audio, core::Modality::Text};
        if (p.isSet(QStringLiteral("modalities"))) {
            mods = {};
            for (const QString &m : p.value(QStringLiteral("modalities")).split(u',', Qt::SkipEmptyParts)) {
                const auto parsed = core::parseModality(m);
                if (!parsed)
                    throw UsageError{QStringLiteral("--modalities takes v, a and t, not '%1'").arg(m)};
                mods.insert(*parsed);
            }
        }
        const auto opened = openProject(p, db::ProjectDatabase::Mode::OpenExisting);
        db::ProjectDatabase &project = *opened;
        // Registered TorchScript encoders replace the built-in features.
        const auto registered = models::RegisteredEncoders::load(project, mods);
        for (const QString &line : registered.descriptions)
            out() << line << "\n";
        QElapsedTimer t;
        t.start();
        int lastPct = -1;
        const auto rep = db::FeatureExtractionService(project).extract(
            p.value(QStringLiteral("film")), mods,
            [&](double f, const QString &what) {
                const int pct = int(f * 100);
                if (pct != lastPct) {
                    err() << "\rextract: " << pct << "% (" << what << ")" << Qt::flush;
                    lastPct = pct;
                }
            },
            nullptr, intOption(p, QStringLiteral("threads"), 0, 0), registered.encoders);
        if (lastPct >= 0)
            err() << "\n";
        out() << rep.summary() << "\n" << rep.framesDecoded << " frames decoded in " << t.elapsed()
              << " ms\n";
        return 0;
    }
};

const CommandRegistration registration(130, [] { return std::make_unique<ExtractCommand>(); });

} // namespace
} // namespace ms::cli
