#include "app/cli/commands.h"
#include "database/projectdatabase.h"

namespace ms::cli {
namespace {

class InitCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("init"); }
    QString summary() const override
    {
        return QStringLiteral("create a project file (or check and upgrade an existing one)");
    }
    void addOptions(QCommandLineParser &p) override
    {
        p.addOption({QStringLiteral("db"), QStringLiteral("project file"), QStringLiteral("P")});
    }
    int execute(const QCommandLineParser &p) override
    {
        const auto opened = openProject(p, db::ProjectDatabase::Mode::OpenOrCreate);
        db::ProjectDatabase &project = *opened;
        out() << project.path() << ": project schema " << project.sql().userVersion() << ", ok\n";
        return 0;
    }
};

const CommandRegistration registration(10, [] { return std::make_unique<InitCommand>(); });

} // namespace

} // namespace ms::cli
