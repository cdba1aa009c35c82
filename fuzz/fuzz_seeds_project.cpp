// Writes the seed of fuzz_projectfile into <dir>/projectfile/: a project
// created by this Modalscope (every migration applied) and filled through
// ImportService with two films, five clips and their annotations, then
// closed so that the WAL is folded into the file. Usage: fuzz_seeds_project <dir>
#include "core/importrecord.h"
#include "database/importservice.h"
#include "database/projectdatabase.h"
#include "fuzz/seedrecords.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <cstdio>

using namespace ms;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: fuzz_seeds_project <dir>\n");
        return 2;
    }
    const QList<core::ImportRecord> records = fuzz::seedRecords();
    QTemporaryDir tmp;
    const QString path = tmp.filePath(QStringLiteral("seed.modalscope"));
    try {
        auto project = db::ProjectDatabase::open(db::ProjectLocation::file(path),
                                                 db::ProjectDatabase::Mode::OpenOrCreate);
        db::ImportService(*project).apply(records, QStringLiteral("seed"),
                                          QStringLiteral("fuzz_seeds_project"));
    } catch (const std::exception &e) {
        std::fprintf(stderr, "fuzz_seeds_project: %s\n", e.what());
        return 1;
    }
    const QDir out(QString::fromLocal8Bit(argv[1]));
    out.mkpath(QStringLiteral("projectfile"));
    const QString target = out.filePath(QStringLiteral("projectfile/project.modalscope"));
    QFile::remove(target);
    if (!QFile::copy(path, target)) {
        std::fprintf(stderr, "fuzz_seeds_project: cannot write %s\n", qPrintable(target));
        return 1;
    }
    return 0;
}
