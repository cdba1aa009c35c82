#include "app/cli/cli.h"

#include <QCoreApplication>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("modalscope-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MODALSCOPE_VERSION));
    return ms::cli::run(QCoreApplication::arguments());
}
