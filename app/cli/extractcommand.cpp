#include "app/cli/commands.h"
#include "app/cli/jobprinter.h"
#include "models/extractionjob.h"

#include <QElapsedTimer>

namespace ms::cli {
namespace {

class ExtractCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("extract"); }
    QString summary() const override
    {
        return QStringLiteral("extract built-in token features of the films' clips");
    }
    void addOptions(QCommandLineParser &p) override
    {
        p.addOption({QStringLiteral("db"), QStringLiteral("project file"), QStringLiteral("P")});
        p.addOption({QStringLiteral("film"), QStringLiteral("only this film"), QStringLiteral("ID")});
        p.addOption({QStringLiteral("modalities"), QStringLiteral("v,a,t (default all)"),
                     QStringLiteral("LIST")});
        p.addOption({QStringLiteral("threads"), QStringLiteral("decoder threads (default: FFmpeg's choice)"),
                     QStringLiteral("N")});
    }
    int execute(const QCommandLineParser &p) override
    {
        core::ModalitySet mods{core::Modality::Visual, core::Modality::Audio, core::Modality::Text};
        if (p.isSet(QStringLiteral("modalities"))) {
            mods = {};
            for (const QString &m : p.value(QStringLiteral("modalities")).split(u',', Qt::SkipEmptyParts)) {
                const auto parsed = core::parseModality(m);
                if (!parsed)
                    throw UsageError{QStringLiteral("--modalities takes v, a and t, not '%1'").arg(m)};
                mods.insert(*parsed);
            }
        }
        models::ExtractionJob job(projectOption(p),
                                  p.value(QStringLiteral("film")), mods,
                                  intOption(p, QStringLiteral("threads"), 0, 0));
        QElapsedTimer t;
        t.start();
        JobPrinter printer(err(), JobPrinter::Progress::Percent, QStringLiteral("extract"));
        // The job names the registered encoders it uses in log lines: part of the report.
        printer.setLogStream(out());
        printer.run(job);
        const auto &rep = job.report();
        out() << rep.summary() << "\n" << rep.framesDecoded << " frames decoded in " << t.elapsed()
              << " ms\n";
        return 0;
    }
};

const CommandRegistration registration(130, [] { return std::make_unique<ExtractCommand>(); });

} // namespace
} // namespace ms::cli
