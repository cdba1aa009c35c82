#include "app/cli/commands.h"
#include "core/metrics.h"
#include "core/scoretable.h"

#include <cmath>

namespace ms::cli {
namespace {

class MetricsCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("metrics"); }
    QString summary() const override
    {
        return QStringLiteral("average precision (scikit-learn's definition) and ROC-AUC of a "
                              "score,target CSV");
    }
    void addOptions(QCommandLineParser &p) override
    {
        p.addOption({QStringLiteral("scores"),
                     QStringLiteral("CSV with the header score,target (target 0 or 1)"),
                     QStringLiteral("F")});
    }
    int execute(const QCommandLineParser &p) override
    {
        const QString path = required(p, QStringLiteral("scores"));
        const core::ScoreTable table = core::ScoreTable::read(path);
        const auto &scores = table.scores;
        const auto &targets = table.targets;
        const double ap = core::metrics::averagePrecision(scores, targets);
        const double auc = core::metrics::rocAuc(scores, targets);
        out() << "average_precision=" << QString::number(ap, 'g', 17) << "\n"
              << "roc_auc="
              << (std::isnan(auc) ? QStringLiteral("nan") : QString::number(auc, 'g', 17)) << "\n";
        return 0;
    }
};

const CommandRegistration registration(230, [] { return std::make_unique<MetricsCommand>(); });

} // namespace
} // namespace ms::cli
