#include "database/importservice.h"

#include "core/error.h"
#include "database/annotationrepository.h"
#include "database/projectdatabase.h"
#include "database/projectmeta.h"
#include "database/taxonomyrepository.h"
#include "database/transaction.h"

#include <QDateTime>
#include <QHash>

using ms::core::UserError;

namespace ms::db {

QString ImportReport::summary() const
{
    QString s = QStringLiteral("%1 rows: %2 films and %3 clips added, %4 clips updated, %5 "
                               "annotations changed, %6 unchanged, %7 left unannotated")
                    .arg(rows)
                    .arg(filmsAdded)
                    .arg(clipsAdded)
                    .arg(clipsUpdated)
                    .arg(annotationsChanged)
                    .arg(annotationsUnchanged)
                    .arg(leftUnannotated);
    for (auto it = unknownConcepts.cbegin(); it != unknownConcepts.cend(); ++it) {
        QStringList lines;
        for (int l : it.value().mid(0, 10))
            lines.append(QString::number(l));
        if (it.value().size() > 10)
            lines.append(QStringLiteral("... (%1 in all)").arg(it.value().size()));
        s += QStringLiteral("\nwarning: unknown concept '%1' (lines %2) kept as a concept "
                            "without a modality; assign one with `modalscope-cli taxonomy "
                            "--db P --set-modality \"%1\" --modality visual|audio|textual`")
                 .arg(it.key(), lines.join(QStringLiteral(", ")));
    }
    return s;
}

ImportReport ImportService::apply(const QList<core::ImportRecord> &records,
                                  const QString &annotator, const QString &source,
                                  const QMap<QString, QString> &meta)
{
    SqliteDatabase &db = m_project.sql();
    ImportReport report;
    report.rows = int(records.size());
    const QDateTime now = QDateTime::currentDateTimeUtc();

    Transaction tx(db);
    TaxonomyRepository taxonomy(db);
    AnnotationRepository annotations(db);

    QStringList names;
    for (const core::ImportRecord &r : records)
        if (r.level)
            names += r.concepts;
    QStringList added;
    const QHash<QString, qint64> conceptIds = taxonomy.ensureConcepts(names, &added);
    for (const core::ImportRecord &r : records)
        if (r.level)
            for (const QString &c : r.concepts)
                if (added.contains(c))
                    report.unknownConcepts[c].append(r.line);

    QHash<QString, qint64> films;
    {
        auto st = db.prepare("SELECT movie_id, id FROM films");
        while (st.step())
            films.insert(st.text(0), st.int64(1));
    }
    struct ClipInfo
    {
        qint64 id;
        qint64 filmId;
        std::optional<qint64> start, end;
        QString sourceLabel;
    };
    QHash<QString, ClipInfo> clips;
    {
        auto st = db.prepare("SELECT name, id, film_id, start_ms, end_ms, source_label FROM clips");
        while (st.step())
            clips.insert(st.text(0), {st.int64(1), st.int64(2), st.optionalInt64(3),
                                      st.optionalInt64(4), st.text(5)});
    }
    auto insertFilm = db.prepare("INSERT INTO films(movie_id) VALUES (?)");
    auto insertClip = db.prepare(
        "INSERT INTO clips(film_id, name, start_ms, end_ms, source_label) VALUES (?,?,?,?,?)");
    auto updateClip =
        db.prepare("UPDATE clips SET start_ms = ?, end_ms = ?, source_label = ? WHERE id = ?");

    for (const core::ImportRecord &r : records) {
        qint64 filmId = films.value(r.movieId, 0);
        if (!filmId) {
            insertFilm.bind(1, r.movieId);
            insertFilm.run();
            filmId = db.lastInsertId();
            films.insert(r.movieId, filmId);
            ++report.filmsAdded;
        }
        qint64 clipId = 0;
        if (auto it = clips.find(r.clipId); it != clips.end()) {
            if (it->filmId != filmId)
                throw UserError(QStringLiteral("line %1: clip '%2' belongs to another film in "
                                               "the project than '%3'; nothing was imported")
                                    .arg(r.line)
                                    .arg(r.clipId, r.movieId));
            clipId = it->id;
            const auto start = r.hasTimes ? r.startMs : it->start;
            const auto end = r.hasTimes ? r.endMs : it->end;
            // A clips-only import carries no label, and a row of one of several
            // annotators no label of the clip's: keep the one stored.
            // A row without a word of its own (an ELAN file written by
            // Modalscope) keeps the stored one too.
            const QString label = annotator.isEmpty() || !r.annotator.isEmpty() ||
                                          r.sourceLabel.isEmpty()
                                      ? it->sourceLabel
                                      : r.sourceLabel;
            if (start != it->start || end != it->end || label != it->sourceLabel) {
                updateClip.bind(1, start).bind(2, end).bind(3, label).bind(4, clipId);
                updateClip.run();
                it->start = start; // later rows of the same clip compare with this
                it->end = end;
                ++report.clipsUpdated;
            }
        } else {
            insertClip.bind(1, filmId).bind(2, r.clipId).bind(3, r.startMs).bind(4, r.endMs);
            const QString label = r.annotator.isEmpty() ? r.sourceLabel : QString();
            insertClip.bind(5, label);
            insertClip.run();
            clipId = db.lastInsertId();
            clips.insert(r.clipId, {clipId, filmId, r.startMs, r.endMs, label});
            ++report.clipsAdded;
        }
        if (annotator.isEmpty())
            continue;
        // A table with an annotator column says whose each row is.
        const QString &who = r.annotator.isEmpty() ? annotator : r.annotator;
        AnnotationState wanted;
        wanted.level = r.level;
        wanted.concepts = r.concepts;
        // Imports carry no notes: keep the one an expert wrote in the project.
        wanted.note = annotations.state(clipId, who).note;
        if (!r.level)
            ++report.leftUnannotated;
        if (annotations.writeAnnotation(clipId, who, wanted, conceptIds, source, now))
            ++report.annotationsChanged;
        else
            ++report.annotationsUnchanged;
    }
    ProjectMeta projectMeta(db);
    for (auto it = meta.cbegin(); it != meta.cend(); ++it)
        projectMeta.set(it.key(), it.value());
    tx.commit();
    return report;
}

} // namespace ms::db
