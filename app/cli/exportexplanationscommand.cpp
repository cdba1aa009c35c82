#include "app/cli/commands.h"
#include "core/atomicfile.h"
#include "core/error.h"
#include "database/annotationrepository.h"
#include "database/explanationrepository.h"
#include "database/projectdatabase.h"
#include "database/runrepository.h"

#include <QStringList>
#include <algorithm>

namespace ms::cli {
namespace {

QString vttTime(qint64 ms)
{
    ms = std::max<qint64>(0, ms);
    return QStringLiteral("%1:%2:%3.%4")
        .arg(ms / 3600000, 2, 10, QLatin1Char('0'))
        .arg(ms / 60000 % 60, 2, 10, QLatin1Char('0'))
        .arg(ms / 1000 % 60, 2, 10, QLatin1Char('0'))
        .arg(ms % 1000, 3, 10, QLatin1Char('0'));
}

const char *const kLetters[3] = {"V", "A", "T"};
const char *const kNames[3] = {"visual", "audio", "textual"};

// `export-explanations`: a run's stored explanations of one film as a WebVTT
// track, one cue per clip, so the film can be screened with them in any
// player.
class ExportExplanationsCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("export-explanations"); }
    QString summary() const override
    {
        return QStringLiteral("write a run's stored explanations of one film as WebVTT cues "
                              "(scores, largest attribution, attribution errors)");
    }
    void addOptions(QCommandLineParser &p) override
    {
        p.addOption({QStringLiteral("db"), QStringLiteral("project file"), QStringLiteral("P")});
        p.addOption({QStringLiteral("run"), QStringLiteral("run id"), QStringLiteral("R")});
        p.addOption({QStringLiteral("film"), QStringLiteral("film (movie id, e.g. tt0108160)"),
                     QStringLiteral("ID")});
        p.addOption({QStringLiteral("set"),
                     QStringLiteral("explanation set id (default: the run's newest)"),
                     QStringLiteral("N")});
        p.addOption(
            {QStringLiteral("vtt"), QStringLiteral("WebVTT file to write"), QStringLiteral("F")});
    }
    int execute(const QCommandLineParser &p) override
    {
        const QString dbPath = required(p, QStringLiteral("db"));
        const QString film = required(p, QStringLiteral("film"));
        const QString vttPath = required(p, QStringLiteral("vtt"));
        bool ok = false;
        const qint64 runId = required(p, QStringLiteral("run")).toLongLong(&ok);
        if (!ok)
            throw UsageError{
                QStringLiteral("--run takes a run id (see `runs --db %1`)").arg(dbPath)};

        const auto opened = openProject(p, db::ProjectDatabase::Mode::OpenExisting);
        db::ProjectDatabase &project = *opened;
        auto &sql = project.sql();
        if (!db::RunRepository(sql).run(runId))
            throw core::UserError(
                QStringLiteral("%1: there is no run %2 in this project (see `runs "
                               "--db %1`)")
                    .arg(dbPath)
                    .arg(runId));
        db::ExplanationRepository explanations(sql);
        const QList<db::ExplanationSet> sets = explanations.sets(runId);
        if (sets.isEmpty())
            throw core::UserError(
                QStringLiteral("%1: run %2 has no stored explanations; run `explain "
                               "--db %1 --run %2 --out F.csv` first")
                    .arg(dbPath)
                    .arg(runId));
        db::ExplanationSet set = sets.first();
        if (p.isSet(QStringLiteral("set"))) {
            const qint64 id = p.value(QStringLiteral("set")).toLongLong();
            const auto it =
                std::find_if(sets.begin(), sets.end(), [&](const auto &s) { return s.id == id; });
            if (it == sets.end())
                throw core::UserError(QStringLiteral("%1: run %2 has no explanation set %3")
                                          .arg(dbPath)
                                          .arg(runId)
                                          .arg(id));
            set = *it;
        }

        db::AnnotationRepository annotations(sql);
        QStringList movies;
        for (const core::Film &f : annotations.films())
            movies.append(f.movieId);
        if (!movies.contains(film))
            throw core::UserError(
                QStringLiteral("%1: there is no film '%2' in this project (films: %3)")
                    .arg(dbPath, film,
                         movies.size() > 12 ? movies.mid(0, 12).join(QStringLiteral(", ")) +
                                                  QStringLiteral(", ...")
                                            : movies.join(QStringLiteral(", "))));
        QHash<QString, core::Clip> clips;
        for (const core::Clip &c : annotations.clips())
            if (c.movieId == film)
                clips.insert(c.name, c);

        struct Cue
        {
            qint64 start, end;
            QString text;
        };
        QList<Cue> cues;
        QStringList withoutTimes;
        for (const db::ClipExplanation &e : explanations.clips(set.id)) {
            const auto c = clips.constFind(e.clip);
            if (c == clips.cend())
                continue;
            if (!c->startMs || !c->endMs) {
                withoutTimes.append(e.clip);
                continue;
            }
            cues.append({*c->startMs, *c->endMs, cueText(e)});
        }
        if (!withoutTimes.isEmpty())
            throw core::UserError(
                QStringLiteral(
                    "%1: %2 explained clips of film %3 have no start and end times (%4), "
                    "and a WebVTT cue needs them; give the clips times (import-clips "
                    "or an annotation table with times). Nothing was written.")
                    .arg(dbPath)
                    .arg(withoutTimes.size())
                    .arg(film)
                    .arg(withoutTimes.size() > 5
                             ? withoutTimes.mid(0, 5).join(QStringLiteral(", ")) +
                                   QStringLiteral(", ...")
                             : withoutTimes.join(QStringLiteral(", "))));
        if (cues.isEmpty())
            throw core::UserError(
                QStringLiteral("%1: explanation set %2 of run %3 has no clip of film "
                               "%4 (it explains the %5 test clips of fold %6)")
                    .arg(dbPath)
                    .arg(set.id)
                    .arg(runId)
                    .arg(film, set.modalities.letters())
                    .arg(set.fold));
        std::sort(cues.begin(), cues.end(), [](const Cue &a, const Cue &b) {
            return a.start != b.start ? a.start < b.start : a.end < b.end;
        });
        QString vtt =
            QStringLiteral("WEBVTT - Modalscope explanations, run %1, %2 %3 on %4, fold %5, "
                           "baseline %6\n\n")
                .arg(runId)
                .arg(set.modalities.letters(), set.fusion, set.trainSet)
                .arg(set.fold)
                .arg(set.baseline);
        for (const Cue &c : cues)
            vtt += vttTime(c.start) + QStringLiteral(" --> ") +
                   vttTime(std::max(c.end, c.start + 1)) + u'\n' + c.text + QStringLiteral("\n\n");
        core::writeFileAtomically(vttPath, vtt.toUtf8());
        out() << "wrote " << cues.size() << " cues of film " << film << " (explanation set "
              << set.id << ", run " << runId << ") to " << vttPath << "\n";
        return 0;
    }

private:
    static QString cueText(const db::ClipExplanation &e)
    {
        QStringList scores;
        int top = -1;
        for (int m = 0; m < 3; ++m) {
            if (e.score[size_t(m)])
                scores.append(QStringLiteral("%1 %2")
                                  .arg(QLatin1String(kLetters[m]))
                                  .arg(*e.score[size_t(m)], 0, 'f', 2));
            if (e.phi[size_t(m)] &&
                (top < 0 || std::abs(*e.phi[size_t(m)]) > std::abs(*e.phi[size_t(top)])))
                top = m;
        }
        // WebVTT cue text must not contain "-->"; none of these lines can.
        QString t = QStringLiteral("%1: p=%2 (scores %3)")
                        .arg(e.clip)
                        .arg(e.vFull, 0, 'f', 2)
                        .arg(scores.join(QStringLiteral(", ")));
        if (top >= 0)
            t += QStringLiteral("\nlargest attribution: %1 %2%3")
                     .arg(QLatin1String(kNames[top]))
                     .arg(*e.phi[size_t(top)] >= 0 ? QStringLiteral("+") : QString())
                     .arg(*e.phi[size_t(top)], 0, 'f', 2);
        if (!e.errorText.isEmpty())
            t += QStringLiteral("\nattribution error: ") + e.errorText;
        return t;
    }
};

const CommandRegistration registration(255, [] {
    return std::make_unique<ExportExplanationsCommand>();
});

} // namespace
} // namespace ms::cli
