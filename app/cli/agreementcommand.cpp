#include "app/cli/commands.h"
#include "core/agreementanalysis.h"
#include "core/error.h"
#include "database/annotatortable.h"
#include "database/projectdatabase.h"
#include "database/taxonomyrepository.h"

#include <QJsonDocument>

namespace ms::cli {
namespace {

// Inter-annotator agreement of a project (issue 14): the maths lives in
// core::AgreementAnalysis, the annotations come from db::AnnotatorTable.
class AgreementCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("agreement"); }
    QString summary() const override
    {
        return QStringLiteral("inter-annotator agreement: Krippendorff's alpha, Cohen's and "
                              "Fleiss' kappa");
    }
    void addOptions(QCommandLineParser &p) override
    {
        p.addOption({QStringLiteral("db"), QStringLiteral("project file"), QStringLiteral("P")});
        p.addOption({QStringLiteral("by"),
                     QStringLiteral("add a breakdown (repeatable): film (every figure per film "
                                    "too), concept (Cohen's and Fleiss' kappa per concept), "
                                    "modality (agreement on each modality's presence). The "
                                    "level and each concept's alpha over the corpus are always "
                                    "given"),
                     QStringLiteral("film|concept|modality")});
        p.addOption({QStringLiteral("json"), QStringLiteral("print JSON instead of tables")});
        p.addOption({QStringLiteral("seed"),
                     QStringLiteral("seed of the bootstrap draws (default 1)"),
                     QStringLiteral("S")});
        p.addOption({QStringLiteral("bootstrap"),
                     QStringLiteral("bootstrap draws over clips for the 95 % intervals; 0 for "
                                    "none (default 1000)"),
                     QStringLiteral("N")});
    }
    int execute(const QCommandLineParser &p) override
    {
        const db::ProjectLocation location = projectOption(p);
        core::AgreementAnalysis::Options options;
        for (const QString &value : p.values(QStringLiteral("by")))
            for (const QString &by : value.split(u',', Qt::SkipEmptyParts)) {
                const QString b = by.trimmed().toLower();
                if (b == u"film")
                    options.byFilm = true;
                else if (b == u"concept")
                    options.conceptKappas = true;
                else if (b == u"modality")
                    options.byModality = true;
                else
                    throw UsageError{
                        QStringLiteral("--by must be film, concept or modality, not '%1'").arg(by)};
            }
        options.bootstrap.draws = intOption(p, QStringLiteral("bootstrap"), 1000, 0);
        if (p.isSet(QStringLiteral("seed"))) {
            bool ok = false;
            options.bootstrap.seed = p.value(QStringLiteral("seed")).toULongLong(&ok);
            if (!ok)
                throw UsageError{QStringLiteral("--seed must be a non-negative whole number, not "
                                                "'%1'")
                                     .arg(p.value(QStringLiteral("seed")))};
        }

        const auto opened =
            db::ProjectDatabase::open(location, db::ProjectDatabase::Mode::OpenExisting);
        db::ProjectDatabase &project = *opened;
        db::AnnotatorTable table(project.sql());
        const QList<core::Annotation> annotations = table.currentAnnotations();
        const QStringList coders = core::AgreementAnalysis::codersOf(annotations);
        if (coders.size() < 2)
            throw core::UserError(
                core::AgreementAnalysis::tooFewCodersMessage(location.toString(), coders));
        const auto analysis = core::AgreementAnalysis::compute(
            annotations, db::TaxonomyRepository(project.sql()).load(), options);
        if (p.isSet(QStringLiteral("json")))
            out() << QJsonDocument(analysis.toJson()).toJson(QJsonDocument::Indented);
        else
            out() << analysis.toText();
        return 0;
    }
};

const CommandRegistration registration(55, [] { return std::make_unique<AgreementCommand>(); });

} // namespace

} // namespace ms::cli
