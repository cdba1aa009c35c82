#pragma once

// A hand-made project for "annotate next" and rationale agreement (issue
// 16), shared by the database, CLI and window tests. Every figure the tests
// assert follows from the numbers below.
//
// Films tt0000001 (clips a1..a4) and tt0000002 (b1..b4), times 10 s apart.
//   alice: a1 S [Body]  a2 EN  a3 HN [Voice]  b1 S [Body, Speech]  b2 S [Speech]  b3 EN
//   bob:   a1 S [Body]  a2 S [Body]  b1 EN  b3 EN
//   carol: b2 S [Body]  b3 HN
//   consensus (adjudicated): b1 S [Body, Speech]
//   nobody: a4, b4
// Run 1 (label rule annotator:alice): AVT late on CMAD, fold 0 tests film 1
// and fold 1 film 2, test scores a1 .90 a2 .45 a3 .58 b1 .30 b2 .52 b3 .10;
// a V entry (fewer modalities, not the one read) scores every clip .50.
// Its explanation set (threshold .10) has phi (V, A, T):
//   a1 (.30 .05 .02)  a2 (.05 .25 .01)  a3 (.20 .01 .04)
//   b1 (.15 .00 .12)  b2 (.40 -.05 .12) b3 (.02 .03 .50)
// Run 2 is a run that failed before any result (no predictions, no set).
#include "core/annotation.h"
#include "database/annotationrepository.h"
#include "database/explanationrepository.h"
#include "database/importservice.h"
#include "database/projectdatabase.h"
#include "database/runrepository.h"

#include <QString>

namespace ms::test {

inline core::ImportRecord assistRecord(const QString &clip, const QString &annotator,
                                       std::optional<core::Level> level,
                                       const QStringList &concepts = {})
{
    core::ImportRecord r;
    r.clipId = clip;
    r.movieId = clip.startsWith(u'a') ? QStringLiteral("tt0000001") : QStringLiteral("tt0000002");
    r.hasTimes = true;
    r.startMs = 10000 * (clip.mid(1).toInt() - 1);
    r.endMs = *r.startMs + 8000;
    r.level = level;
    r.concepts = concepts;
    r.annotator = annotator;
    return r;
}

inline void makeAssistProject(const QString &path)
{
    using core::Level;
    db::ProjectDatabase project(path, db::ProjectDatabase::Mode::OpenOrCreate);
    db::ImportService import(project);
    QList<core::ImportRecord> clips;
    for (const char *name : {"a1", "a2", "a3", "a4", "b1", "b2", "b3", "b4"})
        clips.append(assistRecord(QLatin1String(name), {}, std::nullopt));
    import.apply(clips, {}, QStringLiteral("test"));
    const QString body = QStringLiteral("Body"), voice = QStringLiteral("Voice"),
                  speech = QStringLiteral("Speech");
    import.apply({assistRecord(QStringLiteral("a1"), {}, Level::Sure, {body}),
                  assistRecord(QStringLiteral("a2"), {}, Level::EasyNegative),
                  assistRecord(QStringLiteral("a3"), {}, Level::HardNegative, {voice}),
                  assistRecord(QStringLiteral("b1"), {}, Level::Sure, {body, speech}),
                  assistRecord(QStringLiteral("b2"), {}, Level::Sure, {speech}),
                  assistRecord(QStringLiteral("b3"), {}, Level::EasyNegative)},
                 QStringLiteral("alice"), QStringLiteral("test"));
    import.apply({assistRecord(QStringLiteral("a1"), {}, Level::Sure, {body}),
                  assistRecord(QStringLiteral("a2"), {}, Level::Sure, {body}),
                  assistRecord(QStringLiteral("b1"), {}, Level::EasyNegative),
                  assistRecord(QStringLiteral("b3"), {}, Level::EasyNegative)},
                 QStringLiteral("bob"), QStringLiteral("test"));
    import.apply({assistRecord(QStringLiteral("b2"), {}, Level::Sure, {body}),
                  assistRecord(QStringLiteral("b3"), {}, Level::HardNegative)},
                 QStringLiteral("carol"), QStringLiteral("test"));
    db::AnnotationRepository annotations(project.sql());
    annotations.setAnnotation(
        annotations.clipByName(QStringLiteral("b1"))->id, core::LabelRule::consensusAnnotator(),
        {Level::Sure, {body, speech}, {}}, QStringLiteral("adjudication:lead"));

    db::RunRepository runs(project.sql());
    db::RunRecord run;
    run.kind = QStringLiteral("experiment");
    run.label = QStringLiteral("AVT late (hand-made)");
    run.status = QStringLiteral("finished");
    run.config.folds = 2;
    run.config.labelRule = core::LabelRule::annotator(QStringLiteral("alice"));
    const qint64 runId = runs.create(run);
    const core::ModalitySet avt{core::Modality::Visual, core::Modality::Audio,
                                core::Modality::Text};
    const auto result = [&](core::ModalitySet m, int fold,
                            const std::vector<db::RunPrediction> &predictions) {
        db::RunResultRecord r;
        r.runId = runId;
        r.modalities = m;
        r.fusion = m == avt ? QStringLiteral("late") : QStringLiteral("none");
        r.trainSet = QStringLiteral("CMAD");
        r.testSet = m == avt ? QStringLiteral("AVT-CMSD") : QStringLiteral("V-CMSD");
        r.fold = fold;
        return runs.addResult(r, predictions);
    };
    const core::ModalitySet v{core::Modality::Visual};
    result(v, 0,
           {{QStringLiteral("a1"), .5, 1},
            {QStringLiteral("a2"), .5, 0},
            {QStringLiteral("a3"), .5, 1}});
    const qint64 avt0 = result(avt, 0,
                               {{QStringLiteral("a1"), .90, 1},
                                {QStringLiteral("a2"), .45, 0},
                                {QStringLiteral("a3"), .58, 1}});
    result(v, 1,
           {{QStringLiteral("b1"), .5, 1},
            {QStringLiteral("b2"), .5, 1},
            {QStringLiteral("b3"), .5, 0}});
    result(avt, 1,
           {{QStringLiteral("b1"), .30, 1},
            {QStringLiteral("b2"), .52, 1},
            {QStringLiteral("b3"), .10, 0}});

    db::ExplanationSet set;
    set.runId = runId;
    set.resultId = avt0;
    set.baseline = QStringLiteral("mean");
    set.modalities = avt;
    set.fusion = QStringLiteral("late");
    set.trainSet = QStringLiteral("CMAD");
    set.threshold = 0.10;
    const auto explained = [](const QString &clip, double pv, double pa, double pt) {
        db::ClipExplanation e;
        e.clip = clip;
        e.vEmpty = 0.1;
        e.vFull = 0.1 + pv + pa + pt;
        e.score = {pv, pa, pt};
        e.phi = {pv, pa, pt};
        return e;
    };
    db::ExplanationRepository(project.sql())
        .store(set, {explained(QStringLiteral("a1"), .30, .05, .02),
                     explained(QStringLiteral("a2"), .05, .25, .01),
                     explained(QStringLiteral("a3"), .20, .01, .04),
                     explained(QStringLiteral("b1"), .15, .00, .12),
                     explained(QStringLiteral("b2"), .40, -.05, .12),
                     explained(QStringLiteral("b3"), .02, .03, .50)});

    db::RunRecord failed;
    failed.kind = QStringLiteral("train");
    failed.label = QStringLiteral("failed at once");
    runs.finish(runs.create(failed), QStringLiteral("failed"), QStringLiteral("no features"));
}

} // namespace ms::test
