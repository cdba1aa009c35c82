#include "app/cli/commands.h"
#include "app/cli/jobprinter.h"
#include "core/error.h"
#include "models/openmppolicy.h"
#include "models/trainingjob.h"

#include <QCoreApplication>
#include <QMap>
#include <cmath>

namespace ms::cli {
namespace {

// `train`: one grid entry (a modality set with its fusion) on one training
// set, over the folds, recorded as a run that can be reopened.
class TrainCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("train"); }
    QString summary() const override
    {
        return QStringLiteral("train one PerceiverIO model (or fusion) over the folds and record "
                              "the run");
    }
    void addOptions(QCommandLineParser &p) override
    {
        p.addOption({QStringLiteral("db"), QStringLiteral("project file"), QStringLiteral("P")});
        p.addOption({QStringLiteral("modalities"), QStringLiteral("V, A, T, AV, AT, VT or AVT"),
                     QStringLiteral("M")});
        p.addOption({QStringLiteral("fusion"),
                     QStringLiteral("none (one modality), early or late (default early)"),
                     QStringLiteral("F")});
        p.addOption({QStringLiteral("train-set"), QStringLiteral("CMAD or CMSD (default CMSD)"),
                     QStringLiteral("SET")});
        p.addOption({QStringLiteral("folds"), QStringLiteral("folds (default 5)"), QStringLiteral("K")});
        p.addOption({QStringLiteral("fold"), QStringLiteral("train only this fold (default all)"),
                     QStringLiteral("N")});
        p.addOption({QStringLiteral("seed"), QStringLiteral("seed (default 0)"), QStringLiteral("S")});
        p.addOption({QStringLiteral("device"), QStringLiteral("auto, cpu, cuda or cuda:N (default auto)"),
                     QStringLiteral("D")});
        p.addOption({QStringLiteral("amp"),
                     QStringLiteral("mixed precision: off or bf16 (bf16 autocast, CUDA only; "
                                    "default off)"),
                     QStringLiteral("MODE")});
        p.addOption({QStringLiteral("quick"), QStringLiteral("smaller model and fewer epochs")});
        p.addOption({QStringLiteral("epochs"), QStringLiteral("maximum epochs"), QStringLiteral("N")});
        p.addOption({QStringLiteral("patience"), QStringLiteral("early-stopping patience"),
                     QStringLiteral("N")});
        addLabelRuleOption(p);
    }
    int execute(const QCommandLineParser &p) override
    {
        models::ensurePassiveOpenMp(QCoreApplication::arguments()); // see openmppolicy.h
        const db::ProjectLocation project = projectOption(p);
        const auto set = core::ModalitySet::parseLetters(required(p, QStringLiteral("modalities")));
        if (!set)
            throw UsageError{QStringLiteral("--modalities takes letters like V or AV")};
        models::GridEntry entry{*set, set->letters().size() == 1 ? models::Fusion::None
                                                                  : models::Fusion::Early};
        if (p.isSet(QStringLiteral("fusion"))) {
            const auto f = models::parseFusion(p.value(QStringLiteral("fusion")));
            if (!f)
                throw UsageError{QStringLiteral("--fusion is none, early or late")};
            entry.fusion = *f;
        }
        models::ExperimentSpec::Options options;
        if (p.isSet(QStringLiteral("train-set")))
            options.trainSets = {p.value(QStringLiteral("train-set")).toUpper()};
        options.folds = intOption(p, QStringLiteral("folds"), 5, 3);
        if (p.isSet(QStringLiteral("fold")))
            options.onlyFolds = {intOption(p, QStringLiteral("fold"), 0, 0)};
        if (p.isSet(QStringLiteral("seed"))) {
            bool ok = false;
            options.seed = p.value(QStringLiteral("seed")).toULongLong(&ok);
            if (!ok)
                throw UsageError{QStringLiteral("--seed must be a non-negative whole number")};
        }
        options.quick = p.isSet(QStringLiteral("quick"));
        options.maxEpochs = intOption(p, QStringLiteral("epochs"), 0, 1);
        options.patience = intOption(p, QStringLiteral("patience"), 0, 1);
        if (p.isSet(QStringLiteral("device")))
            options.device = p.value(QStringLiteral("device"));
        options.labelRule = labelRuleOption(p);
        if (p.isSet(QStringLiteral("amp")))
            options.amp = p.value(QStringLiteral("amp"));
        const auto spec = models::ExperimentSpec::single(entry, options);

        models::TrainingJob job(project, spec);
        JobPrinter printer(err(), JobPrinter::Progress::Lines);
        printer.setPartialFormat([](const QVariant &v) {
            const auto pr = v.value<models::ExperimentProgress>();
            return QStringLiteral("  [%1/%2] %3 epoch %4: loss %5, validation AUC-PR %6, %7 s")
                .arg(pr.model)
                .arg(pr.models)
                .arg(pr.modelName)
                .arg(pr.epoch.epoch)
                .arg(QString::number(pr.epoch.loss, 'f', 4),
                     QString::number(pr.epoch.validationAucPr, 'f', 4),
                     QString::number(pr.epoch.seconds, 'f', 2));
        });
        printer.run(job);
        const auto &outcome = job.outcome();
        out() << "labels: " << spec.labelRule.toString() << " (" << spec.labelRule.description()
              << ")\n";
        out() << "run " << outcome.runId << " (" << spec.label << "): " << outcome.modelsTrained
              << " models of " << outcome.parameters << " trainable parameters, "
              << outcome.runtime << ", " << QString::number(outcome.seconds, 'f', 1) << " s\n";
        if (outcome.synthetic)
            out() << "SYNTHETIC features: the metrics below measure generated features.\n";
        double sum = 0;
        int n = 0;
        for (const auto &r : outcome.rows) {
            out() << "fold " << r.fold << ": test on " << r.testSet << " ("
                  << r.positives << " positives, " << r.negatives << " negatives): AUC-PR "
                  << QString::number(r.aucPr, 'f', 4) << ", ROC-AUC "
                  << QString::number(r.rocAuc, 'f', 4) << "\n";
            if (!std::isnan(r.aucPr)) {
                sum += r.aucPr;
                ++n;
            }
        }
        if (n)
            out() << "mean AUC-PR " << QString::number(sum / n, 'f', 4) << " over " << n << " folds\n";
        return 0;
    }
};

const CommandRegistration registration(200, [] { return std::make_unique<TrainCommand>(); });

} // namespace
} // namespace ms::cli
