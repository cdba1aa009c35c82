#include "app/cli/commands.h"
#include "core/modalscopecsv.h"
#include "core/obygazereader.h"
#include "database/importservice.h"
#include "database/projectdatabase.h"

#include <QFileInfo>

namespace ms::cli {
namespace {

class ImportAnnotationsCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("import-annotations"); }
    QString summary() const override
    {
        return QStringLiteral("import an annotation table (ObyGaze or Modalscope CSV)");
    }
    void addOptions(QCommandLineParser &p) override
    {
        p.addOption({QStringLiteral("db"), QStringLiteral("project file (created if missing)"),
                     QStringLiteral("P")});
        p.addOption({QStringLiteral("format"),
                     QStringLiteral("obygaze (the published ObyGaze/MObyGaze table) or "
                                    "modalscope (clip_id,movie,start_ms,end_ms,level,concepts)"),
                     QStringLiteral("F")});
        p.addOption({QStringLiteral("csv"), QStringLiteral("the table to import"),
                     QStringLiteral("F")});
        p.addOption({QStringLiteral("not-sure"),
                     QStringLiteral("what ObyGaze's 'Not Sure' becomes: hn (default), s, exclude"),
                     QStringLiteral("hn|s|exclude"), QStringLiteral("hn")});
        p.addOption({QStringLiteral("annotator"),
                     QStringLiteral("whose annotations these are (default: obygaze for "
                                    "--format obygaze, import otherwise)"),
                     QStringLiteral("NAME")});
    }
    int execute(const QCommandLineParser &p) override
    {
        const db::ProjectLocation location = projectOption(p);
        const QString format = required(p, QStringLiteral("format")).toLower();
        const QString csvPath = required(p, QStringLiteral("csv"));
        QList<core::ImportRecord> records;
        QMap<QString, QString> meta;
        QString annotator = p.value(QStringLiteral("annotator"));
        if (format == u"obygaze") {
            const auto rule = core::parseNotSureRule(p.value(QStringLiteral("not-sure")));
            if (!rule)
                throw UsageError{QStringLiteral("--not-sure must be hn, s or exclude, not '%1'")
                                     .arg(p.value(QStringLiteral("not-sure")))};
            // Parse before opening the project: a bad file leaves no new project behind.
            records = core::ObyGazeReader::read(csvPath, *rule);
            meta.insert(QStringLiteral("not_sure_rule"), core::notSureRuleCode(*rule));
            if (annotator.isEmpty())
                annotator = QStringLiteral("obygaze");
        } else if (format == u"modalscope") {
            if (p.isSet(QStringLiteral("not-sure")))
                throw UsageError{QStringLiteral("--not-sure applies to --format obygaze only")};
            records = core::ModalscopeCsv::read(csvPath);
            if (annotator.isEmpty())
                annotator = QStringLiteral("import");
        } else {
            throw UsageError{
                QStringLiteral("--format must be obygaze or modalscope, not '%1'").arg(format)};
        }
        const auto opened =
            db::ProjectDatabase::open(location, db::ProjectDatabase::Mode::OpenOrCreate);
        db::ProjectDatabase &project = *opened;
        db::ImportService service(project);
        const db::ImportReport report = service.apply(
            records, annotator,
            QStringLiteral("import:%1:%2").arg(format, QFileInfo(csvPath).fileName()), meta);
        out() << csvPath << ": " << report.summary() << "\n";
        return 0;
    }
};

const CommandRegistration registration(20, [] { return std::make_unique<ImportAnnotationsCommand>(); });

} // namespace

} // namespace ms::cli
