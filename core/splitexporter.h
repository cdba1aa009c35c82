#pragma once

#include "core/annotation.h"
#include "core/cmsdsplitter.h"
#include "core/taxonomy.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace ms::core {

// Builds the CMAD and M-CMSD tables with their folds from a project's
// annotations and writes them as DIR/<NAME>.csv plus DIR/manifest.json.
// Building is pure; writing replaces each file atomically (QSaveFile).
class SplitExporter
{
public:
    struct Options
    {
        int folds = 5;
        quint64 seed = 0;
        QString notSureRule; // recorded in the manifest ("hn", "s", "exclude")
        // Which annotation each clip's label came from, as LabelRule::toJson
        // gives it; recorded as the manifest's "label_rule". Empty: latest.
        QJsonObject labelRule;
    };
    struct Row
    {
        QString clipId;
        QString movieId;
        Level level;
        QStringList concepts;
        int target;
        int fold;
    };
    struct Table
    {
        CmsdDataset dataset;
        QList<Row> rows;
        QList<int> positivesPerFold;
        QList<int> negativesPerFold;
    };

    // `annotations`: one per annotated clip.
    SplitExporter(QList<Annotation> annotations, Taxonomy taxonomy, Options options);

    const FoldAssignment &folds() const { return m_folds; }
    const QList<Table> &tables() const { return m_tables; }
    QJsonObject manifest() const;
    // Writes every file; throws UserError naming the file that failed.
    void write(const QString &dir) const;

    static const QString &csvHeader();
    // SHA-256 over the sorted (clip, movie, level, concepts) lines: the same
    // annotations give the same hash whatever their order or annotator.
    static QByteArray annotationsHash(const QList<Annotation> &annotations);

private:
    QList<Annotation> m_annotations;
    Taxonomy m_taxonomy;
    Options m_options;
    FoldAssignment m_folds;
    QList<Table> m_tables;
};

} // namespace ms::core
