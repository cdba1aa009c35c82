#pragma once

// A model run's explanations stored in a test project, shared by the window
// and explanation-session tests: a VT late-fusion run explained on a1 (S,
// visual concept Body) and a3 (EN) of film 1 and b2 of film 2; the
// text-only attribution on a3 is an error. The project must hold those clips.
#include "database/explanationrepository.h"
#include "database/projectdatabase.h"
#include "database/runrepository.h"

#include <QString>
#include <algorithm>

namespace ms::test {

inline db::ClipExplanation clipExplanation(const QString &name, qint64 start, double v, double t)
{
    db::ClipExplanation e;
    e.clip = name;
    e.vFull = std::max(v, t);
    e.vEmpty = 0.05;
    e.score = {v, std::nullopt, t};
    e.phi = {v - 0.05, std::nullopt, t - 0.05};
    e.pairInteraction = {std::nullopt, 0.02, std::nullopt};
    e.interactionShare = 0.04;
    for (int k = 0; k < 4; ++k) {
        e.tokens.push_back({0, start + k * 1000, start + (k + 1) * 1000, float(k + 1)});
        e.tokens.push_back({2, start + k * 1000, start + (k + 1) * 1000, 0.5f});
    }
    return e;
}

// Returns the stored set's id.
inline qint64 storeExplanationSet(const QString &projectPath,
                                  const QString &runLabel = QStringLiteral("VT late"))
{
    db::ProjectDatabase project(projectPath, db::ProjectDatabase::Mode::OpenExisting);
    db::RunRepository runs(project.sql());
    db::RunRecord run;
    run.kind = QStringLiteral("experiment");
    run.label = runLabel;
    const qint64 runId = runs.create(run);
    db::RunResultRecord r;
    r.runId = runId;
    r.modalities = {core::Modality::Visual, core::Modality::Text};
    r.fusion = QStringLiteral("late");
    r.trainSet = QStringLiteral("CMSD");
    r.testSet = QStringLiteral("VT-CMSD");
    db::ExplanationSet set;
    set.runId = runId;
    set.resultId = runs.addResult(r, {});
    set.baseline = QStringLiteral("mean");
    set.modalities = {core::Modality::Visual, core::Modality::Text};
    set.fusion = QStringLiteral("late");
    set.trainSet = QStringLiteral("CMSD");
    set.threshold = 0.1;
    db::ClipExplanation a3 = clipExplanation(QStringLiteral("a3"), 10000, 0.1, 0.9);
    a3.spurious = {core::Modality::Text};
    a3.errorText = QStringLiteral("text attribution 0.85 without any annotated text concept "
                                  "(experts annotated visual concepts only)");
    return db::ExplanationRepository(project.sql())
        .store(set, {clipExplanation(QStringLiteral("a1"), 0, 0.9, 0.2), a3,
                     clipExplanation(QStringLiteral("b2"), 5000, 0.6, 0.6)});
}

} // namespace ms::test
