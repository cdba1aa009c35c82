// Test helper for tst_crashsafety: writes annotation changes in a loop and
// reports each one on stdout only after its transaction committed. The test
// kills this process with SIGKILL at a random moment.

#include "database/annotationrepository.h"
#include "database/importservice.h"
#include "database/projectdatabase.h"

#include <QCoreApplication>
#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: ms_crashwriter PROJECT\n");
        return 2;
    }
    using namespace ms;
    db::ProjectDatabase project(QString::fromLocal8Bit(argv[1]), db::ProjectDatabase::Mode::OpenOrCreate);
    QList<core::ImportRecord> clips;
    for (int i = 0; i < 50; ++i) {
        core::ImportRecord r;
        r.clipId = QStringLiteral("clip-%1").arg(i);
        r.movieId = QStringLiteral("film-%1").arg(i % 5);
        clips.append(r);
    }
    db::ImportService(project).apply(clips, QStringLiteral("setup"), QStringLiteral("setup"));
    db::AnnotationRepository repo(project.sql());
    const auto all = repo.clips();
    std::printf("ready\n");
    std::fflush(stdout);
    const core::Level levels[] = {core::Level::EasyNegative, core::Level::HardNegative,
                                  core::Level::Sure};
    for (long i = 0;; ++i) {
        db::AnnotationState s;
        s.level = levels[i % 3];
        if (s.level != core::Level::EasyNegative)
            s.concepts = i % 2 ? QStringList{QStringLiteral("Body"), QStringLiteral("Speech")}
                               : QStringList{QStringLiteral("Voice")};
        s.note = QStringLiteral("write %1").arg(i);
        repo.setAnnotation(all.at(int(i % all.size())).id, QStringLiteral("crash"), s,
                           QStringLiteral("crashwriter"));
        std::printf("committed %ld\n", i);
        std::fflush(stdout);
    }
}
