#include "app/cli/commands.h"
#include "core/error.h"
#include "core/synthfeaturegenerator.h"
#include "core/taxonomy.h"
#include "database/annotationrepository.h"
#include "database/importservice.h"
#include "database/projectdatabase.h"
#include "database/synthfeaturewriter.h"
#include "models/explainer.h"
#include "models/featureset.h"
#include "models/openmppolicy.h"
#include "models/torchruntime.h"
#include "models/trainedmodel.h"
#include "models/trainer.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <algorithm>
#include <bit>
#include <ctime>
#include <functional>

namespace ms::cli {
namespace {

double cpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

// `bench-explain` (`bench explain`): explaining every clip of one film
// (300 clips, three modalities, all 8 coalitions, attention rollout)
// against plain inference on the same clips with the same batching, measured
// side by side in one process on a scratch project of SYNTHETIC
// paper-sized features (512/768/768) and paper-sized PerceiverIO models
// trained briefly (the timing does not depend on how well they learned).
class BenchExplainCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("bench-explain"); }
    QString summary() const override
    {
        return QStringLiteral("explanation cost (8 coalitions + rollout) against plain inference "
                              "on 300 clips of one film");
    }
    void addOptions(QCommandLineParser &p) override
    {
        p.addOption({QStringLiteral("clips"), QStringLiteral("clips of the film (300)"),
                     QStringLiteral("N")});
        p.addOption({QStringLiteral("fusion"),
                     QStringLiteral("AVT fusion to time: late, early or both (default both)"),
                     QStringLiteral("F")});
        p.addOption({QStringLiteral("baseline"),
                     QStringLiteral("mean, zeros, noise or drop (mean)"), QStringLiteral("B")});
        p.addOption({QStringLiteral("batch"), QStringLiteral("clips per forward pass (32)"),
                     QStringLiteral("B")});
        p.addOption({QStringLiteral("repeat"), QStringLiteral("timed repetitions, best kept (3)"),
                     QStringLiteral("R")});
        p.addOption(
            {QStringLiteral("quick"), QStringLiteral("the small model instead of the paper's")});
        p.addOption({QStringLiteral("device"),
                     QStringLiteral("where the models train and explain: cpu, cuda, cuda:N or "
                                    "auto (default cpu)"),
                     QStringLiteral("D")});
    }
    int execute(const QCommandLineParser &p) override
    {
        models::ensurePassiveOpenMp(QCoreApplication::arguments()); // see openmppolicy.h
        const int clips = intOption(p, QStringLiteral("clips"), 300, 10);
        const int batch = intOption(p, QStringLiteral("batch"), 32, 1);
        const int repeat = intOption(p, QStringLiteral("repeat"), 3, 1);
        const QString fusion = p.isSet(QStringLiteral("fusion"))
                                   ? p.value(QStringLiteral("fusion")).toLower()
                                   : QStringLiteral("both");
        if (fusion != u"late" && fusion != u"early" && fusion != u"both")
            throw UsageError{QStringLiteral("--fusion is late, early or both")};
        models::Baseline baseline = models::Baseline::Mean;
        if (p.isSet(QStringLiteral("baseline"))) {
            const auto b = models::parseBaseline(p.value(QStringLiteral("baseline")));
            if (!b)
                throw UsageError{QStringLiteral("--baseline is mean, zeros, noise or drop")};
            baseline = *b;
        }
        QTemporaryDir tmp(QDir::tempPath() + QStringLiteral("/modalscope-bench-explain-XXXXXX"));
        if (!tmp.isValid())
            throw core::UserError(
                QStringLiteral("cannot create a scratch folder: %1").arg(tmp.errorString()));
        const QString dbPath = tmp.filePath(QStringLiteral("bench.msproj"));
        makeProject(dbPath, clips);

        const core::ModalitySet avt{core::Modality::Visual, core::Modality::Audio,
                                    core::Modality::Text};
        const auto opened = db::ProjectDatabase::open(db::ProjectLocation::file(dbPath),
                                                      db::ProjectDatabase::Mode::OpenExisting);
        db::ProjectDatabase &project = *opened;
        const models::FeatureSet features = models::FeatureSet::load(project.sql(), avt);
        std::vector<int> all(size_t(features.size()));
        QHash<QString, int> target;
        for (const auto &a : db::AnnotationRepository(project.sql()).effectiveAnnotations())
            target.insert(a.clipName, a.level == core::Level::EasyNegative ? 0 : 1);
        models::Trainer::Task task;
        for (int i = 0; i < features.size(); ++i) {
            all[size_t(i)] = i;
            task.train.push_back(i);
            task.trainTargets.push_back(target.value(features.clips()[i], 0));
        }
        QHash<QString, models::ClipContext> context;
        for (const core::Clip &c : db::AnnotationRepository(project.sql()).clips())
            context[c.name].startMs = c.startMs;

        // The components of AVT late fusion (one branch per modality) and of
        // the paper's AVT early fusion (VT and AV pair models, max), trained
        // for one epoch: the timing does not depend on how well they learned.
        const models::PerceiverConfig config = p.isSet(QStringLiteral("quick"))
                                                   ? models::PerceiverConfig::quick()
                                                   : models::PerceiverConfig();
        models::TrainOptions opts;
        opts.maxEpochs = 1;
        opts.device =
            p.isSet(QStringLiteral("device")) ? p.value(QStringLiteral("device")) : QStringLiteral("cpu");
        models::Trainer trainer(features, config, opts);
        auto trainOne = [&](core::ModalitySet inputs) {
            task.inputs = inputs;
            const auto r = trainer.train(task);
            return std::make_shared<models::TrainedModel>(r.config, r.inputs, r.dims, r.weights,
                                                          trainer.device());
        };
        using core::Modality;
        struct Entry
        {
            QString fusion;
            std::vector<std::shared_ptr<models::TrainedModel>> models;
        };
        QList<Entry> entries;
        err() << "bench-explain: training the AVT components for one epoch on " << clips
              << " SYNTHETIC clips..." << Qt::endl;
        if (fusion != u"early")
            entries.append({QStringLiteral("late"),
                            {trainOne(core::ModalitySet{Modality::Visual}),
                             trainOne(core::ModalitySet{Modality::Audio}),
                             trainOne(core::ModalitySet{Modality::Text})}});
        if (fusion != u"late")
            entries.append({QStringLiteral("early"),
                            {trainOne(core::ModalitySet{Modality::Visual, Modality::Text}),
                             trainOne(core::ModalitySet{Modality::Audio, Modality::Visual})}});
        const models::TorchRuntime rt = models::TorchRuntime::initialise(trainer.device());
        out() << "bench explain: " << features.size() << " clips of one film, V/A/T dims "
              << features.dim(Modality::Visual) << "/" << features.dim(Modality::Audio) << "/"
              << features.dim(Modality::Text) << " (SYNTHETIC), "
              << (p.isSet(QStringLiteral("quick")) ? "quick" : "paper-sized") << " PerceiverIO, "
              << batch << " clips per pass, baseline " << models::baselineName(baseline) << ", "
              << rt.describe() << Qt::endl;
        for (const Entry &entry : entries) {
            struct
            {
                std::vector<const models::TrainedModel *> components;
            } m;
            for (const auto &x : entry.models)
                m.components.push_back(x.get());
            models::Explainer::Options o;
            o.baseline = baseline;
            o.batchClips = batch;
            o.lateFusion = entry.fusion == u"late";
            o.relativeSpans = {true, true, true};
            const models::Explainer explainer(features, avt, m.components, all, o);
            o.attention = false;
            const models::Explainer shapleyOnly(features, avt, m.components, all, o);
            // A warm-up of each, then the best of `repeat`.
            explainer.predict(all);
            explainer.explain(all, context);
            // Each measured as the best of `repeat`, in wall time and in the
            // process's CPU time (all threads): on a shared machine the CPU
            // time is the steadier of the two. The order rotates so that no
            // variant always runs right after another.
            struct Timing
            {
                double wall = 1e300, cpu = 1e300;
            };
            std::array<Timing, 3> best; // plain, explanation, explanation without rollout
            std::array<std::function<void()>, 3> work = {
                [&] { explainer.predict(all); },
                [&] {
                    if (explainer.explain(all, context).size() != all.size())
                        throw core::UserError(
                            QStringLiteral("bench-explain: not every clip was explained"));
                },
                [&] { shapleyOnly.explain(all, context); }};
            for (int r = 0; r < repeat; ++r)
                for (int k = 0; k < 3; ++k) {
                    const int i = (k + r) % 3;
                    QElapsedTimer t;
                    const double c0 = cpuSeconds();
                    t.start();
                    work[size_t(i)]();
                    best[size_t(i)].wall =
                        std::min(best[size_t(i)].wall, double(t.nsecsElapsed()) / 1e6);
                    best[size_t(i)].cpu = std::min(best[size_t(i)].cpu, (cpuSeconds() - c0) * 1e3);
                }
            const double plain = best[0].wall, full = best[1].wall, noRollout = best[2].wall;
            int rows = 0;
            for (const auto *c : m.components)
                rows += 1 << std::popcount(unsigned(c->inputs().bits()));
            out() << "AVT " << entry.fusion << " (" << m.components.size() << " models, " << rows
                  << " coalition rows per clip): inference " << QString::number(plain, 'f', 1)
                  << " ms, explanation " << QString::number(full, 'f', 1) << " ms (without rollout "
                  << QString::number(noRollout, 'f', 1) << " ms), ratio "
                  << QString::number(full / plain, 'f', 2) << "x wall; CPU time inference "
                  << QString::number(best[0].cpu, 'f', 1) << " ms, explanation "
                  << QString::number(best[1].cpu, 'f', 1) << " ms (without rollout "
                  << QString::number(best[2].cpu, 'f', 1) << " ms), ratio "
                  << QString::number(best[1].cpu / best[0].cpu, 'f', 2) << "x (target <= 3x)"
                  << Qt::endl;
        }
        return 0;
    }

private:
    // One film of `n` back-to-back 10 s clips; every third Sure with a visual
    // concept, every fifth Hard Negative with an audio one, every seventh
    // Sure with a textual one, the rest Easy Negatives; paper-sized
    // synthetic features.
    static void makeProject(const QString &path, int n)
    {
        const auto opened = db::ProjectDatabase::open(db::ProjectLocation::file(path),
                                                      db::ProjectDatabase::Mode::OpenOrCreate);
        db::ProjectDatabase &project = *opened;
        const core::Taxonomy tax = core::Taxonomy::defaultTaxonomy();
        std::array<QString, 3> conceptOf;
        for (const auto &c : tax.concepts())
            if (c.modality && conceptOf[size_t(*c.modality)].isEmpty())
                conceptOf[size_t(*c.modality)] = c.name;
        QList<core::ImportRecord> records;
        for (int i = 0; i < n; ++i) {
            core::ImportRecord r;
            r.line = i + 2;
            r.movieId = QStringLiteral("tt9000001");
            r.clipId = QStringLiteral("bench-%1").arg(i, 4, 10, QLatin1Char('0'));
            r.hasTimes = true;
            r.startMs = qint64(i) * 10000;
            r.endMs = qint64(i + 1) * 10000;
            if (i % 3 == 0) {
                r.level = core::Level::Sure;
                r.concepts = {conceptOf[0]};
            } else if (i % 5 == 0) {
                r.level = core::Level::HardNegative;
                r.concepts = {conceptOf[1]};
            } else if (i % 7 == 0) {
                r.level = core::Level::Sure;
                r.concepts = {conceptOf[2]};
            } else {
                r.level = core::Level::EasyNegative;
            }
            records.append(r);
        }
        db::ImportService(project).apply(records, QStringLiteral("bench"), QStringLiteral("bench"));
        core::SynthFeatureGenerator::Options o;
        o.seed = 1;
        o.dims = {512, 768, 768};
        db::SynthFeatureWriter::write(project, o);
    }
};

const CommandRegistration registration(940, [] { return std::make_unique<BenchExplainCommand>(); });

} // namespace
} // namespace ms::cli
