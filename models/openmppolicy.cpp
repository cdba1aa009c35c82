#include "models/openmppolicy.h"

#include <QByteArray>
#include <cstdlib>
#include <vector>
#include <unistd.h>

namespace ms::models {

void ensurePassiveOpenMp(char **argv)
{
    if (std::getenv("OMP_WAIT_POLICY") || !argv || !argv[0])
        return;
    ::setenv("OMP_WAIT_POLICY", "PASSIVE", 1);
    ::execv("/proc/self/exe", argv);
    // Still here: exec failed; carry on with the spinning default.
}

void ensurePassiveOpenMp(const QStringList &arguments)
{
    if (std::getenv("OMP_WAIT_POLICY") || arguments.isEmpty())
        return;
    std::vector<QByteArray> bytes;
    for (const QString &a : arguments)
        bytes.push_back(a.toLocal8Bit());
    std::vector<char *> argv;
    for (QByteArray &b : bytes)
        argv.push_back(b.data());
    argv.push_back(nullptr);
    ensurePassiveOpenMp(argv.data());
}

} // namespace ms::models
