#include "app/cli/commands.h"
#include "core/csv.h"
#include "core/error.h"
#include "database/importservice.h"
#include "database/projectdatabase.h"

#include <QSet>

namespace ms::cli {
namespace {

// clip_id,movie,start_ms,end_ms: the time ranges of clips in their films.
class ImportClipsCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("import-clips"); }
    QString summary() const override
    {
        return QStringLiteral("import clip time ranges (CSV clip_id,movie,start_ms,end_ms)");
    }
    void addOptions(QCommandLineParser &p) override
    {
        p.addOption({QStringLiteral("db"), QStringLiteral("project file (created if missing)"),
                     QStringLiteral("P")});
        p.addOption({QStringLiteral("csv"), QStringLiteral("the clips table"), QStringLiteral("F")});
    }
    int execute(const QCommandLineParser &p) override
    {
        const QString path = required(p, QStringLiteral("csv"));
        const auto records = core::csv::parse(core::csv::decodeText(core::csv::readFile(path)), u',', path);
        const QStringList header = {"clip_id", "movie", "start_ms", "end_ms"};
        if (records.isEmpty())
            throw core::UserError(QStringLiteral("%1: the file is empty").arg(path));
        QStringList got;
        for (const QString &f : records.first().fields)
            got.append(f.trimmed());
        if (got != header)
            throw core::UserError(QStringLiteral("%1: line 1: the header must be "
                                                 "'clip_id,movie,start_ms,end_ms', found '%2'")
                                      .arg(path, got.join(u',')));
        QList<core::ImportRecord> clips;
        QSet<QString> seen;
        for (qsizetype i = 1; i < records.size(); ++i) {
            const auto &r = records.at(i);
            auto fail = [&](const QString &why) {
                throw core::UserError(QStringLiteral("%1: line %2: %3").arg(path).arg(r.line).arg(why));
            };
            if (r.fields.size() == 1 && r.fields.first().trimmed().isEmpty())
                continue;
            if (r.fields.size() != 4)
                fail(QStringLiteral("expected 4 comma-separated fields, found %1").arg(r.fields.size()));
            core::ImportRecord c;
            c.line = r.line;
            c.clipId = r.fields[0].trimmed();
            c.movieId = r.fields[1].trimmed();
            if (c.clipId.isEmpty() || c.movieId.isEmpty())
                fail(QStringLiteral("clip_id and movie must not be empty"));
            if (seen.contains(c.clipId))
                fail(QStringLiteral("clip id '%1' appears twice").arg(c.clipId));
            seen.insert(c.clipId);
            bool ok1 = false, ok2 = false;
            const qint64 s = r.fields[2].trimmed().toLongLong(&ok1);
            const qint64 e = r.fields[3].trimmed().toLongLong(&ok2);
            if (!ok1 || !ok2 || s < 0 || e <= s)
                fail(QStringLiteral("start_ms '%1' and end_ms '%2' must be whole milliseconds with "
                                    "start < end")
                         .arg(r.fields[2].trimmed(), r.fields[3].trimmed()));
            c.hasTimes = true;
            c.startMs = s;
            c.endMs = e;
            clips.append(c);
        }
        const auto opened = openProject(p, db::ProjectDatabase::Mode::OpenOrCreate);
        db::ProjectDatabase &project = *opened;
        const auto rep = db::ImportService(project).apply(clips, QString(), QStringLiteral("import-clips"));
        out() << path << ": " << rep.rows << " clips: " << rep.filmsAdded << " films and "
              << rep.clipsAdded << " clips added, " << rep.clipsUpdated << " updated\n";
        return 0;
    }
};

const CommandRegistration registration(108, [] { return std::make_unique<ImportClipsCommand>(); });

} // namespace
} // namespace ms::cli
