#include "app/cli/commands.h"
#include "core/error.h"
#include "core/splitexporter.h"
#include "database/annotationrepository.h"
#include "database/projectdatabase.h"
#include "database/projectmeta.h"
#include "database/taxonomyrepository.h"

namespace ms::cli {
namespace {

class ExportSplitsCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("export-splits"); }
    QString summary() const override
    {
        return QStringLiteral("write the CMAD and M-CMSD datasets with K folds by film");
    }
    void addOptions(QCommandLineParser &p) override
    {
        p.addOption({QStringLiteral("db"), QStringLiteral("project file"), QStringLiteral("P")});
        p.addOption({QStringLiteral("out"), QStringLiteral("output folder"), QStringLiteral("DIR")});
        p.addOption({QStringLiteral("folds"), QStringLiteral("number of folds (default 5)"),
                     QStringLiteral("K")});
        p.addOption({QStringLiteral("seed"), QStringLiteral("fold seed (default 0)"),
                     QStringLiteral("S")});
        addLabelRuleOption(p);
    }
    int execute(const QCommandLineParser &p) override
    {
        const int folds = intOption(p, QStringLiteral("folds"), 5, 2);
        const core::LabelRule rule = labelRuleOption(p);
        quint64 seed = 0;
        if (p.isSet(QStringLiteral("seed"))) {
            bool ok = false;
            seed = p.value(QStringLiteral("seed")).toULongLong(&ok);
            if (!ok)
                throw UsageError{QStringLiteral("--seed must be a non-negative whole number, "
                                                "not '%1'")
                                     .arg(p.value(QStringLiteral("seed")))};
        }
        const auto opened = openProject(p, db::ProjectDatabase::Mode::OpenExisting);
        db::ProjectDatabase &project = *opened;
        const QString dir = required(p, QStringLiteral("out"));
        db::AnnotationRepository annotations(project.sql());
        core::LabelRule::Outcome labels = annotations.labels(rule);
        if (labels.labels.isEmpty())
            throw core::UserError(
                labels.clips ? QStringLiteral("%1: no clip has a label under the %2")
                                   .arg(project.path(), rule.summary(labels))
                             : QStringLiteral("%1: the project has no annotated clips to split")
                                   .arg(project.path()));
        core::SplitExporter::Options o;
        o.folds = folds;
        o.seed = seed;
        o.notSureRule = db::ProjectMeta(project.sql())
                            .value(QStringLiteral("not_sure_rule"), QStringLiteral("n/a"));
        o.labelRule = rule.toJson(labels);
        const QString labelSummary = rule.summary(labels);
        core::SplitExporter exporter(std::move(labels.labels), db::TaxonomyRepository(project.sql()).load(),
                                     o);
        exporter.write(dir);
        for (const auto &t : exporter.tables()) {
            int pos = 0;
            for (int v : t.positivesPerFold)
                pos += v;
            out() << QStringLiteral("%1 %2 positives, %3 negatives\n")
                         .arg(t.dataset.name, -9)
                         .arg(pos, 5)
                         .arg(t.rows.size() - pos, 5);
        }
        out() << labelSummary << " ("<< rule.description() << ")\n";
        out() << dir << ": " << exporter.tables().size() << " datasets, " << folds
              << " folds by film, seed " << seed << ", manifest.json\n";
        return 0;
    }
};

const CommandRegistration registration(40, [] { return std::make_unique<ExportSplitsCommand>(); });

} // namespace

} // namespace ms::cli
