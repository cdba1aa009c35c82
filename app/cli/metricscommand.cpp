#include "app/cli/commands.h"
#include "core/csv.h"
#include "core/error.h"
#include "core/metrics.h"

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
        const QList<core::CsvRecord> records =
            core::csv::parse(core::csv::decodeText(core::csv::readFile(path)), u',', path);
        if (records.isEmpty())
            throw core::UserError(QStringLiteral("%1: the file is empty").arg(path));
        const QStringList header = records.first().fields;
        const qsizetype si = header.indexOf(QStringLiteral("score"));
        const qsizetype ti = header.indexOf(QStringLiteral("target"));
        if (si < 0 || ti < 0)
            throw core::UserError(
                QStringLiteral("%1: the header must name the columns score and target").arg(path));
        std::vector<float> scores;
        std::vector<int> targets;
        for (qsizetype r = 1; r < records.size(); ++r) {
            const auto &rec = records.at(r);
            if (rec.fields.size() == 1 && rec.fields.first().trimmed().isEmpty())
                continue;
            bool okS = false, okT = false;
            const double s = rec.fields.value(si).trimmed().toDouble(&okS);
            const int t = rec.fields.value(ti).trimmed().toInt(&okT);
            if (!okS || !std::isfinite(s) || !okT || (t != 0 && t != 1))
                throw core::UserError(QStringLiteral("%1, line %2: expected a finite score and a "
                                                     "target of 0 or 1")
                                          .arg(path)
                                          .arg(rec.line));
            scores.push_back(float(s));
            targets.push_back(t);
        }
        if (std::find(targets.begin(), targets.end(), 1) == targets.end())
            throw core::UserError(
                QStringLiteral("%1: no positive target: average precision is undefined").arg(path));
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
