#pragma once

#include <QStringList>

namespace ms::cli {

// Exit codes of modalscope-cli.
enum ExitCode { Ok = 0, UserFailure = 1, BadUsage = 2 };

// Runs one modalscope-cli invocation; args[0] is the program name. Errors the
// user can fix go to stderr with exit 1, bad usage with exit 2.
int run(const QStringList &args);

} // namespace ms::cli
