#include "core/democorpusgenerator.h"

#include "core/demofilmgenerator.h"
#include "core/error.h"
#include "core/splitmix64.h"

#include <QDir>
#include <algorithm>

namespace ms::core {

const QStringList &DemoCorpusGenerator::eventLines()
{
    // The word that matters is "doll"; the distractors share the rest.
    static const QStringList lines = {
        QStringLiteral("Smile for me, my pretty doll."),
        QStringLiteral("Come here, my little doll."),
        QStringLiteral("She is just a pretty doll."),
        QStringLiteral("What a sweet little doll she is."),
    };
    return lines;
}

const QStringList &DemoCorpusGenerator::distractorLines()
{
    static const QStringList lines = {
        QStringLiteral("Smile for me, my old friend."),
        QStringLiteral("Come here, my little brother."),
        QStringLiteral("She is just a pretty good cook."),
        QStringLiteral("What a sweet little dog she has."),
    };
    return lines;
}

namespace {

// A span of `length` inside the clip, at least `margin` from its edges.
std::pair<qint64, qint64> placeIn(SplitMix64 &rng, const DemoClip &c, qint64 length, qint64 margin)
{
    const qint64 room = c.endMs - c.startMs - 2 * margin;
    length = std::min(length, room);
    const qint64 start = c.startMs + margin + qint64(rng.uniform() * double(room - length));
    return {start, start + length};
}

DemoEvent makeEvent(SplitMix64 &rng, const DemoClip &c, Modality m, bool distractor)
{
    DemoEvent e;
    e.modality = m;
    e.distractor = distractor;
    switch (m) {
    case Modality::Visual: {
        e.variant = distractor ? int(rng.below(2)) : 0;
        const auto [s, t] = placeIn(rng, c, 3000 + qint64(rng.below(1001)), 250);
        e.startMs = s;
        e.endMs = t;
        e.y = 0.3 + 0.4 * rng.uniform();
        e.leftToRight = rng.below(2) == 0;
        if (!distractor)
            e.conceptName = QString::fromLatin1(DemoCorpusGenerator::kVisualConcept);
        break;
    }
    case Modality::Audio: {
        e.variant = distractor ? int(rng.below(2)) : 0;
        const auto [s, t] = placeIn(rng, c, 2500 + qint64(rng.below(1001)), 250);
        e.startMs = s;
        e.endMs = t;
        if (!distractor)
            e.conceptName = QString::fromLatin1(DemoCorpusGenerator::kAudioConcept);
        break;
    }
    case Modality::Text: {
        const QStringList &lines =
            distractor ? DemoCorpusGenerator::distractorLines() : DemoCorpusGenerator::eventLines();
        e.variant = int(rng.below(quint64(lines.size())));
        e.text = lines[e.variant];
        // Rendering sets the end to the spoken line's length.
        e.startMs = c.startMs + 200 + qint64(rng.below(401));
        e.endMs = std::min(e.startMs + 2500, c.endMs - 100);
        if (!distractor)
            e.conceptName = QString::fromLatin1(DemoCorpusGenerator::kTextConcept);
        break;
    }
    }
    return e;
}

} // namespace

QList<DemoFilm> DemoCorpusGenerator::plan(const Options &o)
{
    if (o.films < 1 || o.filmSeconds < 10 || o.minClipMs < 3000 || o.maxClipMs < o.minClipMs)
        throw UserError(QStringLiteral("the demo needs at least one film of 10 s or more, and "
                                       "clips of at least 3 s"));
    SplitMix64 rng(o.seed ^ 0xD3E0C0A9u);
    QList<DemoFilm> films;
    for (int f = 0; f < o.films; ++f) {
        DemoFilm film;
        film.movieId = QStringLiteral("demo%1").arg(f + 1);
        film.title = QStringLiteral("Demo film %1 (synthetic)").arg(f + 1);
        film.durationMs = qint64(o.filmSeconds) * 1000;
        for (qint64 t = 0; t < film.durationMs;) {
            qint64 len = o.minClipMs + qint64(rng.below(quint64(o.maxClipMs - o.minClipMs + 1)));
            if (film.durationMs - (t + len) < o.minClipMs)
                len = film.durationMs - t; // the last clip takes the rest
            DemoClip c;
            c.name = QStringLiteral("demo%1-%2")
                         .arg(f + 1)
                         .arg(film.clips.size() + 1, 2, 10, QLatin1Char('0'));
            c.startMs = t;
            c.endMs = t + len;
            c.backdrop = int(rng.below(6));
            film.clips.append(c);
            t += len;
        }
        // Which clips hold which events; every film has one of each at least.
        const int n = int(film.clips.size());
        std::vector<std::array<bool, 3>> has(size_t(n), {false, false, false});
        const double rates[3] = {o.visualRate, o.audioRate, o.textRate};
        for (int m = 0; m < 3; ++m) {
            int count = 0;
            for (int i = 0; i < n; ++i)
                count += has[size_t(i)][size_t(m)] = rng.uniform() < rates[m];
            if (count == 0)
                has[rng.below(quint64(n))][size_t(m)] = true;
        }
        for (int i = 0; i < n; ++i) {
            DemoClip &c = film.clips[i];
            for (Modality m : kAllModalities) {
                const bool event = has[size_t(i)][size_t(m)];
                const bool distractor = !event && rng.uniform() < o.distractorRate;
                if (event || distractor) {
                    film.events.append(makeEvent(rng, c, m, distractor));
                    if (event)
                        c.concepts.append(film.events.last().conceptName);
                }
            }
            const double labelDraw = rng.uniform();
            const double levelDraw = rng.uniform();
            if (labelDraw < o.unannotatedRate)
                continue; // for the expert
            c.level = c.concepts.isEmpty()             ? Level::EasyNegative
                      : levelDraw < o.hardNegativeRate ? Level::HardNegative
                                                       : Level::Sure;
        }
        std::stable_sort(
            film.events.begin(), film.events.end(),
            [](const DemoEvent &a, const DemoEvent &b) { return a.startMs < b.startMs; });
        films.append(film);
    }
    return films;
}

QList<DemoFilm> DemoCorpusGenerator::generate(const QString &dir, const Options &o,
                                              const Progress &progress,
                                              const std::atomic<bool> *cancel)
{
    QList<DemoFilm> films = plan(o);
    if (!QDir(dir).mkpath(QStringLiteral(".")))
        throw UserError(QStringLiteral("%1: the folder cannot be created").arg(dir));
    for (int f = 0; f < films.size(); ++f) {
        if (progress)
            progress(QStringLiteral("rendering film %1 of %2").arg(f + 1).arg(films.size()));
        DemoFilmGenerator::render(films[f], dir, QStringLiteral("film%1").arg(f + 1),
                                  DemoFilmGenerator::Options(), cancel);
    }
    return films;
}

} // namespace ms::core
