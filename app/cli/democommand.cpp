#include "app/cli/commands.h"
#include "core/democorpusgenerator.h"
#include "core/error.h"
#include "database/featureextractionservice.h"
#include "database/filmrepository.h"
#include "database/importservice.h"
#include "database/plantedeventrepository.h"
#include "database/projectdatabase.h"
#include "database/transaction.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>

namespace ms::cli {
namespace {

// The labels of the demo are made up by this program from the events it
// planted, not by experts: the annotator's name and the films' titles say so.
const QString kAnnotator = QStringLiteral("demo (synthetic labels)");

QString describe(const core::DemoEvent &e)
{
    switch (e.modality) {
    case core::Modality::Visual:
        return QStringLiteral("a red disc crosses the frame");
    case core::Modality::Audio:
        return QStringLiteral("a 4 kHz tone pulses four times a second");
    case core::Modality::Text:
        return QStringLiteral("spoken and subtitled: \"%1\"").arg(e.text);
    }
    return {};
}

class DemoCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("demo"); }
    QString summary() const override
    {
        return QStringLiteral(
            "build the demo corpus offline: generated films with planted visual, "
            "audio and spoken events, clips labelled from them, ground truth, features");
    }
    void addOptions(QCommandLineParser &p) override
    {
        p.addOption({QStringLiteral("out"), QStringLiteral("folder for the demo project"),
                     QStringLiteral("DIR")});
        p.addOption({QStringLiteral("films"), QStringLiteral("number of films (default 6)"),
                     QStringLiteral("N")});
        p.addOption({QStringLiteral("seconds"), QStringLiteral("length of each film (default 120)"),
                     QStringLiteral("S")});
        p.addOption({QStringLiteral("seed"), QStringLiteral("seed of the corpus (default 1)"),
                     QStringLiteral("SEED")});
    }
    int execute(const QCommandLineParser &p) override
    {
        QElapsedTimer clock;
        clock.start();
        const QString dir = required(p, QStringLiteral("out"));
        core::DemoCorpusGenerator::Options o;
        o.films = intOption(p, QStringLiteral("films"), o.films, 1);
        o.filmSeconds = intOption(p, QStringLiteral("seconds"), o.filmSeconds, 20);
        if (p.isSet(QStringLiteral("seed"))) {
            bool ok = false;
            o.seed = p.value(QStringLiteral("seed")).toULongLong(&ok);
            if (!ok)
                throw UsageError{QStringLiteral("--seed must be a non-negative whole number")};
        }
        const QString projectPath = QDir(dir).filePath(QStringLiteral("demo.msproj"));
        if (QFileInfo::exists(projectPath))
            throw core::UserError(
                QStringLiteral("%1 already exists; remove it or choose another --out folder")
                    .arg(projectPath));
        const QList<core::DemoFilm> films = core::DemoCorpusGenerator::generate(
            QDir(dir).filePath(QStringLiteral("media")), o, [&](const QString &step) {
                err() << "demo: " << step << "\n" << Qt::flush;
            });
        const qint64 mediaMs = clock.elapsed();

        const auto opened = db::ProjectDatabase::open(db::ProjectLocation::file(projectPath),
                                                      db::ProjectDatabase::Mode::OpenOrCreate);
        db::ProjectDatabase &project = *opened;
        QList<core::ImportRecord> records;
        int counts[3] = {0, 0, 0}, twoModalities = 0, annotated = 0, sure = 0;
        for (const core::DemoFilm &film : films) {
            db::FilmRepository(project).attachMedia(film.movieId, film.videoPath,
                                                    film.subtitlesPath, film.title);
            for (const core::DemoClip &c : film.clips) {
                core::ImportRecord r;
                r.line = int(records.size()) + 1;
                r.clipId = c.name;
                r.movieId = film.movieId;
                r.hasTimes = true;
                r.startMs = c.startMs;
                r.endMs = c.endMs;
                r.level = c.level;
                if (c.level)
                    r.concepts = c.concepts;
                annotated += c.level.has_value();
                sure += c.level == core::Level::Sure;
                twoModalities += c.concepts.size() >= 2;
                records.append(r);
            }
        }
        const auto rep =
            db::ImportService(project).apply(records, kAnnotator, QStringLiteral("demo"));
        {
            db::Transaction tx(project.sql());
            db::PlantedEventRepository events(project.sql());
            for (const core::DemoFilm &film : films)
                for (const core::DemoEvent &e : film.planted()) {
                    events.add({film.movieId, e.startMs, e.endMs, e.modality, e.conceptName,
                                describe(e) + QStringLiteral(" (synthetic)")});
                    ++counts[size_t(e.modality)];
                }
            tx.commit();
        }
        err() << "demo: extracting features\n" << Qt::flush;
        const auto ex = db::FeatureExtractionService(project).extract(
            QString(), {core::Modality::Visual, core::Modality::Audio, core::Modality::Text});
        const int spans = ex.plantedSpans; // the extraction derives them from the events
        out() << projectPath << ": demo corpus of " << films.size() << " synthetic films of "
              << o.filmSeconds << " s (seed " << o.seed << "), " << rep.clipsAdded << " clips ("
              << annotated << " labelled by '" << kAnnotator << "', " << sure << " Sure, "
              << twoModalities << " with events of two modalities or more)\n"
              << "planted events: " << counts[0] << " visual ("
              << core::DemoCorpusGenerator::kVisualConcept << "), " << counts[1] << " audio ("
              << core::DemoCorpusGenerator::kAudioConcept << "), " << counts[2] << " textual ("
              << core::DemoCorpusGenerator::kTextConcept << "); " << spans
              << " planted token spans\n"
              << ex.summary() << "\nbuilt in " << QString::number(clock.elapsed() / 1000.0, 'f', 1)
              << " s (media " << QString::number(mediaMs / 1000.0, 'f', 1) << " s)\n"
              << "Open it with: modalscope " << projectPath << "\n";
        if (films.size() < 5)
            out() << "note: " << films.size() << " films are too few for the default 5 folds "
                  << "(each fold needs a film of its own): train with as many folds as films, "
                  << "or build 5 or more (--films)\n";
        return 0;
    }
};

const CommandRegistration registration(170, [] { return std::make_unique<DemoCommand>(); });

} // namespace
} // namespace ms::cli
