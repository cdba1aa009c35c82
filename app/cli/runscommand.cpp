#include "app/cli/commands.h"
#include "core/error.h"
#include "database/explanationrepository.h"
#include "database/projectdatabase.h"
#include "database/runrepository.h"

#include <QMap>
#include <cmath>

namespace ms::cli {
namespace {

class RunsCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("runs"); }
    QString summary() const override
    {
        return QStringLiteral("list the project's training runs with their ids and mean metrics");
    }
    void addOptions(QCommandLineParser &p) override
    {
        p.addOption({QStringLiteral("db"), QStringLiteral("project file"), QStringLiteral("P")});
        p.addOption({QStringLiteral("run"), QStringLiteral("show one run's models and results"),
                     QStringLiteral("ID")});
    }
    int execute(const QCommandLineParser &p) override
    {
        const auto opened = openProject(p, db::ProjectDatabase::Mode::OpenExisting);
        db::ProjectDatabase &project = *opened;
        db::RunRepository runs(project.sql());
        if (p.isSet(QStringLiteral("run")))
            return showRun(runs, project.sql(), p.value(QStringLiteral("run")).toLongLong());
        const auto all = runs.runs();
        if (all.isEmpty()) {
            out() << "no runs yet (train or experiment records them)\n";
            return 0;
        }
        out() << "id\tkind\tstatus\tcreated\tdevice\tdata\tlabel\n";
        for (const auto &r : all)
            out() << r.id << '\t' << r.kind << '\t' << r.status << '\t' << r.createdAt << '\t'
                  << r.device.section(u',', 0, 1) << '\t'
                  << (r.synthetic ? "SYNTHETIC features" : "features") << '\t' << r.label << '\n';
        return 0;
    }

private:
    int showRun(db::RunRepository &runs, db::SqliteDatabase &sql, qint64 id)
    {
        const auto r = runs.run(id);
        if (!r)
            throw core::UserError(QStringLiteral("there is no run %1 in this project").arg(id));
        out() << "run " << r->id << " (" << r->kind << ", " << r->status << ") " << r->label << "\n"
              << "created " << r->createdAt << ", finished " << r->finishedAt << "\n"
              << "seed " << r->seed << ", device " << r->device << "\n"
              << "annotations " << r->annotationsHash.left(16) << ", features "
              << r->featuresHash.left(16) << (r->synthetic ? " (SYNTHETIC)" : "") << "\n"
              << "versions " << r->versions << "\n";
        if (!r->message.isEmpty())
            out() << "message: " << r->message << "\n";
        out() << "models:\n";
        for (const auto &m : runs.models(id))
            out() << "  #" << m.id << " " << m.modalities.letters() << " on " << m.trainSet
                  << " fold " << m.fold << ": best epoch " << m.bestEpoch << ", validation AUC-PR "
                  << (m.bestValidationAucPr ? QString::number(*m.bestValidationAucPr, 'f', 4)
                                            : QStringLiteral("n/a"))
                  << ", " << m.parameters << " parameters\n";
        out() << "results (mean over folds):\n";
        QMap<QString, QList<double>> byEntry;
        for (const auto &x : runs.results(id))
            if (x.aucPr)
                byEntry[x.modalities.letters() + u' ' + x.fusion + u' ' + x.trainSet].append(
                    *x.aucPr);
        for (auto it = byEntry.cbegin(); it != byEntry.cend(); ++it) {
            double s = 0;
            for (double v : it.value())
                s += v;
            out() << "  " << it.key() << ": AUC-PR " << QString::number(s / it.value().size(), 'f', 4)
                  << " over " << it.value().size() << " folds\n";
        }
        // The ids `explain --result` and `ablation --result` take.
        out() << "result ids:\n";
        for (const auto &x : runs.results(id))
            out() << "  #" << x.id << " " << x.modalities.letters() << " " << x.fusion << " on "
                  << x.trainSet << " fold " << x.fold << "\n";
        const auto sets = db::ExplanationRepository(sql).sets(id);
        if (!sets.isEmpty()) {
            out() << "stored explanations:\n";
            for (const auto &e : sets)
                out() << "  set " << e.id << ": result #" << e.resultId << " ("
                      << e.modalities.letters() << " " << e.fusion << " fold " << e.fold
                      << "), baseline " << e.baseline << ", " << e.createdAt << "\n";
        }
        return 0;
    }
};

const CommandRegistration registration(220, [] { return std::make_unique<RunsCommand>(); });

} // namespace
} // namespace ms::cli
