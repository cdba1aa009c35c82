#include "core/annotationstats.h"

#include <QJsonArray>

namespace ms::core {

AnnotationStats AnnotationStats::compute(const QMap<QString, int> &clipsPerFilm,
                                         const QList<Annotation> &annotations,
                                         const Taxonomy &taxonomy)
{
    QMap<QString, FilmStats> by;
    for (auto it = clipsPerFilm.cbegin(); it != clipsPerFilm.cend(); ++it) {
        FilmStats &f = by[it.key()];
        f.movieId = it.key();
        f.clips = it.value();
        f.unannotated = it.value();
    }
    for (const Annotation &a : annotations) {
        FilmStats &f = by[a.movieId];
        f.movieId = a.movieId;
        ++f.perLevel[int(a.level)];
        --f.unannotated;
        const ModalitySet s = taxonomy.modalitiesOf(a.concepts);
        for (Modality m : kAllModalities)
            if (s.contains(m))
                ++f.perModality[int(m)];
    }
    AnnotationStats st;
    st.total.movieId = QStringLiteral("all");
    for (const FilmStats &f : std::as_const(by)) {
        st.films.append(f);
        st.total.clips += f.clips;
        st.total.unannotated += f.unannotated;
        for (int i = 0; i < 3; ++i) {
            st.total.perLevel[i] += f.perLevel[i];
            st.total.perModality[i] += f.perModality[i];
        }
    }
    return st;
}

static QJsonObject filmJson(const FilmStats &f)
{
    QJsonObject o;
    o.insert(QStringLiteral("movie"), f.movieId);
    o.insert(QStringLiteral("clips"), f.clips);
    o.insert(QStringLiteral("unannotated"), f.unannotated);
    QJsonObject lv;
    for (Level l : {Level::EasyNegative, Level::HardNegative, Level::Sure})
        lv.insert(levelCode(l), f.perLevel[int(l)]);
    o.insert(QStringLiteral("levels"), lv);
    QJsonObject md;
    for (Modality m : kAllModalities)
        md.insert(modalityLetter(m), f.perModality[int(m)]);
    o.insert(QStringLiteral("clips_with_concept_of_modality"), md);
    return o;
}

QJsonObject AnnotationStats::toJson() const
{
    QJsonArray arr;
    for (const FilmStats &f : films)
        arr.append(filmJson(f));
    QJsonObject o;
    o.insert(QStringLiteral("films"), arr);
    o.insert(QStringLiteral("total"), filmJson(total));
    return o;
}

QString AnnotationStats::toText() const
{
    QString out = QStringLiteral("%1 %2 %3 %4 %5 %6 | %7 %8 %9\n")
                      .arg(QStringLiteral("film"), -12)
                      .arg(QStringLiteral("clips"), 6)
                      .arg(QStringLiteral("EN"), 6)
                      .arg(QStringLiteral("HN"), 6)
                      .arg(QStringLiteral("S"), 6)
                      .arg(QStringLiteral("none"), 6)
                      .arg(QStringLiteral("V"), 6)
                      .arg(QStringLiteral("A"), 6)
                      .arg(QStringLiteral("T"), 6);
    auto line = [](const FilmStats &f) {
        return QStringLiteral("%1 %2 %3 %4 %5 %6 | %7 %8 %9\n")
            .arg(f.movieId, -12)
            .arg(f.clips, 6)
            .arg(f.perLevel[0], 6)
            .arg(f.perLevel[1], 6)
            .arg(f.perLevel[2], 6)
            .arg(f.unannotated, 6)
            .arg(f.perModality[0], 6)
            .arg(f.perModality[1], 6)
            .arg(f.perModality[2], 6);
    };
    for (const FilmStats &f : films)
        out += line(f);
    out += line(total);
    out += QStringLiteral("V/A/T: clips carrying at least one concept of that modality\n");
    return out;
}

} // namespace ms::core
