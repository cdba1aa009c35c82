// Test helper for tst_teamsync: syncs a linked project with small batches and
// reports each pushed batch on stdout; the test kills it with SIGKILL in the
// middle of the push and checks that the next sync neither loses nor doubles
// a change.

#include "database/projectdatabase.h"
#include "sync/teamsync.h"

#include <QCoreApplication>
#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 3) {
        std::fprintf(stderr, "usage: ms_syncpusher PROJECT BATCH\n");
        return 2;
    }
    using namespace ms;
    try {
        db::ProjectDatabase project(QString::fromLocal8Bit(argv[1]),
                                    db::ProjectDatabase::Mode::OpenExisting);
        sync::TeamSync sync(project);
        sync.setBatchSize(QByteArray(argv[2]).toInt());
        std::printf("ready\n");
        std::fflush(stdout);
        sync.sync([](const QString &text) {
            std::printf("%s\n", text.toUtf8().constData());
            std::fflush(stdout);
        });
        std::printf("done\n");
    } catch (const std::exception &e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 1;
    }
    return 0;
}
