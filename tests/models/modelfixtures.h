#pragma once

// Small synthetic data for the models tests (header-only, like testsupport.h).

#include "core/splitmix64.h"
#include "core/synthfeaturegenerator.h"
#include "core/taxonomy.h"
#include "database/annotationrepository.h"
#include "database/featurestore.h"
#include "database/importservice.h"
#include "database/projectdatabase.h"
#include "database/transaction.h"
#include "models/featureset.h"

#include <cmath>

namespace ms::test {

// `clips` clips of visual tokens (dim 16, 3 to 12 tokens); clip i is positive
// when i % 3 == 0 and then carries a fixed direction on two of its tokens.
// With `signal` false the labels are the same but the tokens are pure noise.
inline models::FeatureSet plantedFeatures(int clips, bool signal, std::vector<int> *targets,
                                          quint64 seed = 1)
{
    core::SplitMix64 rng(seed);
    auto gauss = [&] {
        const double u1 = std::max(rng.uniform(), 1e-12), u2 = rng.uniform();
        return float(std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2));
    };
    const int dim = 16;
    std::vector<float> direction(dim);
    for (float &x : direction)
        x = gauss();
    models::FeatureSet set;
    set.setModalities(core::ModalitySet{core::Modality::Visual}, {dim, 0, 0});
    for (int i = 0; i < clips; ++i) {
        const bool positive = i % 3 == 0;
        targets->push_back(positive ? 1 : 0);
        core::FeatureMatrix m;
        m.tokens = 3 + int(rng.below(10));
        m.dim = dim;
        m.data.resize(size_t(m.tokens * dim));
        for (float &x : m.data)
            x = gauss();
        const int at = int(rng.below(quint64(m.tokens - 1)));
        if (positive && signal)
            for (int t = at; t < at + 2; ++t)
                for (int d = 0; d < dim; ++d)
                    m.row(t)[d] += 1.5f * direction[size_t(d)];
        for (int t = 0; t < m.tokens; ++t)
            m.spans.push_back({qint64(t) * 640, qint64(t + 1) * 640});
        std::array<core::FeatureMatrix, 3> f;
        f[0] = std::move(m);
        set.add(QStringLiteral("clip-%1").arg(i, 4, 10, QLatin1Char('0')), std::move(f));
    }
    return set;
}

// A project of `films` films x `perFilm` clips with annotations whose
// concepts plant synthetic features (dims 16/16/16): every third clip Sure
// with a visual concept, every fifth Hard Negative with an audio one, the
// rest Easy Negative.
inline void makeProject(const QString &path, int films = 5, int perFilm = 24)
{
    db::ProjectDatabase project(path, db::ProjectDatabase::Mode::OpenOrCreate);
    const core::Taxonomy tax = core::Taxonomy::defaultTaxonomy();
    QString visual, audio;
    for (const auto &c : tax.concepts()) {
        if (c.modality == core::Modality::Visual && visual.isEmpty())
            visual = c.name;
        if (c.modality == core::Modality::Audio && audio.isEmpty())
            audio = c.name;
    }
    QList<core::ImportRecord> records;
    int line = 1;
    for (int f = 0; f < films; ++f)
        for (int c = 0; c < perFilm; ++c) {
            core::ImportRecord r;
            r.line = ++line;
            r.movieId = QStringLiteral("tt%1").arg(1000000 + f);
            r.clipId = QStringLiteral("%1-%2").arg(r.movieId).arg(c, 3, 10, QLatin1Char('0'));
            const int k = f * perFilm + c;
            if (k % 3 == 0) {
                r.level = core::Level::Sure;
                r.concepts = {visual};
            } else if (k % 5 == 0) {
                r.level = core::Level::HardNegative;
                r.concepts = {audio};
            } else {
                r.level = core::Level::EasyNegative;
            }
            records.append(r);
        }
    db::ImportService(project).apply(records, QStringLiteral("test"), QStringLiteral("test"));

    core::SynthFeatureGenerator::Options o;
    o.seed = 3;
    o.dims = {16, 16, 16};
    o.signal = 3.0;
    const core::SynthFeatureGenerator gen(o);
    auto &sql = project.sql();
    db::AnnotationRepository annotations(sql);
    QHash<QString, QStringList> conceptsOf;
    for (const auto &a : annotations.effectiveAnnotations())
        conceptsOf.insert(a.clipName, a.concepts);
    db::Transaction tx(sql);
    db::FeatureStore store(sql);
    qint64 ids[3];
    for (core::Modality m : core::kAllModalities) {
        core::ExtractorInfo info;
        info.name = QStringLiteral("synthetic");
        info.version = QStringLiteral("1");
        info.params = o.toJson();
        info.modality = m;
        info.synthetic = true;
        ids[int(m)] = store.ensureExtractor(info);
    }
    for (const core::Clip &c : annotations.clips()) {
        QList<core::SynthFeatureGenerator::ConceptRef> refs;
        for (const QString &name : conceptsOf.value(c.name))
            if (const core::Concept *k = tax.find(name); k && k->modality)
                refs.append({k->name, *k->modality});
        const auto res = gen.generate(c.name, c.movieId, refs);
        for (core::Modality m : core::kAllModalities)
            store.put(c.id, ids[int(m)], res.features[int(m)]);
    }
    tx.commit();
}

} // namespace ms::test
