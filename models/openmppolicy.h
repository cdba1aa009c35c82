#pragma once

#include <QStringList>

namespace ms::models {

// LibTorch's OpenMP threads spin after every parallel region. On a machine
// whose cores are shared (two cores, other processes compiling) the spinning
// threads starve the one doing the work: a test training run took 55 s
// instead of 2 s, an epoch 75 s instead of 5 s. The OpenMP runtime reads
// OMP_WAIT_POLICY only when the program is loaded, so the only fix from
// inside is to start the program again with it set.
//
// When OMP_WAIT_POLICY is unset, sets it to PASSIVE and replaces the process
// with a fresh copy of itself (same arguments); returns only when it was
// already set or the restart failed. Call it first thing in main() or before
// any work in a command, with the original argv.
void ensurePassiveOpenMp(char **argv);
// The same from QCoreApplication::arguments() (for a command already running).
void ensurePassiveOpenMp(const QStringList &arguments);

} // namespace ms::models
