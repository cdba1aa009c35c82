#include "app/cli/commands.h"
#include "core/annotationstats.h"
#include "database/annotationrepository.h"
#include "database/projectdatabase.h"
#include "database/taxonomyrepository.h"

#include <QJsonDocument>

namespace ms::cli {
namespace {

class StatsCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("stats"); }
    QString summary() const override
    {
        return QStringLiteral("per film EN/HN/S counts and clips per concept modality");
    }
    void addOptions(QCommandLineParser &p) override
    {
        p.addOption({QStringLiteral("db"), QStringLiteral("project file"), QStringLiteral("P")});
        p.addOption({QStringLiteral("json"), QStringLiteral("print JSON instead of a table")});
        addLabelRuleOption(p);
    }
    int execute(const QCommandLineParser &p) override
    {
        const core::LabelRule rule = labelRuleOption(p);
        const auto opened = openProject(p, db::ProjectDatabase::Mode::OpenExisting);
        db::ProjectDatabase &project = *opened;
        db::AnnotationRepository repo(project.sql());
        const core::LabelRule::Outcome labels = repo.labels(rule);
        const auto stats = core::AnnotationStats::compute(
            repo.clipsPerFilm(), labels.labels, db::TaxonomyRepository(project.sql()).load());
        if (p.isSet(QStringLiteral("json"))) {
            QJsonObject json = stats.toJson();
            json.insert(QStringLiteral("label_rule"), rule.toJson(labels));
            out() << QJsonDocument(json).toJson(QJsonDocument::Indented);
        } else {
            out() << stats.toText();
            out() << rule.summary(labels) << "\n";
        }
        return 0;
    }
};

const CommandRegistration registration(50, [] { return std::make_unique<StatsCommand>(); });

} // namespace

} // namespace ms::cli
