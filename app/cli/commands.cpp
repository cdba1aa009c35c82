#include "app/cli/commands.h"

#include <algorithm>

namespace ms::cli {

namespace {
std::vector<std::pair<int, CommandFactory>> &registry()
{
    static std::vector<std::pair<int, CommandFactory>> r;
    return r;
}
} // namespace

CommandRegistration::CommandRegistration(int order, CommandFactory factory)
{
    registry().emplace_back(order, std::move(factory));
}

std::vector<std::unique_ptr<Command>> allCommands()
{
    auto r = registry();
    std::stable_sort(r.begin(), r.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    std::vector<std::unique_ptr<Command>> v;
    for (const auto &[order, make] : r)
        v.push_back(make());
    return v;
}

} // namespace ms::cli
