#pragma once

#include "app/cli/command.h"

#include <functional>
#include <memory>
#include <vector>

namespace ms::cli {

using CommandFactory = std::function<std::unique_ptr<Command>()>;

// Each verb's source file registers itself with a static CommandRegistration,
// so adding a verb touches no shared file. `order` sorts the --help listing.
struct CommandRegistration
{
    CommandRegistration(int order, CommandFactory factory);
};

// Every verb, in the order `--help` lists them.
std::vector<std::unique_ptr<Command>> allCommands();

} // namespace ms::cli
