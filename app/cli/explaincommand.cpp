#include "app/cli/commands.h"
#include "app/cli/jobprinter.h"
#include "core/atomicfile.h"
#include "core/csv.h"
#include "core/error.h"
#include "database/annotationrepository.h"
#include "database/explanationrepository.h"
#include "database/projectdatabase.h"
#include "models/explanationjob.h"
#include "models/openmppolicy.h"

#include <QCoreApplication>
#include <QMap>

namespace ms::cli {
namespace {

QString num(const std::optional<double> &v)
{
    return v ? QString::number(*v, 'g', 10) : QString();
}

// `explain`: explains one result of a run clip by clip (Shapley values over
// the modalities, interactions, per-modality scores, attention rollout,
// attribution errors), writes one CSV row per clip and stores the set in
// the project for the timeline.
class ExplainCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("explain"); }
    QString summary() const override
    {
        return QStringLiteral("explain a run's predictions per clip (Shapley values of the "
                              "modalities, attention heatmaps, attribution errors)");
    }
    void addOptions(QCommandLineParser &p) override
    {
        p.addOption({QStringLiteral("device"),
                     QStringLiteral("where the reopened models run: cpu, cuda, cuda:N or auto "
                                    "(default cpu)"),
                     QStringLiteral("D")});
        p.addOption({QStringLiteral("db"), QStringLiteral("project file"), QStringLiteral("P")});
        p.addOption(
            {QStringLiteral("run"), QStringLiteral("run id (see `runs`)"), QStringLiteral("R")});
        p.addOption({QStringLiteral("result"),
                     QStringLiteral("result id of the run (default: its first AVT entry, else the "
                                    "one with most modalities)"),
                     QStringLiteral("ID")});
        p.addOption({QStringLiteral("fold"), QStringLiteral("pick the default result on this fold"),
                     QStringLiteral("K")});
        p.addOption({QStringLiteral("baseline"),
                     QStringLiteral("what replaces an absent modality: mean (training mean token, "
                                    "default), zeros, noise or drop (removed from the token set)"),
                     QStringLiteral("B")});
        p.addOption({QStringLiteral("threshold"),
                     QStringLiteral("attribution above which a modality without annotated concept "
                                    "is an error (default 0.10)"),
                     QStringLiteral("X")});
        p.addOption({QStringLiteral("seed"),
                     QStringLiteral("seed of the noise baseline (default 0)"),
                     QStringLiteral("S")});
        p.addOption(
            {QStringLiteral("out"), QStringLiteral("CSV, one row per clip"), QStringLiteral("F")});
    }
    int execute(const QCommandLineParser &p) override
    {
        models::ensurePassiveOpenMp(QCoreApplication::arguments()); // see openmppolicy.h
        const QString device =
            p.isSet(QStringLiteral("device")) ? p.value(QStringLiteral("device")) : QStringLiteral("cpu");
        const QString dbPath = required(p, QStringLiteral("db"));
        const QString outPath = required(p, QStringLiteral("out"));
        models::RunExplainer::Request req;
        req.device = device;
        bool ok = false;
        const qint64 runId = required(p, QStringLiteral("run")).toLongLong(&ok);
        if (!ok)
            throw UsageError{
                QStringLiteral("--run takes a run id (see `runs --db %1`)").arg(dbPath)};
        if (p.isSet(QStringLiteral("result"))) {
            req.resultId = p.value(QStringLiteral("result")).toLongLong(&ok);
            if (!ok)
                throw UsageError{
                    QStringLiteral("--result takes a result id (see `runs --db P --run R`)")};
        }
        if (p.isSet(QStringLiteral("fold")))
            req.fold = intOption(p, QStringLiteral("fold"), 0, 0);
        if (p.isSet(QStringLiteral("baseline"))) {
            const auto b = models::parseBaseline(p.value(QStringLiteral("baseline")));
            if (!b)
                throw UsageError{
                    QStringLiteral("--baseline is mean, zeros, noise or drop, not '%1'")
                        .arg(p.value(QStringLiteral("baseline")))};
            req.baseline = *b;
        }
        if (p.isSet(QStringLiteral("threshold"))) {
            req.thresholds.spurious = p.value(QStringLiteral("threshold")).toDouble(&ok);
            if (!ok || req.thresholds.spurious <= 0 || req.thresholds.spurious >= 1)
                throw UsageError{QStringLiteral("--threshold is a number between 0 and 1")};
        }
        if (p.isSet(QStringLiteral("seed"))) {
            req.seed = p.value(QStringLiteral("seed")).toULongLong(&ok);
            if (!ok)
                throw UsageError{QStringLiteral("--seed must be a non-negative whole number")};
        }
        // The CSV is written before the set is stored: a failure anywhere
        // leaves the project as it was.
        req.store = true;
        models::ExplanationJob job(projectOption(p), runId, req);
        int spurious = 0, missed = 0;
        job.setBeforeStore([&](const models::RunExplainer::Outcome &outcome) {
            QStringList lines;
            lines.append(
                QStringLiteral("clip_id,target,v_full,v_empty,phi_V,phi_A,phi_T,"
                               "attribution_errors,missed,score_V,score_A,score_T,inter_VA,"
                               "inter_VT,inter_AT,three_way,interaction_share,error_text"));
            for (size_t i = 0; i < outcome.clips.size(); ++i) {
                const db::ClipExplanation &e = outcome.clips[i].stored;
                spurious += !e.spurious.isEmpty();
                missed += !e.missed.isEmpty();
                lines.append(core::csv::joinRow(
                    {e.clip, QString::number(outcome.targets[i]), QString::number(e.vFull, 'g', 10),
                     QString::number(e.vEmpty, 'g', 10), num(e.phi[0]), num(e.phi[1]),
                     num(e.phi[2]), e.spurious.codes(), e.missed.codes(), num(e.score[0]), num(e.score[1]),
                     num(e.score[2]), num(e.pairInteraction[0]), num(e.pairInteraction[1]),
                     num(e.pairInteraction[2]), num(e.threeWay), num(e.interactionShare),
                     e.errorText}));
            }
            core::writeFileAtomically(outPath, (lines.join(u'\n') + u'\n').toUtf8());
        });
        // Nothing cancels the CLI's job: it ends done or throws.
        JobPrinter(err(), JobPrinter::Progress::Lines).run(job);
        const auto &outcome = job.outcome();
        const db::ExplanationSet &set = outcome.set;
        const auto opened = openProject(p, db::ProjectDatabase::Mode::OpenExisting);
        db::ProjectDatabase &project = *opened;
        out() << "explained " << outcome.clips.size() << " clips of run " << runId << ", result "
              << set.resultId << " (" << set.modalities.letters() << " " << set.fusion << " on "
              << set.trainSet << ", fold " << set.fold << "), baseline " << set.baseline << ", in "
              << QString::number(outcome.seconds, 'f', 2) << " s\n"
              << "attribution errors (threshold " << req.thresholds.spurious << "): " << spurious
              << " clips with a spurious modality, " << missed << " with a missed one\n";
        // Summaries per modality and per film.
        QHash<QString, QString> filmOf;
        for (const core::Clip &c : db::AnnotationRepository(project.sql()).clips())
            filmOf.insert(c.name, c.movieId);
        struct Count
        {
            int clips = 0, spurious = 0, missed = 0;
        };
        std::array<Count, 3> perModality;
        QMap<QString, Count> perFilm;
        for (const auto &r : outcome.clips) {
            const db::ClipExplanation &e = r.stored;
            Count &film = perFilm[filmOf.value(e.clip)];
            ++film.clips;
            film.spurious += !e.spurious.isEmpty();
            film.missed += !e.missed.isEmpty();
            for (core::Modality m : core::kAllModalities) {
                perModality[size_t(m)].clips += e.phi[size_t(m)].has_value();
                perModality[size_t(m)].spurious += e.spurious.contains(m);
                perModality[size_t(m)].missed += e.missed.contains(m);
            }
        }
        for (int m = 0; m < 3; ++m)
            if (perModality[size_t(m)].clips)
                out() << "  " << core::modalityName(core::Modality(m)) << ": spurious on "
                      << perModality[size_t(m)].spurious << ", missed on "
                      << perModality[size_t(m)].missed << " of " << perModality[size_t(m)].clips
                      << " clips\n";
        for (auto it = perFilm.cbegin(); it != perFilm.cend(); ++it)
            out() << "  film " << it.key() << ": " << it->clips << " clips, " << it->spurious
                  << " with a spurious modality, " << it->missed << " with a missed one\n";
        out() << "stored as explanation set " << set.id << "; CSV " << outPath << "\n";
        const auto &f = outcome.faithfulness;
        if (f.available) {
            auto share = [](int hits, int n) { return n ? double(hits) / n : 0.0; };
            out() << "faithfulness (planted spans: synthetic features, or the demo's planted "
                     "events):\n"
                  << "  pointing game: " << f.pointingHits << "/" << f.pointingClips
                  << " positive clips = "
                  << QString::number(share(f.pointingHits, f.pointingClips), 'f', 3)
                  << " (uniform token: " << QString::number(f.pointingUniform, 'f', 3) << ")\n"
                  << "  largest Shapley value on a planted modality: " << f.shapleyHits << "/"
                  << f.shapleyClips
                  << " clips = " << QString::number(share(f.shapleyHits, f.shapleyClips), 'f', 3)
                  << " (uniform modality: " << QString::number(f.shapleyUniform, 'f', 3) << ")\n";
        }
        return 0;
    }
};

const CommandRegistration registration(250, [] { return std::make_unique<ExplainCommand>(); });

} // namespace
} // namespace ms::cli
