#include "core/splitexporter.h"

#include "core/atomicfile.h"
#include "core/csv.h"
#include "core/error.h"
#include "core/labelrule.h"

#include <QCryptographicHash>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>

namespace ms::core {

SplitExporter::SplitExporter(QList<Annotation> annotations, Taxonomy taxonomy, Options options)
    : m_annotations(std::move(annotations)), m_taxonomy(std::move(taxonomy)),
      m_options(std::move(options))
{
    std::sort(m_annotations.begin(), m_annotations.end(),
              [](const Annotation &a, const Annotation &b) {
                  return a.movieId != b.movieId ? a.movieId < b.movieId : a.clipName < b.clipName;
              });
    QMap<QString, int> perFilm;
    for (const Annotation &a : std::as_const(m_annotations))
        ++perFilm[a.movieId];
    m_folds = cmsd::assignFolds(perFilm, m_options.folds, m_options.seed);

    QList<ModalitySet> mods;
    mods.reserve(m_annotations.size());
    for (const Annotation &a : std::as_const(m_annotations))
        mods.append(m_taxonomy.modalitiesOf(a.concepts));

    for (const CmsdDataset &ds : cmsd::datasets()) {
        Table t{ds, {}, QList<int>(m_folds.k, 0), QList<int>(m_folds.k, 0)};
        t.rows.reserve(m_annotations.size());
        for (qsizetype i = 0; i < m_annotations.size(); ++i) {
            const Annotation &a = m_annotations.at(i);
            const int fold = m_folds.foldOfFilm.value(a.movieId);
            const int y = cmsd::target(ds, a.level, mods.at(i));
            t.rows.append({a.clipName, a.movieId, a.level, a.concepts, y, fold});
            ++(y ? t.positivesPerFold : t.negativesPerFold)[fold];
        }
        m_tables.append(std::move(t));
    }
}

const QString &SplitExporter::csvHeader()
{
    static const QString h = QStringLiteral("clip_id,movie,level,concepts,target,fold");
    return h;
}

QByteArray SplitExporter::annotationsHash(const QList<Annotation> &annotations)
{
    QStringList lines;
    lines.reserve(annotations.size());
    for (const Annotation &a : annotations) {
        QStringList concepts = a.concepts;
        concepts.sort();
        lines.append(a.clipName + u'\t' + a.movieId + u'\t' + levelCode(a.level) + u'\t' +
                     concepts.join(u'|'));
    }
    lines.sort();
    return QCryptographicHash::hash(lines.join(u'\n').toUtf8(), QCryptographicHash::Sha256)
        .toHex();
}

static QString lettersWithOr(ModalitySet s)
{
    QStringList parts;
    for (QChar c : s.letters())
        parts.append(QString(c));
    return parts.join(QStringLiteral(" or "));
}

QJsonObject SplitExporter::manifest() const
{
    QJsonObject m;
    m.insert(QStringLiteral("software"), QStringLiteral("Modalscope " MODALSCOPE_VERSION));
    m.insert(QStringLiteral("annotations_sha256"), QString::fromLatin1(annotationsHash(m_annotations)));
    m.insert(QStringLiteral("annotated_clips"), int(m_annotations.size()));
    m.insert(QStringLiteral("not_sure_rule"), m_options.notSureRule);
    QJsonObject labelRule = m_options.labelRule;
    if (labelRule.isEmpty())
        labelRule = {{QStringLiteral("rule"), LabelRule().toString()},
                     {QStringLiteral("description"), LabelRule().description()}};
    m.insert(QStringLiteral("label_rule"), labelRule);
    m.insert(QStringLiteral("folds"), m_folds.k);
    m.insert(QStringLiteral("seed"), QString::number(m_folds.seed));
    m.insert(QStringLiteral("fold_rule"),
             QStringLiteral("films are dealt into folds by film, balanced by clip count; for "
                            "fold k the test films are fold k, the validation films fold "
                            "(k+1) mod K, the training films the rest"));
    QJsonArray folds;
    for (int f = 0; f < m_folds.k; ++f) {
        QJsonObject o;
        o.insert(QStringLiteral("fold"), f);
        o.insert(QStringLiteral("films"), QJsonArray::fromStringList(m_folds.filmsPerFold.at(f)));
        o.insert(QStringLiteral("clips"), m_folds.clipsPerFold.at(f));
        folds.append(o);
    }
    m.insert(QStringLiteral("films_per_fold"), folds);

    QJsonArray tax;
    for (const Concept &c : m_taxonomy.concepts()) {
        QJsonObject o;
        o.insert(QStringLiteral("name"), c.name);
        o.insert(QStringLiteral("modality"), c.modality ? modalityName(*c.modality) : QJsonValue());
        if (c.retired)
            o.insert(QStringLiteral("retired"), true);
        tax.append(o);
    }
    m.insert(QStringLiteral("taxonomy"), tax);

    QJsonObject datasets;
    for (const Table &t : m_tables) {
        QJsonObject d;
        d.insert(QStringLiteral("file"), t.dataset.name + QStringLiteral(".csv"));
        d.insert(QStringLiteral("definition"),
                 t.dataset.isCmad
                     ? QStringLiteral("positives: HN and S clips; negatives: EN clips")
                     : QStringLiteral("positives: HN or S clips with at least one concept of "
                                      "modality %1; negatives: all other annotated clips")
                           .arg(lettersWithOr(t.dataset.modalities)));
        QJsonArray perFold;
        int pos = 0, neg = 0;
        for (int f = 0; f < m_folds.k; ++f) {
            QJsonObject o;
            o.insert(QStringLiteral("fold"), f);
            o.insert(QStringLiteral("positives"), t.positivesPerFold.at(f));
            o.insert(QStringLiteral("negatives"), t.negativesPerFold.at(f));
            pos += t.positivesPerFold.at(f);
            neg += t.negativesPerFold.at(f);
            perFold.append(o);
        }
        d.insert(QStringLiteral("positives"), pos);
        d.insert(QStringLiteral("negatives"), neg);
        d.insert(QStringLiteral("per_fold"), perFold);
        datasets.insert(t.dataset.name, d);
    }
    m.insert(QStringLiteral("datasets"), datasets);
    return m;
}

void SplitExporter::write(const QString &dir) const
{
    if (!QDir().mkpath(dir))
        throw UserError(QStringLiteral("%1: the output folder cannot be created").arg(dir));
    const QDir d(dir);
    for (const Table &t : m_tables) {
        QString text;
        text.reserve(64 * (t.rows.size() + 1));
        text += csvHeader();
        text += u'\n';
        for (const Row &r : t.rows) {
            text += csv::joinRow({r.clipId, r.movieId, levelCode(r.level), r.concepts.join(u'|'),
                                  QString::number(r.target), QString::number(r.fold)});
            text += u'\n';
        }
        writeFileAtomically(d.filePath(t.dataset.name + QStringLiteral(".csv")), text.toUtf8());
    }
    writeFileAtomically(d.filePath(QStringLiteral("manifest.json")),
                    QJsonDocument(manifest()).toJson(QJsonDocument::Indented));
}

} // namespace ms::core
