#include "app/cli/commands.h"
#include "core/error.h"
#include "database/annotationqueuebuilder.h"
#include "models/runscorer.h"

#include <QJsonDocument>

namespace ms::cli {
namespace {

// Annotate next (issue 16): the clips waiting for an expert, ordered by the
// model's uncertainty, its attribution errors or the gap between annotators
// and model. The ordering lives in core::orderQueue, the reading in
// db::AnnotationQueueBuilder.
class QueueCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("queue"); }
    QString summary() const override
    {
        return QStringLiteral("which clips to annotate next, ordered by a run's uncertainty, "
                              "attribution errors or disagreement");
    }
    void addOptions(QCommandLineParser &p) override
    {
        p.addOption({QStringLiteral("db"), QStringLiteral("project file"), QStringLiteral("P")});
        p.addOption(
            {QStringLiteral("run"), QStringLiteral("run id (see `runs`)"), QStringLiteral("R")});
        p.addOption({QStringLiteral("by"),
                     QStringLiteral("uncertainty (default: test score closest to the threshold "
                                    "first), attribution-error (largest error of the run's "
                                    "explanations first) or disagreement (largest gap between "
                                    "annotators and model first)"),
                     QStringLiteral("ORDER"), QStringLiteral("uncertainty")});
        p.addOption({QStringLiteral("limit"), QStringLiteral("list at most N clips (default all)"),
                     QStringLiteral("N")});
        p.addOption({QStringLiteral("annotator"),
                     QStringLiteral("the clips NAME has not annotated (default: the clips nobody "
                                    "has annotated)"),
                     QStringLiteral("NAME")});
        p.addOption({QStringLiteral("unadjudicated"),
                     QStringLiteral("the clips whose annotators disagree and that have no "
                                    "consensus yet, instead of the unannotated ones")});
        p.addOption({QStringLiteral("threshold"),
                     QStringLiteral("the model's decision threshold for uncertainty (default "
                                    "0.5)"),
                     QStringLiteral("T")});
        p.addOption({QStringLiteral("set"),
                     QStringLiteral("explanation set for attribution-error (default: the run's "
                                    "newest)"),
                     QStringLiteral("ID")});
        p.addOption({QStringLiteral("tested-only"),
                     QStringLiteral("uncertainty: rank only the clips the run tested; by default "
                                    "the waiting clips it never tested (nobody had annotated them) "
                                    "are scored by its stored models, averaged over the folds")});
        p.addOption({QStringLiteral("json"), QStringLiteral("print JSON instead of a table")});
    }
    int execute(const QCommandLineParser &p) override
    {
        db::QueueRequest request;
        bool ok = false;
        request.runId = required(p, QStringLiteral("run")).toLongLong(&ok);
        if (!ok || request.runId <= 0)
            throw UsageError{QStringLiteral("--run must be a run id (see `runs`), not '%1'")
                                 .arg(p.value(QStringLiteral("run")))};
        const auto order = core::parseQueueOrder(p.value(QStringLiteral("by")));
        if (!order)
            throw UsageError{QStringLiteral("--by must be uncertainty, attribution-error or "
                                            "disagreement, not '%1'")
                                 .arg(p.value(QStringLiteral("by")))};
        request.options.order = *order;
        request.options.limit = intOption(p, QStringLiteral("limit"), 0, 1);
        if (p.isSet(QStringLiteral("threshold"))) {
            request.options.threshold = p.value(QStringLiteral("threshold")).toDouble(&ok);
            if (!ok || request.options.threshold <= 0 || request.options.threshold >= 1)
                throw UsageError{QStringLiteral("--threshold is a number between 0 and 1, not "
                                                "'%1'")
                                     .arg(p.value(QStringLiteral("threshold")))};
        }
        if (p.isSet(QStringLiteral("set"))) {
            const qint64 id = p.value(QStringLiteral("set")).toLongLong(&ok);
            if (!ok || id <= 0)
                throw UsageError{QStringLiteral("--set must be an explanation set id, not '%1'")
                                     .arg(p.value(QStringLiteral("set")))};
            request.setId = id;
        }
        request.pool = p.isSet(QStringLiteral("unadjudicated")) ? db::QueuePool::Unadjudicated
                                                                : db::QueuePool::Unannotated;
        request.annotator = p.value(QStringLiteral("annotator")).trimmed();
        if (request.pool == db::QueuePool::Unadjudicated && !request.annotator.isEmpty())
            throw UsageError{QStringLiteral("--annotator and --unadjudicated exclude each other")};

        const auto opened = openProject(p, db::ProjectDatabase::Mode::OpenExisting);
        db::AnnotationQueueBuilder builder(opened->sql());
        db::QueueReport report = builder.build(request);
        if (request.options.order == core::QueueOrder::Uncertainty &&
            report.ranked < report.poolSize && !p.isSet(QStringLiteral("tested-only"))) {
            // Every waiting clip, not only the head: the limit applies after.
            db::QueueRequest all = request;
            all.options.limit = 0;
            QStringList untested;
            for (const core::QueueEntry &e : builder.build(all).entries)
                if (!e.ranked)
                    untested.append(e.candidate.clip);
            try {
                const models::RunScorer::Outcome scored =
                    models::RunScorer::score(opened->sql(), request.runId, untested);
                request.modelScores = scored.scores;
                request.modelScoreFolds = scored.folds;
                report = builder.build(request);
            } catch (const core::UserError &e) {
                err() << "cannot score the clips run " << request.runId
                      << " never tested: " << e.message() << "\n";
            }
        }
        if (p.isSet(QStringLiteral("json")))
            out() << QJsonDocument(report.toJson()).toJson(QJsonDocument::Indented);
        else
            out() << report.toText();
        return 0;
    }
};

const CommandRegistration registration(265, [] { return std::make_unique<QueueCommand>(); });

} // namespace
} // namespace ms::cli
