#include "app/cli/commands.h"
#include "core/conceptkeymap.h"
#include "core/error.h"
#include "database/projectdatabase.h"
#include "database/taxonomyrepository.h"

namespace ms::cli {
namespace {

class TaxonomyCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("taxonomy"); }
    QString summary() const override
    {
        return QStringLiteral("list or edit the project's concepts and their modalities");
    }
    void addOptions(QCommandLineParser &p) override
    {
        p.addOption({QStringLiteral("db"), QStringLiteral("project file"), QStringLiteral("P")});
        p.addOption({QStringLiteral("add"), QStringLiteral("add a concept (with --modality)"),
                     QStringLiteral("NAME")});
        p.addOption({QStringLiteral("rename"), QStringLiteral("rename a concept (with --to)"),
                     QStringLiteral("NAME")});
        p.addOption({QStringLiteral("to"), QStringLiteral("the new name for --rename"),
                     QStringLiteral("NEW")});
        p.addOption({QStringLiteral("set-modality"),
                     QStringLiteral("change a concept's modality (with --modality)"),
                     QStringLiteral("NAME")});
        p.addOption({QStringLiteral("modality"), QStringLiteral("visual, audio or textual"),
                     QStringLiteral("M")});
        p.addOption({QStringLiteral("description"), QStringLiteral("description for --add"),
                     QStringLiteral("TEXT")});
        p.addOption({QStringLiteral("retire"),
                     QStringLiteral("hide a concept from new annotations (kept on old ones)"),
                     QStringLiteral("NAME")});
        p.addOption({QStringLiteral("restore"), QStringLiteral("undo --retire"),
                     QStringLiteral("NAME")});
        p.addOption({QStringLiteral("set-key"),
                     QStringLiteral("give a concept its own key in the window (with --key; an "
                                    "empty --key gives back the default)"),
                     QStringLiteral("NAME")});
        p.addOption({QStringLiteral("key"), QStringLiteral("one letter or digit for --set-key"),
                     QStringLiteral("K")});
    }
    int execute(const QCommandLineParser &p) override
    {
        const auto opened = openProject(p, db::ProjectDatabase::Mode::OpenExisting);
        db::ProjectDatabase &project = *opened;
        db::TaxonomyRepository repo(project.sql());
        auto modality = [&]() -> std::optional<core::Modality> {
            const QString m = required(p, QStringLiteral("modality"));
            if (m == u"none")
                return std::nullopt;
            const auto parsed = core::parseModality(m);
            if (!parsed)
                throw UsageError{QStringLiteral("--modality must be visual, audio, textual or "
                                                "none, not '%1'")
                                     .arg(m)};
            return parsed;
        };
        if (p.isSet(QStringLiteral("add")))
            repo.addConcept(p.value(QStringLiteral("add")), modality(),
                            p.value(QStringLiteral("description")));
        else if (p.isSet(QStringLiteral("rename")))
            repo.renameConcept(p.value(QStringLiteral("rename")), required(p, QStringLiteral("to")));
        else if (p.isSet(QStringLiteral("set-modality")))
            repo.setModality(p.value(QStringLiteral("set-modality")), modality());
        else if (p.isSet(QStringLiteral("retire")))
            repo.setRetired(p.value(QStringLiteral("retire")), true);
        else if (p.isSet(QStringLiteral("restore")))
            repo.setRetired(p.value(QStringLiteral("restore")), false);
        else if (p.isSet(QStringLiteral("set-key"))) {
            if (!p.isSet(QStringLiteral("key")))
                throw UsageError{QStringLiteral("--set-key needs --key K (empty for the default)")};
            repo.setShortcut(p.value(QStringLiteral("set-key")), p.value(QStringLiteral("key")));
        }
        const core::Taxonomy taxonomy = repo.load();
        const core::ConceptKeyMap keys(taxonomy);
        for (const core::Concept &c : taxonomy.concepts()) {
            const QChar key = keys.keyOf(c.name);
            out() << QStringLiteral("%1  %2%3%4\n")
                         .arg(c.modality ? core::modalityName(*c.modality)
                                         : QStringLiteral("(none)"),
                              -8)
                         .arg(c.name)
                         .arg(c.retired ? QStringLiteral("  [retired]") : QString())
                         .arg(key.isNull() ? QString()
                                           : QStringLiteral("  key %1%2").arg(key).arg(
                                                 c.shortcut.isEmpty() ? QString()
                                                                      : QStringLiteral(" (own)")));
        }
        return 0;
    }
};

const CommandRegistration registration(60, [] { return std::make_unique<TaxonomyCommand>(); });

} // namespace

} // namespace ms::cli
