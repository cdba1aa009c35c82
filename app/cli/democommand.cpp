#include "app/cli/commands.h"
#include "core/demofilmgenerator.h"
#include "core/error.h"
#include "database/featureextractionservice.h"
#include "database/filmrepository.h"
#include "database/importservice.h"
#include "database/projectdatabase.h"

#include <QDir>
#include <QFileInfo>
#include <QSet>

namespace ms::cli {
namespace {

// The labels of the demo are made up by this program, not by experts: the
// annotator's name and the film's title say so.
const QString kAnnotator = QStringLiteral("demo (synthetic labels)");
const QString kMovie = QStringLiteral("demo0001");

class DemoCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("demo"); }
    QString summary() const override
    {
        return QStringLiteral("build a small demo project offline (generated film, speech, "
                              "subtitles, ~40 annotated clips, features)");
    }
    void addOptions(QCommandLineParser &p) override
    {
        p.addOption({QStringLiteral("out"), QStringLiteral("folder for the demo project"), QStringLiteral("DIR")});
        p.addOption({QStringLiteral("seconds"), QStringLiteral("film length (default 180)"), QStringLiteral("S")});
    }
    int execute(const QCommandLineParser &p) override
    {
        const QString dir = required(p, QStringLiteral("out"));
        const int seconds = intOption(p, QStringLiteral("seconds"), 180, 60);
        const QString projectPath = QDir(dir).filePath(QStringLiteral("demo.msproj"));
        if (QFileInfo::exists(projectPath))
            throw core::UserError(QStringLiteral("%1 already exists; remove it or choose another --out folder")
                                      .arg(projectPath));
        const auto film = core::DemoFilmGenerator::generate(
            QDir(dir).filePath(QStringLiteral("media")), seconds,
            [&](const QString &step) { err() << "demo: " << step << "\n" << Qt::flush; });

        const auto opened = db::ProjectDatabase::open(db::ProjectLocation::file(projectPath),
                                                      db::ProjectDatabase::Mode::OpenOrCreate);
        db::ProjectDatabase &project = *opened;
        db::FilmRepository(project).attachMedia(kMovie, film.videoPath, film.subtitlesPath,
                                                QStringLiteral("Modalscope demo (synthetic film)"));
        // 40 clips of equal length with made-up labels: a line that comments
        // on a body or appearance makes its clip Sure with Speech; some
        // clips get visual or audio concepts; the rest are Easy Negatives.
        const QSet<int> remarks = {2, 5, 7, 9, 11, 13, 15, 17};
        const int n = 40;
        const qint64 clipMs = qint64(seconds) * 1000 / n;
        QList<core::ImportRecord> records;
        for (int i = 0; i < n; ++i) {
            core::ImportRecord r;
            r.line = i + 1;
            r.clipId = QStringLiteral("demo-%1").arg(i + 1, 2, 10, QLatin1Char('0'));
            r.movieId = kMovie;
            r.hasTimes = true;
            r.startMs = i * clipMs;
            r.endMs = (i + 1) * clipMs;
            int remark = -1;
            for (int l = 0; l < film.lines.size(); ++l)
                if (film.lines[l].startMs < *r.endMs && film.lines[l].endMs > *r.startMs && remarks.contains(l))
                    remark = l;
            if (i % 9 == 8) {
                // left unannotated, for the expert to do
            } else if (remark >= 0) {
                r.level = core::Level::Sure;
                r.concepts = {QStringLiteral("Speech")};
                if (remark % 4 == 1)
                    r.concepts.append(QStringLiteral("Look"));
                if (remark == 15)
                    r.concepts.append(QStringLiteral("Voice"));
            } else if (i % 5 == 3) {
                r.level = core::Level::HardNegative;
                r.concepts = {i % 2 ? QStringLiteral("Clothes") : QStringLiteral("Type of plan")};
            } else if (i % 7 == 6) {
                r.level = core::Level::HardNegative;
                r.concepts = {QStringLiteral("Soundtrack")};
            } else {
                r.level = core::Level::EasyNegative;
            }
            records.append(r);
        }
        const auto rep = db::ImportService(project).apply(records, kAnnotator, QStringLiteral("demo"));
        err() << "demo: extracting features\n" << Qt::flush;
        const auto ex = db::FeatureExtractionService(project).extract(
            QString(), {core::Modality::Visual, core::Modality::Audio, core::Modality::Text});
        out() << projectPath << ": demo project with a " << seconds << " s synthetic film ("
              << film.videoPath << ", " << film.lines.size() << " spoken lines in "
              << film.subtitlesPath << "), " << rep.clipsAdded << " clips, labels by '" << kAnnotator
              << "'\n" << ex.summary() << "\nOpen it with: modalscope " << projectPath << "\n";
        return 0;
    }
};

const CommandRegistration registration(170, [] { return std::make_unique<DemoCommand>(); });

} // namespace
} // namespace ms::cli
