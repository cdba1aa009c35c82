#include "app/cli/commands.h"
#include "core/atomicfile.h"
#include "core/csv.h"
#include "core/error.h"
#include "database/projectdatabase.h"
#include "models/openmppolicy.h"
#include "models/runexplainer.h"

#include <QCoreApplication>
#include <QMap>

namespace ms::cli {
namespace {

// `ablation`: the missing-modality table of a run (as in Geraghty et al.):
// each result's AUC-PR with all modalities and with each modality replaced by
// zeros, Gaussian noise or the training mean.
class AblationCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("ablation"); }
    QString summary() const override
    {
        return QStringLiteral("missing-modality table of a run: AUC-PR with each modality replaced "
                              "by zeros, noise or the training mean");
    }
    void addOptions(QCommandLineParser &p) override
    {
        p.addOption({QStringLiteral("device"),
                     QStringLiteral("where the reopened models run: cpu, cuda, cuda:N or auto "
                                    "(default cpu)"),
                     QStringLiteral("D")});
        p.addOption({QStringLiteral("db"), QStringLiteral("project file"), QStringLiteral("P")});
        p.addOption({QStringLiteral("run"), QStringLiteral("run id"), QStringLiteral("R")});
        p.addOption({QStringLiteral("result"), QStringLiteral("only this result id"),
                     QStringLiteral("ID")});
        p.addOption({QStringLiteral("fold"), QStringLiteral("only results of this fold"),
                     QStringLiteral("K")});
        p.addOption({QStringLiteral("seed"), QStringLiteral("seed of the noise (default 0)"),
                     QStringLiteral("S")});
        p.addOption({QStringLiteral("out"),
                     QStringLiteral("CSV with one row per result, removed "
                                    "modality and baseline"),
                     QStringLiteral("F")});
    }
    int execute(const QCommandLineParser &p) override
    {
        models::ensurePassiveOpenMp(QCoreApplication::arguments()); // see openmppolicy.h
        const QString device =
            p.isSet(QStringLiteral("device")) ? p.value(QStringLiteral("device")) : QStringLiteral("cpu");
        const QString dbPath = required(p, QStringLiteral("db"));
        bool ok = false;
        const qint64 runId = required(p, QStringLiteral("run")).toLongLong(&ok);
        if (!ok)
            throw UsageError{
                QStringLiteral("--run takes a run id (see `runs --db %1`)").arg(dbPath)};
        models::RunExplainer::Request req;
        req.device = device;
        if (p.isSet(QStringLiteral("result"))) {
            req.resultId = p.value(QStringLiteral("result")).toLongLong(&ok);
            if (!ok)
                throw UsageError{QStringLiteral("--result takes a result id")};
        }
        if (p.isSet(QStringLiteral("fold")))
            req.fold = intOption(p, QStringLiteral("fold"), 0, 0);
        if (p.isSet(QStringLiteral("seed"))) {
            req.seed = p.value(QStringLiteral("seed")).toULongLong(&ok);
            if (!ok)
                throw UsageError{QStringLiteral("--seed must be a non-negative whole number")};
        }
        const auto opened = openProject(p, db::ProjectDatabase::Mode::OpenExisting);
        db::ProjectDatabase &project = *opened;
        models::RunExplainer explainer(project.sql(), runId);
        const auto rows = explainer.ablation(req, [&](const QString &line) {
            err() << line << "\n" << Qt::flush;
        });

        if (p.isSet(QStringLiteral("out"))) {
            QStringList lines{QStringLiteral(
                "result_id,modalities,fusion,train_set,fold,removed,baseline,auc_pr")};
            for (const auto &r : rows)
                lines.append(core::csv::joinRow(
                    {QString::number(r.result.id), r.result.modalities.letters(), r.result.fusion,
                     r.result.trainSet, QString::number(r.result.fold), r.removed, r.baseline,
                     QString::number(r.aucPr, 'g', 10)}));
            core::writeFileAtomically(p.value(QStringLiteral("out")),
                                      (lines.join(u'\n') + u'\n').toUtf8());
        }
        // The table, mean over folds: entry x (removed, baseline).
        struct Cell
        {
            double sum = 0;
            int n = 0;
        };
        QMap<QString, QMap<QString, Cell>> table;
        QStringList columns{QStringLiteral("all")};
        for (const auto &r : rows) {
            const QString entry =
                r.result.modalities.letters() + u' ' + r.result.fusion + u' ' + r.result.trainSet;
            const QString col = r.removed.isEmpty()
                                    ? QStringLiteral("all")
                                    : QStringLiteral("-%1 %2").arg(r.removed, r.baseline);
            if (!columns.contains(col))
                columns.append(col);
            Cell &c = table[entry][col];
            c.sum += r.aucPr;
            ++c.n;
        }
        out() << "missing-modality ablation of run " << runId
              << ": AUC-PR (mean over folds) with a modality replaced\n"
              << "entry\t" << columns.join(u'\t') << "\n";
        for (auto it = table.cbegin(); it != table.cend(); ++it) {
            out() << it.key();
            for (const QString &col : columns) {
                const auto c = it.value().constFind(col);
                out() << '\t'
                      << (c == it.value().cend() ? QStringLiteral("")
                                                 : QString::number(c->sum / c->n, 'f', 4));
            }
            out() << "\n";
        }
        return 0;
    }
};

const CommandRegistration registration(260, [] { return std::make_unique<AblationCommand>(); });

} // namespace
} // namespace ms::cli
