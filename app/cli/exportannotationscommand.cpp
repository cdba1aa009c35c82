#include "app/cli/commands.h"
#include "core/atomicfile.h"
#include "core/modalscopecsv.h"
#include "database/annotationrepository.h"
#include "database/projectdatabase.h"

namespace ms::cli {
namespace {

class ExportAnnotationsCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("export-annotations"); }
    QString summary() const override
    {
        return QStringLiteral("write every clip and its annotation as Modalscope CSV");
    }
    void addOptions(QCommandLineParser &p) override
    {
        p.addOption({QStringLiteral("db"), QStringLiteral("project file"), QStringLiteral("P")});
        p.addOption({QStringLiteral("out"), QStringLiteral("CSV file to write"),
                     QStringLiteral("F")});
    }
    int execute(const QCommandLineParser &p) override
    {
        const auto opened = openProject(p, db::ProjectDatabase::Mode::OpenExisting);
        db::ProjectDatabase &project = *opened;
        const QString outPath = required(p, QStringLiteral("out"));
        db::AnnotationRepository repo(project.sql());
        const auto rows = repo.annotationTable();
        core::writeFileAtomically(outPath, core::ModalscopeCsv::write(rows).toUtf8());
        out() << outPath << ": " << rows.size() << " clips written\n";
        return 0;
    }
};

const CommandRegistration registration(30, [] { return std::make_unique<ExportAnnotationsCommand>(); });

} // namespace

} // namespace ms::cli
