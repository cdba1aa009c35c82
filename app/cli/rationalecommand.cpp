#include "app/cli/commands.h"
#include "core/error.h"
#include "database/rationalereader.h"

#include <QJsonDocument>

namespace ms::cli {
namespace {

// Rationale agreement (issue 16): how often a run's attribution agrees with
// the modalities of the concepts the experts ticked, by clip, film, concept
// and over the corpus (core::RationaleAgreement, read by db::RationaleReader).
class RationaleCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("rationale"); }
    QString summary() const override
    {
        return QStringLiteral("how often a run's attribution agrees with the experts' annotated "
                              "modalities");
    }
    void addOptions(QCommandLineParser &p) override
    {
        p.addOption({QStringLiteral("db"), QStringLiteral("project file"), QStringLiteral("P")});
        p.addOption(
            {QStringLiteral("run"), QStringLiteral("run id (see `runs`)"), QStringLiteral("R")});
        p.addOption({QStringLiteral("set"),
                     QStringLiteral("explanation set (default: the run's newest)"),
                     QStringLiteral("ID")});
        addLabelRuleOption(p);
        p.addOption({QStringLiteral("json"), QStringLiteral("print JSON instead of tables")});
    }
    int execute(const QCommandLineParser &p) override
    {
        bool ok = false;
        const qint64 runId = required(p, QStringLiteral("run")).toLongLong(&ok);
        if (!ok || runId <= 0)
            throw UsageError{QStringLiteral("--run must be a run id (see `runs`), not '%1'")
                                 .arg(p.value(QStringLiteral("run")))};
        std::optional<qint64> setId;
        if (p.isSet(QStringLiteral("set"))) {
            const qint64 id = p.value(QStringLiteral("set")).toLongLong(&ok);
            if (!ok || id <= 0)
                throw UsageError{QStringLiteral("--set must be an explanation set id, not '%1'")
                                     .arg(p.value(QStringLiteral("set")))};
            setId = id;
        }
        // Without --label-rule, the run's own rule (the labels it learnt).
        std::optional<core::LabelRule> rule;
        if (p.isSet(QStringLiteral("label-rule")))
            rule = labelRuleOption(p);
        const auto opened = openProject(p, db::ProjectDatabase::Mode::OpenExisting);
        const db::RationaleReport report =
            db::RationaleReader(opened->sql()).read(runId, setId, rule);
        if (p.isSet(QStringLiteral("json")))
            out() << QJsonDocument(report.toJson()).toJson(QJsonDocument::Indented);
        else
            out() << report.toText();
        return 0;
    }
};

const CommandRegistration registration(268, [] { return std::make_unique<RationaleCommand>(); });

} // namespace
} // namespace ms::cli
