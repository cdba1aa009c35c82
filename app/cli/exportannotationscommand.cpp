#include "app/cli/commands.h"
#include "core/atomicfile.h"
#include "core/error.h"
#include "core/formats/formatregistry.h"
#include "database/annotationrepository.h"
#include "database/projectdatabase.h"

namespace ms::cli {
namespace {

// Writes through the format registry: any format with a writer can be named
// with --format; Modalscope CSV, the one that reads back unchanged, is the default.
class ExportAnnotationsCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("export-annotations"); }
    QString summary() const override
    {
        return QStringLiteral("write every clip (or one film's) and its annotation: Modalscope "
                              "CSV, ELAN .eaf, ...");
    }
    void addOptions(QCommandLineParser &p) override
    {
        QStringList writers;
        for (const core::AnnotationFormat *f : core::FormatRegistry::builtIn().writers())
            writers.append(QStringLiteral("%1 (%2)").arg(f->id(), f->description()));
        p.addOption({QStringLiteral("db"), QStringLiteral("project file"), QStringLiteral("P")});
        p.addOption(
            {QStringLiteral("out"), QStringLiteral("CSV file to write"), QStringLiteral("F")});
        p.addOption({QStringLiteral("format"),
                     QStringLiteral("the table's format: %1").arg(core::listInWords(writers)),
                     QStringLiteral("F"), QString::fromLatin1(kDefaultFormat)});
        p.addOption({QStringLiteral("movie"),
                     QStringLiteral("only this film's clips (default: every film)"),
                     QStringLiteral("ID")});
        addLabelRuleOption(p);
    }
    int execute(const QCommandLineParser &p) override
    {
        const core::FormatRegistry &registry = core::FormatRegistry::builtIn();
        const QString formatId = p.value(QStringLiteral("format")).toLower();
        const core::AnnotationFormat *format = registry.find(formatId);
        if (!format || !format->canWrite()) {
            QStringList ids;
            for (const core::AnnotationFormat *f : registry.writers())
                ids.append(f->id());
            throw UsageError{QStringLiteral("--format must be %1, not '%2'")
                                 .arg(core::listInWords(ids), formatId)};
        }
        const core::LabelRule rule = labelRuleOption(p);
        const auto opened = openProject(p, db::ProjectDatabase::Mode::OpenExisting);
        db::ProjectDatabase &project = *opened;
        const QString outPath = required(p, QStringLiteral("out"));
        db::AnnotationRepository repo(project.sql());
        const core::LabelRule::Outcome labels = repo.labels(rule); // refuses an unknown annotator
        auto rows = repo.annotationTable(rule);
        if (p.isSet(QStringLiteral("movie"))) {
            const QString movieId = p.value(QStringLiteral("movie")).trimmed();
            if (!repo.clipsPerFilm().contains(movieId))
                throw core::UserError(QStringLiteral("%1: no film '%2' in this project")
                                          .arg(project.path(), movieId));
            rows.removeIf([&](const core::ImportRecord &r) { return r.movieId != movieId; });
        }
        core::writeFileAtomically(outPath, format->write(rows));
        out() << outPath << ": " << rows.size() << " clips written; " << rule.summary(labels)
              << "\n";
        return 0;
    }

private:
    static constexpr const char *kDefaultFormat = "modalscope";
};

const CommandRegistration registration(30,
                                       [] { return std::make_unique<ExportAnnotationsCommand>(); });

} // namespace

} // namespace ms::cli
