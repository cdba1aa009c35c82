#include "database/synthfeaturewriter.h"

#include "core/error.h"
#include "core/taxonomy.h"
#include "database/annotationrepository.h"
#include "database/featurestore.h"
#include "database/projectdatabase.h"
#include "database/taxonomyrepository.h"
#include "database/transaction.h"

#include <QCryptographicHash>

namespace ms::db {

SynthFeatureWriter::Report SynthFeatureWriter::write(ProjectDatabase &project,
                                                     const core::SynthFeatureGenerator::Options &o)
{
    auto &sql = project.sql();
    AnnotationRepository annotations(sql);
    const core::Taxonomy taxonomy = TaxonomyRepository(sql).load();
    QHash<QString, QStringList> conceptsOf;
    for (const core::Annotation &a : annotations.effectiveAnnotations())
        conceptsOf.insert(a.clipName, a.concepts);
    const auto clips = annotations.clips();
    if (clips.isEmpty())
        throw core::UserError(QStringLiteral("%1: the project has no clips").arg(project.path()));

    const core::SynthFeatureGenerator gen(o);
    Transaction tx(sql);
    FeatureStore store(sql);
    qint64 ids[3];
    for (core::Modality m : core::kAllModalities) {
        core::ExtractorInfo info;
        info.name = QString::fromLatin1(core::SynthFeatureGenerator::kName);
        info.version = QString::fromLatin1(core::SynthFeatureGenerator::kVersion);
        info.params = o.toJson();
        info.modality = m;
        info.synthetic = true;
        ids[int(m)] = store.ensureExtractor(info);
    }
    Report r;
    for (const core::Clip &c : clips) {
        QList<core::SynthFeatureGenerator::ConceptRef> refs;
        for (const QString &name : conceptsOf.value(c.name))
            if (const core::Concept *k = taxonomy.find(name); k && k->modality)
                refs.append({k->name, *k->modality});
        // What the clip's features depend on: its film and its concepts
        // per modality. Unchanged inputs are not generated again.
        QString inputs[3];
        for (core::Modality m : core::kAllModalities) {
            QStringList names;
            for (const auto &ref : refs)
                if (ref.modality == m)
                    names.append(ref.name);
            names.sort();
            inputs[int(m)] = QString::fromLatin1(
                QCryptographicHash::hash((c.name + u'\n' + c.movieId + u'\n' + names.join(u'|')).toUtf8(),
                                         QCryptographicHash::Sha256)
                    .toHex());
        }
        bool same = true;
        for (core::Modality m : core::kAllModalities)
            same = same && store.inputHash(c.id, ids[int(m)]) == inputs[int(m)];
        if (same) {
            ++r.unchanged;
            continue;
        }
        const auto res = gen.generate(c.name, c.movieId, refs);
        for (core::Modality m : core::kAllModalities) {
            store.put(c.id, ids[int(m)], res.features[int(m)], inputs[int(m)]);
            store.clearPlantedSpans(c.id, ids[int(m)]);
        }
        for (const auto &s : res.planted) {
            store.addPlantedSpan(c.id, ids[int(s.modality)], s.conceptName, s.tokenStart, s.tokenEnd);
            ++r.planted;
        }
        ++r.generated;
    }
    tx.commit();
    return r;
}

} // namespace ms::db
