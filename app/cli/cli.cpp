#include "app/cli/cli.h"

#include "app/cli/command.h"
#include "app/cli/commands.h"
#include "core/error.h"

#include <QCoreApplication>
#include <memory>
#include <vector>

namespace ms::cli {

static QString usage(const std::vector<std::unique_ptr<Command>> &commands)
{
    QString s = QStringLiteral("Modalscope " MODALSCOPE_VERSION
                               " command line\n\nUsage: modalscope-cli <command> [options]\n\n"
                               "Commands:\n");
    for (const auto &c : commands)
        s += QStringLiteral("  %1%2\n").arg(c->name(), -22).arg(c->summary());
    s += QStringLiteral("\n`modalscope-cli <command> --help` describes a command's options.\n"
                        "Exit status: 0 success, 1 an error in the input (message on "
                        "stderr), 2 bad usage.\n");
    return s;
}

int run(const QStringList &args)
{
    const auto commands = allCommands();
    QTextStream out(stdout), err(stderr);
    if (args.size() < 2 || args.at(1) == u"--help" || args.at(1) == u"-h" ||
        args.at(1) == u"help") {
        (args.size() < 2 ? err : out) << usage(commands);
        return args.size() < 2 ? BadUsage : Ok;
    }
    if (args.at(1) == u"--version") {
        out << "modalscope-cli " MODALSCOPE_VERSION "\n";
        return Ok;
    }
    Command *cmd = nullptr;
    for (const auto &c : commands)
        if (c->name() == args.at(1))
            cmd = c.get();
    if (!cmd) {
        err << "modalscope-cli: unknown command '" << args.at(1) << "'\n\n" << usage(commands);
        return BadUsage;
    }
    QCommandLineParser parser;
    parser.setApplicationDescription(cmd->summary());
    parser.addHelpOption();
    cmd->addOptions(parser);
    QStringList sub = args.mid(1);
    sub[0] = QStringLiteral("modalscope-cli ") + cmd->name();
    if (!parser.parse(sub)) {
        err << "modalscope-cli " << cmd->name() << ": " << parser.errorText() << "\n\n"
            << parser.helpText();
        return BadUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out << parser.helpText();
        return Ok;
    }
    if (!cmd->takesPositionalArguments() && !parser.positionalArguments().isEmpty()) {
        err << "modalscope-cli " << cmd->name() << ": unexpected argument '"
            << parser.positionalArguments().first() << "'\n\n"
            << parser.helpText();
        return BadUsage;
    }
    try {
        return cmd->execute(parser);
    } catch (const UsageError &e) {
        err << "modalscope-cli " << cmd->name() << ": " << e.message << "\n\n" << parser.helpText();
        return BadUsage;
    } catch (const core::UserError &e) {
        err << "modalscope-cli " << cmd->name() << ": error: " << e.message() << "\n";
        return UserFailure;
    }
}

} // namespace ms::cli
