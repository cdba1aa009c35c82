#include "app/cli/commands.h"
#include "core/error.h"
#include "core/obygazereader.h"
#include "core/splitexporter.h"
#include "database/annotationrepository.h"
#include "database/importservice.h"
#include "database/projectdatabase.h"
#include "database/projectmeta.h"
#include "database/taxonomyrepository.h"

#include <QDir>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <algorithm>

namespace ms::cli {
namespace {

double percentile(QList<double> v, double p)
{
    std::sort(v.begin(), v.end());
    const qsizetype i = std::min<qsizetype>(v.size() - 1, qsizetype(p / 100.0 * double(v.size())));
    return v.at(i);
}

QString describe(const QList<double> &ms)
{
    double sum = 0;
    for (double x : ms)
        sum += x;
    return QStringLiteral("n=%1 mean=%2 ms p50=%3 ms p90=%4 ms p99=%5 ms max=%6 ms")
        .arg(ms.size())
        .arg(sum / double(ms.size()), 0, 'f', 3)
        .arg(percentile(ms, 50), 0, 'f', 3)
        .arg(percentile(ms, 90), 0, 'f', 3)
        .arg(percentile(ms, 99), 0, 'f', 3)
        .arg(*std::max_element(ms.begin(), ms.end()), 0, 'f', 3);
}

class BenchCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("bench"); }
    QString summary() const override
    {
        return QStringLiteral("benchmarks: `bench annotate` (one committed change), `bench "
                              "import` (ObyGaze import and split export), and the others below");
    }
    bool takesPositionalArguments() const override { return true; }
    void addOptions(QCommandLineParser &p) override
    {
        p.addPositionalArgument(QStringLiteral("what"), QStringLiteral("annotate or import"));
        p.addOption({QStringLiteral("n"), QStringLiteral("annotate: changes to commit (2000)"),
                     QStringLiteral("N")});
        p.addOption({QStringLiteral("csv"),
                     QStringLiteral("import: the ObyGaze table (default "
                                    "$MODALSCOPE_SHARED/datasets/obygaze12/"
                                    "ObyGaze12_thresh_02.csv)"),
                     QStringLiteral("F")});
        p.addOption({QStringLiteral("repeat"), QStringLiteral("import: repetitions (5)"),
                     QStringLiteral("R")});
        p.addOption({QStringLiteral("dir"),
                     QStringLiteral("folder for the scratch project (default: a temporary one)"),
                     QStringLiteral("DIR")});
    }
    int execute(const QCommandLineParser &p) override
    {
        const QStringList pos = p.positionalArguments();
        if (pos.size() != 1)
            throw UsageError{QStringLiteral("say what to benchmark: annotate or import")};
        QTemporaryDir tmp(p.isSet(QStringLiteral("dir"))
                              ? QDir(p.value(QStringLiteral("dir"))).filePath(QStringLiteral("bench-XXXXXX"))
                              : QDir::tempPath() + QStringLiteral("/modalscope-bench-XXXXXX"));
        if (!tmp.isValid())
            throw core::UserError(QStringLiteral("cannot create a scratch folder: %1")
                                      .arg(tmp.errorString()));
        if (pos.first() == u"annotate")
            return annotate(intOption(p, QStringLiteral("n"), 2000, 1), tmp.path());
        if (pos.first() == u"import")
            return importExport(p, tmp.path());
        throw UsageError{QStringLiteral("unknown benchmark '%1' (annotate or import)").arg(pos.first())};
    }

private:
    int annotate(int n, const QString &dir)
    {
        const auto opened = db::ProjectDatabase::open(
            db::ProjectLocation::file(dir + QStringLiteral("/bench.msproj")),
            db::ProjectDatabase::Mode::OpenOrCreate);
        db::ProjectDatabase &project = *opened;
        const int clipCount = 200;
        QList<core::ImportRecord> clips;
        for (int i = 0; i < clipCount; ++i) {
            core::ImportRecord r;
            r.clipId = QStringLiteral("bench-%1").arg(i, 4, 10, QLatin1Char('0'));
            r.movieId = QStringLiteral("tt%1").arg(i % 10);
            clips.append(r);
        }
        db::ImportService(project).apply(clips, QStringLiteral("setup"), QStringLiteral("bench"));
        db::AnnotationRepository repo(project.sql());
        const auto all = repo.clips();
        const QList<QStringList> conceptSets = {{},
                                                {QStringLiteral("Body")},
                                                {QStringLiteral("Speech"), QStringLiteral("Look")},
                                                {QStringLiteral("Voice")}};
        const core::Level levels[] = {core::Level::EasyNegative, core::Level::HardNegative,
                                      core::Level::Sure};
        QList<double> ms;
        ms.reserve(n);
        QElapsedTimer t;
        for (int i = 0; i < n; ++i) {
            db::AnnotationState s;
            // Every step changes the clip's state, so each call commits.
            const int round = i / clipCount;
            s.level = levels[round % 3];
            s.concepts = s.level == core::Level::EasyNegative ? QStringList()
                                                               : conceptSets.at(round % 4);
            s.note = QStringLiteral("bench %1").arg(i);
            t.start();
            const bool changed = repo.setAnnotation(all.at(i % clipCount).id,
                                                    QStringLiteral("bench"), s,
                                                    QStringLiteral("bench"));
            ms.append(double(t.nsecsElapsed()) / 1e6);
            if (!changed)
                throw core::UserError(QStringLiteral("bench: change %1 was not committed").arg(i));
        }
        out() << "bench annotate: one annotation change committed (BEGIN IMMEDIATE ... COMMIT, "
                 "WAL, synchronous=NORMAL)\n"
              << "  " << describe(ms) << "\n"
              << "  history rows: " << repo.historyCount() << "\n";
        return 0;
    }

    int importExport(const QCommandLineParser &p, const QString &dir)
    {
        QString csvPath = p.value(QStringLiteral("csv"));
        if (csvPath.isEmpty()) {
            const QString shared = qEnvironmentVariable("MODALSCOPE_SHARED");
            if (shared.isEmpty())
                throw UsageError{QStringLiteral("give --csv or set MODALSCOPE_SHARED")};
            csvPath = shared + QStringLiteral("/datasets/obygaze12/ObyGaze12_thresh_02.csv");
        }
        const int repeat = intOption(p, QStringLiteral("repeat"), 5, 1);
        QList<double> importMs, reimportMs, exportMs;
        int rows = 0;
        for (int r = 0; r < repeat; ++r) {
            const QString path = QStringLiteral("%1/run%2.msproj").arg(dir).arg(r);
            const auto opened = db::ProjectDatabase::open(db::ProjectLocation::file(path),
                                                          db::ProjectDatabase::Mode::OpenOrCreate);
            db::ProjectDatabase &project = *opened;
            QElapsedTimer t;
            t.start();
            {
                const auto records =
                    core::ObyGazeReader::read(csvPath, core::NotSureRule::HardNegative);
                rows = int(records.size());
                db::ImportService(project).apply(records, QStringLiteral("obygaze"),
                                                 QStringLiteral("bench"),
                                                 {{QStringLiteral("not_sure_rule"), QStringLiteral("hn")}});
            }
            importMs.append(double(t.nsecsElapsed()) / 1e6);
            t.start();
            {
                const auto records =
                    core::ObyGazeReader::read(csvPath, core::NotSureRule::HardNegative);
                const auto rep = db::ImportService(project).apply(records, QStringLiteral("obygaze"),
                                                                  QStringLiteral("bench"));
                if (rep.annotationsChanged || rep.clipsAdded || rep.clipsUpdated)
                    throw core::UserError(QStringLiteral("bench: re-import changed the project"));
            }
            reimportMs.append(double(t.nsecsElapsed()) / 1e6);
            t.start();
            {
                db::AnnotationRepository repo(project.sql());
                core::SplitExporter::Options o;
                o.notSureRule = db::ProjectMeta(project.sql()).value(QStringLiteral("not_sure_rule"));
                core::SplitExporter ex(repo.effectiveAnnotations(),
                                       db::TaxonomyRepository(project.sql()).load(), o);
                ex.write(QStringLiteral("%1/splits%2").arg(dir).arg(r));
            }
            exportMs.append(double(t.nsecsElapsed()) / 1e6);
        }
        out() << "bench import: " << csvPath << " (" << rows << " rows), " << repeat
              << " fresh projects\n"
              << "  import (read + parse + apply, one transaction): " << describe(importMs) << "\n"
              << "  re-import of the same file (no change):         " << describe(reimportMs)
              << "\n"
              << "  export-splits (load + 8 datasets + manifest):   " << describe(exportMs)
              << "\n";
        return 0;
    }
};

const CommandRegistration registration(900, [] { return std::make_unique<BenchCommand>(); });

} // namespace

} // namespace ms::cli
