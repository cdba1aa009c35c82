#include "app/cli/commands.h"
#include "core/error.h"
#include "core/level.h"
#include "core/taxonomy.h"
#include "database/annotationrepository.h"
#include "database/projectdatabase.h"
#include "database/taxonomyrepository.h"
#include "sync/teamlink.h"

namespace ms::cli {
namespace {

// Annotates one clip as the window does: the edit starts from the clip's
// effective annotation (so --level alone keeps its concepts and note), is
// written as the annotator's own, and is one committed change with its
// history entry (source "cli"). An unknown clip, level or concept changes
// nothing.
class AnnotateCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("annotate"); }
    QString summary() const override
    {
        return QStringLiteral("set a clip's level (EN, HN, S), concepts and note, as the window "
                              "does");
    }
    void addOptions(QCommandLineParser &p) override
    {
        p.addOption({QStringLiteral("db"), QStringLiteral("project file"), QStringLiteral("P")});
        p.addOption(
            {QStringLiteral("clip"), QStringLiteral("the clip's name"), QStringLiteral("NAME")});
        p.addOption(
            {QStringLiteral("level"), QStringLiteral("EN, HN or S"), QStringLiteral("LEVEL")});
        p.addOption({QStringLiteral("concepts"),
                     QStringLiteral("the concepts, comma-separated (replacing the clip's); an "
                                    "empty value removes them; left out: kept"),
                     QStringLiteral("A,B")});
        p.addOption({QStringLiteral("annotator"),
                     QStringLiteral("whose annotation this is (default: in a project linked to a "
                                    "team, its member's name; else $USER, else 'cli')"),
                     QStringLiteral("NAME")});
        p.addOption({QStringLiteral("note"),
                     QStringLiteral("a note (replacing the clip's); left out: kept"),
                     QStringLiteral("TEXT")});
    }
    int execute(const QCommandLineParser &p) override
    {
        const QString clipName = required(p, QStringLiteral("clip"));
        const QString levelText = required(p, QStringLiteral("level"));
        const std::optional<core::Level> level = core::parseLevel(levelText);
        if (!level)
            throw UsageError{
                QStringLiteral("--level must be EN, HN or S, not '%1'").arg(levelText)};
        QString annotator = p.value(QStringLiteral("annotator")).trimmed();
        if (!p.isSet(QStringLiteral("annotator")))
            annotator = qEnvironmentVariable("USER").trimmed();
        if (annotator.isEmpty())
            annotator = p.isSet(QStringLiteral("annotator")) ? QString() : QStringLiteral("cli");
        if (annotator.isEmpty())
            throw UsageError{QStringLiteral("--annotator must not be empty")};

        const auto opened = openProject(p, db::ProjectDatabase::Mode::OpenExisting);
        // A team project is annotated under its member's name: the team
        // server takes only the member's own annotations.
        if (!p.isSet(QStringLiteral("annotator")))
            if (const sync::TeamLink link = sync::TeamLink::read(opened->sql());
                link.linked && !link.member.isEmpty())
                annotator = link.member;
        db::AnnotationRepository repo(opened->sql());
        const std::optional<core::Clip> clip = repo.clipByName(clipName);
        if (!clip)
            throw core::UserError(
                QStringLiteral("%1: no clip named '%2'; nothing was changed (list the clips with "
                               "'stats' or import them first)")
                    .arg(opened->path(), clipName));

        db::AnnotationState state;
        if (const auto a = repo.effectiveAnnotation(clip->id))
            state = {a->level, a->concepts, a->note};
        state.level = level;
        if (p.isSet(QStringLiteral("concepts"))) {
            const core::Taxonomy taxonomy = db::TaxonomyRepository(opened->sql()).load();
            state.concepts.clear();
            QStringList unknown;
            for (const QString &part : p.value(QStringLiteral("concepts")).split(u',')) {
                const QString name = core::Taxonomy::normaliseName(part);
                if (name.isEmpty())
                    continue;
                bool known = false;
                for (const core::Concept &c : taxonomy.concepts())
                    known = known || c.name == name;
                if (!known)
                    unknown.append(part.trimmed());
                state.concepts.append(name);
            }
            if (!unknown.isEmpty()) {
                QStringList names;
                for (const core::Concept &c : taxonomy.concepts())
                    names.append(c.name);
                throw core::UserError(
                    QStringLiteral("%1: no concept named %2 in the project's taxonomy; nothing "
                                   "was changed. Concepts: %3")
                        .arg(opened->path(), unknown.join(QStringLiteral(", ")),
                             names.join(QStringLiteral(", "))));
            }
        }
        if (p.isSet(QStringLiteral("note")))
            state.note = p.value(QStringLiteral("note"));

        const bool changed = repo.setAnnotation(clip->id, annotator, state, QStringLiteral("cli"));
        out() << clipName << '\t' << core::levelCode(*level) << '\t' << state.concepts.join(u'|')
              << '\t' << annotator << '\t' << (changed ? "changed" : "unchanged") << '\n';
        return 0;
    }
};

const CommandRegistration registration(65, [] { return std::make_unique<AnnotateCommand>(); });

} // namespace
} // namespace ms::cli
