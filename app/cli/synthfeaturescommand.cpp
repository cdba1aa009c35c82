#include "app/cli/commands.h"
#include "core/error.h"
#include "core/synthfeaturegenerator.h"
#include "core/taxonomy.h"
#include "database/annotationrepository.h"
#include "database/featurestore.h"
#include "database/projectdatabase.h"
#include "database/taxonomyrepository.h"
#include "database/transaction.h"

#include <QCryptographicHash>
#include <QElapsedTimer>

namespace ms::cli {
namespace {

class SynthFeaturesCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("synth-features"); }
    QString summary() const override
    {
        return QStringLiteral("make SYNTHETIC per-modality token features from the annotations "
                              "(for tables without media)");
    }
    void addOptions(QCommandLineParser &p) override
    {
        p.addOption({QStringLiteral("db"), QStringLiteral("project file"), QStringLiteral("P")});
        p.addOption({QStringLiteral("seed"), QStringLiteral("generator seed (default 0)"),
                     QStringLiteral("S")});
        p.addOption({QStringLiteral("dims"),
                     QStringLiteral("token dimensions for visual,audio,text (default 128,128,128)"),
                     QStringLiteral("V,A,T")});
        p.addOption({QStringLiteral("signal"),
                     QStringLiteral("length of a concept's direction in noise standard "
                                    "deviations (default 2)"),
                     QStringLiteral("X")});
        p.addOption({QStringLiteral("film-offset"),
                     QStringLiteral("standard deviation per dimension of the per-film offset "
                                    "(default 0.5; 0: films do not differ)"),
                     QStringLiteral("X")});
    }
    int execute(const QCommandLineParser &p) override
    {
        core::SynthFeatureGenerator::Options o;
        if (p.isSet(QStringLiteral("seed"))) {
            bool ok = false;
            o.seed = p.value(QStringLiteral("seed")).toULongLong(&ok);
            if (!ok)
                throw UsageError{QStringLiteral("--seed must be a non-negative whole number")};
        }
        if (p.isSet(QStringLiteral("dims"))) {
            const QStringList parts = p.value(QStringLiteral("dims")).split(u',');
            bool ok = parts.size() == 3;
            for (int i = 0; ok && i < 3; ++i) {
                o.dims[i] = parts[i].trimmed().toInt(&ok);
                ok = ok && o.dims[i] > 0 && o.dims[i] <= 65536;
            }
            if (!ok)
                throw UsageError{QStringLiteral("--dims must be three positive numbers like "
                                                "512,768,768, not '%1'")
                                     .arg(p.value(QStringLiteral("dims")))};
        }
        if (p.isSet(QStringLiteral("signal"))) {
            bool ok = false;
            o.signal = p.value(QStringLiteral("signal")).toDouble(&ok);
            if (!ok || o.signal < 0)
                throw UsageError{QStringLiteral("--signal must be a non-negative number")};
        }
        if (p.isSet(QStringLiteral("film-offset"))) {
            bool ok = false;
            o.filmOffset = p.value(QStringLiteral("film-offset")).toDouble(&ok);
            if (!ok || o.filmOffset < 0)
                throw UsageError{QStringLiteral("--film-offset must be a non-negative number")};
        }
        db::ProjectDatabase project(required(p, QStringLiteral("db")),
                                    db::ProjectDatabase::Mode::OpenExisting);
        auto &sql = project.sql();
        db::AnnotationRepository annotations(sql);
        const core::Taxonomy taxonomy = db::TaxonomyRepository(sql).load();
        QHash<QString, QStringList> conceptsOf;
        for (const core::Annotation &a : annotations.effectiveAnnotations())
            conceptsOf.insert(a.clipName, a.concepts);
        const auto clips = annotations.clips();
        if (clips.isEmpty())
            throw core::UserError(QStringLiteral("%1: the project has no clips").arg(project.path()));

        const core::SynthFeatureGenerator gen(o);
        QElapsedTimer timer;
        timer.start();
        db::Transaction tx(sql);
        db::FeatureStore store(sql);
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
        int generated = 0, unchanged = 0, planted = 0;
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
                for (const auto &r : refs)
                    if (r.modality == m)
                        names.append(r.name);
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
                ++unchanged;
                continue;
            }
            const auto res = gen.generate(c.name, c.movieId, refs);
            for (core::Modality m : core::kAllModalities) {
                store.put(c.id, ids[int(m)], res.features[int(m)], inputs[int(m)]);
                store.clearPlantedSpans(c.id, ids[int(m)]);
            }
            for (const auto &s : res.planted) {
                store.addPlantedSpan(c.id, ids[int(s.modality)], s.conceptName, s.tokenStart,
                                     s.tokenEnd);
                ++planted;
            }
            ++generated;
        }
        tx.commit();
        out() << "SYNTHETIC features (extractor 'synthetic' v1, seed " << o.seed << ", dims "
              << o.dims[0] << "/" << o.dims[1] << "/" << o.dims[2] << " V/A/T, signal " << o.signal
              << ", film offset " << o.filmOffset << "): " << generated << " clips generated, " << unchanged << " unchanged, "
              << planted << " concept spans planted, in " << timer.elapsed() << " ms\n"
              << "These are synthetic features: noise, a per-film offset and one direction per "
                 "annotated concept; not features of real media.\n";
        return 0;
    }
};

const CommandRegistration registration(140, [] { return std::make_unique<SynthFeaturesCommand>(); });

} // namespace
} // namespace ms::cli
