#include "database/plantedeventrepository.h"

#include "core/error.h"
#include "database/annotationrepository.h"
#include "database/featurestore.h"
#include "database/sqlitedatabase.h"
#include "database/transaction.h"

#include <QHash>
#include <algorithm>

namespace ms::db {

void PlantedEventRepository::add(const PlantedEventRow &e)
{
    if (e.endMs <= e.startMs)
        throw core::UserError(QStringLiteral("%1: a planted event of film %2 ends (%3 ms) before "
                                             "it starts (%4 ms)")
                                  .arg(m_db.path(), e.movieId)
                                  .arg(e.endMs)
                                  .arg(e.startMs));
    auto film = m_db.prepare("SELECT id FROM films WHERE movie_id = ?");
    film.bind(1, e.movieId);
    if (!film.step())
        throw core::UserError(QStringLiteral("%1: film %2 is not in the project, so its planted "
                                             "events cannot be stored")
                                  .arg(m_db.path(), e.movieId));
    auto st =
        m_db.prepare("INSERT INTO planted_events(film_id, start_ms, end_ms, modality, concept, "
                     "description) VALUES (?,?,?,?,?,?)");
    st.bind(1, film.int64(0)).bind(2, e.startMs).bind(3, e.endMs);
    st.bind(4, core::modalityLetter(e.modality)).bind(5, e.conceptName).bind(6, e.description);
    st.run();
}

QList<PlantedEventRow> PlantedEventRepository::events(const QString &movieId)
{
    auto st =
        m_db.prepare("SELECT f.movie_id, p.start_ms, p.end_ms, p.modality, p.concept, "
                     "p.description FROM planted_events p JOIN films f ON f.id = p.film_id "
                     "WHERE ?1 = '' OR f.movie_id = ?1 ORDER BY f.movie_id, p.start_ms, p.id");
    st.bind(1, movieId);
    QList<PlantedEventRow> out;
    while (st.step())
        out.append({st.text(0), st.int64(1), st.int64(2),
                    core::parseModality(st.text(3)).value_or(core::Modality::Visual), st.text(4),
                    st.text(5)});
    return out;
}

int PlantedEventRepository::writeTokenSpans()
{
    QHash<QString, QList<PlantedEventRow>> byFilm;
    for (const PlantedEventRow &e : events())
        byFilm[e.movieId].append(e);
    if (byFilm.isEmpty())
        return 0;
    Transaction tx(m_db);
    FeatureStore store(m_db);
    const QList<core::Clip> clips = AnnotationRepository(m_db).clips();
    int written = 0;
    for (const StoredExtractor &x : store.extractors()) {
        if (x.info.synthetic || x.clips == 0)
            continue; // synthetic tokens carry clip-relative times and spans of their own
        for (const core::Clip &c : clips) {
            const auto film = byFilm.constFind(c.movieId);
            if (film == byFilm.cend() || !c.startMs)
                continue;
            const auto m = store.get(c.id, x.id);
            if (!m)
                continue;
            store.clearPlantedSpans(c.id, x.id);
            for (const PlantedEventRow &e : *film) {
                // Only the clip that holds the event (a token at its edge
                // may reach into the next clip too).
                const qint64 inClip = std::min(*c.endMs, e.endMs) - std::max(*c.startMs, e.startMs);
                if (e.modality != x.info.modality || 2 * inClip < e.endMs - e.startMs)
                    continue;
                int runStart = -1;
                for (int t = 0; t <= m->tokens; ++t) {
                    bool in = false;
                    if (t < m->tokens) {
                        const core::TokenSpan &s = m->spans[size_t(t)];
                        const qint64 overlap =
                            std::min(s.endMs, e.endMs) - std::max(s.startMs, e.startMs);
                        in = overlap > 0 &&
                             overlap >= std::min<qint64>(500, (s.endMs - s.startMs) / 2);
                    }
                    if (in && runStart < 0)
                        runStart = t;
                    if (!in && runStart >= 0) {
                        store.addPlantedSpan(c.id, x.id, e.conceptName, runStart, t);
                        ++written;
                        runStart = -1;
                    }
                }
            }
        }
    }
    tx.commit();
    return written;
}

} // namespace ms::db
