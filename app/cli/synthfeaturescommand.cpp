#include "app/cli/commands.h"
#include "core/error.h"
#include "core/synthfeaturegenerator.h"
#include "database/projectdatabase.h"
#include "database/synthfeaturewriter.h"

#include <QElapsedTimer>

namespace ms::cli {
namespace {

class SynthFeaturesCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("synth-features"); }
    QString summary() const override
    {
        return QStringLiteral("make SYNTHETIC per-modality token features from the annotations "
                              "(for tables without media)");
    }
    void addOptions(QCommandLineParser &p) override
    {
        p.addOption({QStringLiteral("db"), QStringLiteral("project file"), QStringLiteral("P")});
        p.addOption({QStringLiteral("seed"), QStringLiteral("generator seed (default 0)"),
                     QStringLiteral("S")});
        p.addOption({QStringLiteral("dims"),
                     QStringLiteral("token dimensions for visual,audio,text (default 128,128,128)"),
                     QStringLiteral("V,A,T")});
        p.addOption({QStringLiteral("signal"),
                     QStringLiteral("length of a concept's direction in noise standard "
                                    "deviations (default 2)"),
                     QStringLiteral("X")});
        p.addOption({QStringLiteral("film-offset"),
                     QStringLiteral("standard deviation per dimension of the per-film offset "
                                    "(default 0.5; 0: films do not differ)"),
                     QStringLiteral("X")});
    }
    int execute(const QCommandLineParser &p) override
    {
        core::SynthFeatureGenerator::Options o;
        if (p.isSet(QStringLiteral("seed"))) {
            bool ok = false;
            o.seed = p.value(QStringLiteral("seed")).toULongLong(&ok);
            if (!ok)
                throw UsageError{QStringLiteral("--seed must be a non-negative whole number")};
        }
        if (p.isSet(QStringLiteral("dims"))) {
            const QStringList parts = p.value(QStringLiteral("dims")).split(u',');
            bool ok = parts.size() == 3;
            for (int i = 0; ok && i < 3; ++i) {
                o.dims[i] = parts[i].trimmed().toInt(&ok);
                ok = ok && o.dims[i] > 0 && o.dims[i] <= 65536;
            }
            if (!ok)
                throw UsageError{QStringLiteral("--dims must be three positive numbers like "
                                                "512,768,768, not '%1'")
                                     .arg(p.value(QStringLiteral("dims")))};
        }
        if (p.isSet(QStringLiteral("signal"))) {
            bool ok = false;
            o.signal = p.value(QStringLiteral("signal")).toDouble(&ok);
            if (!ok || o.signal < 0)
                throw UsageError{QStringLiteral("--signal must be a non-negative number")};
        }
        if (p.isSet(QStringLiteral("film-offset"))) {
            bool ok = false;
            o.filmOffset = p.value(QStringLiteral("film-offset")).toDouble(&ok);
            if (!ok || o.filmOffset < 0)
                throw UsageError{QStringLiteral("--film-offset must be a non-negative number")};
        }
        const auto opened = openProject(p, db::ProjectDatabase::Mode::OpenExisting);
        db::ProjectDatabase &project = *opened;
        QElapsedTimer timer;
        timer.start();
        const auto r = db::SynthFeatureWriter::write(project, o);
        out() << "SYNTHETIC features (extractor 'synthetic' v1, seed " << o.seed << ", dims "
              << o.dims[0] << "/" << o.dims[1] << "/" << o.dims[2] << " V/A/T, signal " << o.signal
              << ", film offset " << o.filmOffset << "): " << r.generated << " clips generated, " << r.unchanged << " unchanged, "
              << r.planted << " concept spans planted, in " << timer.elapsed() << " ms\n"
              << "These are synthetic features: noise, a per-film offset and one direction per "
                 "annotated concept; not features of real media.\n";
        return 0;
    }
};

const CommandRegistration registration(140, [] { return std::make_unique<SynthFeaturesCommand>(); });

} // namespace
} // namespace ms::cli
