#include "app/cli/commands.h"
#include "core/formats/formatregistry.h"
#include "database/importservice.h"
#include "database/projectdatabase.h"

namespace ms::cli {
namespace {

// Formats, their options and the default annotators all come from the
// format registry, so a new format needs no change here.
class ImportAnnotationsCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("import-annotations"); }
    QString summary() const override
    {
        return QStringLiteral("import an annotation table (%1)")
            .arg(core::listInWords(registry().ids()));
    }
    void addOptions(QCommandLineParser &p) override
    {
        QStringList formats, annotators;
        for (const core::AnnotationFormat *f : registry().formats()) {
            formats.append(QStringLiteral("%1 (%2)").arg(f->id(), f->description()));
            annotators.append(
                QStringLiteral("%1 for --format %2").arg(f->defaultAnnotator(), f->id()));
        }
        p.addOption({QStringLiteral("db"), QStringLiteral("project file (created if missing)"),
                     QStringLiteral("P")});
        p.addOption({QStringLiteral("format"), core::listInWords(formats), QStringLiteral("F")});
        p.addOption(
            {QStringLiteral("csv"), QStringLiteral("the table to import"), QStringLiteral("F")});
        p.addOption({QStringLiteral("file"), QStringLiteral("the same as --csv (for files that "
                                                            "are not CSV, such as ELAN's .eaf)"),
                     QStringLiteral("F")});
        for (const auto &[key, help] : parameters().asKeyValueRange())
            p.addOption({key,
                         QStringLiteral("%1 (--format %2)")
                             .arg(help, core::listInWords(formatsWithParameter(key))),
                         key.toUpper()});
        for (const core::FormatOption &o : registry().allOptions()) {
            QStringList choices;
            for (const QString &v : o.values())
                choices.append(v == o.defaultValue ? v + QStringLiteral(" (default)") : v);
            p.addOption({o.key,
                         QStringLiteral("%1: %2").arg(o.help, choices.join(QStringLiteral(", "))),
                         o.values().join(u'|'), o.defaultValue});
        }
        p.addOption({QStringLiteral("annotator"),
                     QStringLiteral("whose annotations these are (default: %1); rows of a "
                                    "table with an annotator column keep their own")
                         .arg(annotators.join(QStringLiteral(", "))),
                     QStringLiteral("NAME")});
    }
    int execute(const QCommandLineParser &p) override
    {
        const db::ProjectLocation location = projectOption(p);
        const QString formatId = required(p, QStringLiteral("format")).toLower();
        if (p.isSet(QStringLiteral("csv")) && p.isSet(QStringLiteral("file")))
            throw UsageError{QStringLiteral("give the file once, with --file or --csv")};
        const QString csvPath = p.isSet(QStringLiteral("file"))
                                    ? p.value(QStringLiteral("file"))
                                    : required(p, QStringLiteral("csv"));
        const core::AnnotationFormat *format = registry().find(formatId);
        if (!format)
            throw UsageError{QStringLiteral("--format must be %1, not '%2'")
                                 .arg(core::listInWords(registry().ids()), formatId)};
        core::FormatOptionValues options;
        for (const core::FormatOption &o : registry().allOptions()) {
            if (!format->option(o.key)) {
                if (p.isSet(o.key))
                    throw UsageError{
                        QStringLiteral("--%1 applies to --format %2 only")
                            .arg(o.key, core::listInWords(registry().idsWithOption(o.key)))};
                continue;
            }
            const QString given = p.value(o.key);
            const auto value = o.choiceFor(given);
            if (!value)
                throw UsageError{QStringLiteral("--%1 must be %2, not '%3'")
                                     .arg(o.key, core::listInWords(o.values()), given)};
            options.insert(o.key, *value);
        }
        for (const QString &key : parameters().keys()) {
            if (!p.isSet(key))
                continue;
            if (!format->parameters().contains(key))
                throw UsageError{QStringLiteral("--%1 applies to --format %2 only")
                                     .arg(key, core::listInWords(formatsWithParameter(key)))};
            options.insert(key, p.values(key).join(u'\n'));
        }
        // Parse before opening the project: a bad file leaves no new project behind.
        const core::ImportedTable table = format->import(csvPath, options);
        QString annotator = p.value(QStringLiteral("annotator"));
        if (annotator.isEmpty())
            annotator = table.annotator;
        const auto opened =
            db::ProjectDatabase::open(location, db::ProjectDatabase::Mode::OpenOrCreate);
        db::ProjectDatabase &project = *opened;
        db::ImportService service(project);
        const db::ImportReport report =
            service.apply(table.records, annotator, table.source, table.meta);
        out() << csvPath << ": " << report.summary() << "\n";
        return 0;
    }

private:
    static const core::FormatRegistry &registry() { return core::FormatRegistry::builtIn(); }
    // Every format's free parameters (key, help), and who reads one.
    static QMap<QString, QString> parameters()
    {
        QMap<QString, QString> all;
        for (const core::AnnotationFormat *f : registry().formats())
            all.insert(f->parameters());
        return all;
    }
    static QStringList formatsWithParameter(const QString &key)
    {
        QStringList ids;
        for (const core::AnnotationFormat *f : registry().formats())
            if (f->parameters().contains(key))
                ids.append(f->id());
        return ids;
    }
};

const CommandRegistration registration(20,
                                       [] { return std::make_unique<ImportAnnotationsCommand>(); });

} // namespace

} // namespace ms::cli
