#include "database/annotatortable.h"

#include "database/sqlitedatabase.h"

namespace ms::db {

QList<core::Annotation> AnnotatorTable::currentAnnotations()
{
    auto st = m_db.prepare(
        "SELECT c.name, f.movie_id, a.annotator, a.level, a.note, a.changed_at, "
        "(SELECT group_concat(name, '|') FROM (SELECT k.name FROM annotation_concepts ac JOIN "
        "concepts k ON k.id = ac.concept_id WHERE ac.annotation_id = a.id ORDER BY k.position, "
        "k.id)) "
        "FROM annotations a JOIN clips c ON c.id = a.clip_id JOIN films f ON f.id = c.film_id "
        "ORDER BY f.movie_id, c.name, a.annotator");
    QList<core::Annotation> out;
    while (st.step()) {
        core::Annotation a;
        a.clipName = st.text(0);
        a.movieId = st.text(1);
        a.annotator = st.text(2);
        // The schema's CHECK admits EN, HN and S only.
        a.level = *core::parseLevel(st.text(3));
        a.note = st.text(4);
        a.changedAt = QDateTime::fromString(st.text(5), Qt::ISODateWithMs);
        a.concepts = st.text(6).split(u'|', Qt::SkipEmptyParts);
        out.append(a);
    }
    return out;
}

QStringList AnnotatorTable::annotators()
{
    auto st = m_db.prepare("SELECT DISTINCT annotator FROM annotations ORDER BY annotator");
    QStringList out;
    while (st.step())
        out.append(st.text(0));
    return out;
}

} // namespace ms::db
