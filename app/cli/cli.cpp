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
    QStringList benchmarks;
    for (const auto &c : commands) {
        if (c->name().startsWith(QStringLiteral("bench-"))) {
            benchmarks.append(c->name().mid(6));
            continue;
        }
        s += QStringLiteral("  %1%2\n").arg(c->name(), -22).arg(c->summary());
    }
    if (!benchmarks.isEmpty())
        s += QStringLiteral("\nMore benchmarks: %1 (`modalscope-cli bench NAME --help`)\n")
                 .arg(benchmarks.join(QStringLiteral(", ")));
    s += QStringLiteral("\n`modalscope-cli <command> --help` describes a command's options.\n"
                        "Exit status: 0 success, 1 an error in the input (message on "
                        "stderr), 2 bad usage.\n");
    return s;
}

// QCommandLineParser names the program by its path; say the verb instead.
static QString helpFor(const QCommandLineParser &parser, const QString &verb)
{
    QString text = parser.helpText();
    const qsizetype nl = text.indexOf(u'\n');
    if (text.startsWith(QStringLiteral("Usage: ")) && nl > 0)
        text.replace(0, nl, QStringLiteral("Usage: modalscope-cli %1 [options]").arg(verb));
    return text;
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
    auto find = [&](const QString &name) -> Command * {
        for (const auto &c : commands)
            if (c->name() == name)
                return c.get();
        return nullptr;
    };
    QStringList argv = args;
    // `bench NAME ...` runs the benchmark verb `bench-NAME` when there is one,
    // so each benchmark lives in its own file with its own options.
    if (argv.size() > 2 && argv.at(1) == u"bench" && find(QStringLiteral("bench-") + argv.at(2))) {
        argv[1] = QStringLiteral("bench-") + argv.at(2);
        argv.removeAt(2);
    }
    Command *cmd = find(argv.at(1));
    if (!cmd) {
        err << "modalscope-cli: unknown command '" << argv.at(1) << "'\n\n" << usage(commands);
        return BadUsage;
    }
    QCommandLineParser parser;
    parser.setApplicationDescription(cmd->summary());
    parser.addHelpOption();
    cmd->addOptions(parser);
    QStringList sub = argv.mid(1);
    sub[0] = QStringLiteral("modalscope-cli ") + cmd->name();
    if (!parser.parse(sub)) {
        err << "modalscope-cli " << cmd->name() << ": " << parser.errorText() << "\n\n"
            << helpFor(parser, cmd->name());
        return BadUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out << helpFor(parser, cmd->name());
        return Ok;
    }
    if (!cmd->takesPositionalArguments() && !parser.positionalArguments().isEmpty()) {
        err << "modalscope-cli " << cmd->name() << ": unexpected argument '"
            << parser.positionalArguments().first() << "'\n\n"
            << helpFor(parser, cmd->name());
        return BadUsage;
    }
    try {
        return cmd->execute(parser);
    } catch (const UsageError &e) {
        err << "modalscope-cli " << cmd->name() << ": " << e.message << "\n\n" << helpFor(parser, cmd->name());
        return BadUsage;
    } catch (const core::UserError &e) {
        err << "modalscope-cli " << cmd->name() << ": error: " << e.message() << "\n";
        return UserFailure;
    }
}

} // namespace ms::cli
