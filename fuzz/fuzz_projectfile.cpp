// Opening a damaged project file, as `modalscope-cli --project F ...` and
// File > Open do: the bytes become the project file (no -wal beside it), it
// is opened (header, user_version, migrations, integrity_check) and what
// every view lists is read from it. A refusal must be a UserError; SQLite's
// own parser is not ours, the code reading its rows is.
#include "database/annotationrepository.h"
#include "database/projectdatabase.h"
#include "database/runrepository.h"
#include "database/taxonomyrepository.h"
#include "fuzz/fuzzsupport.h"

#include <QDir>
#include <QFile>
#include <unistd.h>

using namespace ms;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz::quiet();
    // One file per process, so parallel jobs (-jobs=N) do not share it;
    // removed when the process ends.
    struct Scratch
    {
        QString path = QDir::temp().filePath(
            QStringLiteral("modalscope-fuzz-%1.modalscope").arg(::getpid()));
        void clear() const
        {
            for (const char *suffix : {"", "-wal", "-shm", "-journal"})
                QFile::remove(path + QLatin1String(suffix));
        }
        ~Scratch() { clear(); }
    };
    static const Scratch scratch;
    const QString &path = scratch.path;
    scratch.clear();
    {
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            std::abort();
        f.write(reinterpret_cast<const char *>(data), qint64(size));
    }
    fuzz::guarded([&] {
        auto project = db::ProjectDatabase::open(db::ProjectLocation::file(path),
                                                 db::ProjectDatabase::Mode::OpenExisting);
        db::AnnotationRepository annotations(project->sql());
        (void)annotations.films();
        (void)annotations.clips();
        (void)annotations.effectiveAnnotations();
        (void)annotations.annotationTable();
        (void)db::TaxonomyRepository(project->sql()).load();
        db::RunRepository runs(project->sql());
        for (const auto &run : runs.summaries())
            (void)runs.results(run.run.id);
    });
    return 0;
}
